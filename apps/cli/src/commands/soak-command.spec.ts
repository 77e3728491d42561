import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMm, scratchRepo } from '../__tests__/run-mm.js';

describe('mm soak', () => {
  it("the seed's command works as written: S1 passes, files of SPEC 7 exist and parse", () => {
    const root = scratchRepo();
    const r = runMm(['soak', '--iterations', '2', '--mock', '--export-json', 'artifacts/soak/metrics.jsonl'], {
      cwd: root,
      env: { SOAK_HOURS: '0', MM_PROFILE: 'S1' },
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/SOAK TEST: PASS\n={60}\nDuration: 1h\nLatency P95: [\d.]+ms\nHit Ratio: [\d.]+%\nEdge BPS: \d+\.\d\d\n/);
    expect(r.code).toBe(0);
    const dir = join(root, 'artifacts/soak');
    for (const f of ['applied_profile.json', 'applied_profile.provenance.json', 'EDGE_REPORT.json', 'summary.json']) JSON.parse(readFileSync(join(dir, f), 'utf8'));
    for (const f of ['metrics.jsonl', 'audit.jsonl']) for (const l of readFileSync(join(dir, f), 'utf8').trim().split('\n')) JSON.parse(l);
    for (const f of ['EDGE_REPORT.md', 'SOAK_RESULTS.md']) expect(existsSync(join(dir, f))).toBe(true);
    const v = runMm(['audit', 'verify', 'artifacts/soak/audit.jsonl'], { cwd: root });
    expect(v.code).toBe(0);
    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8').split('\n');
    lines[3] = lines[3]!.replace('"ts":', '"ts":1');
    writeFileSync(join(dir, 'audit.jsonl'), lines.join('\n'));
    const bad = runMm(['audit', 'verify', 'artifacts/soak/audit.jsonl'], { cwd: root });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/audit\.jsonl:4: hash does not match/);
  });

  it('the base profile fails on the same scenario with negative edge', () => {
    const r = runMm(['soak', '--profile', 'base', '--mock', '--quiet'], { cwd: scratchRepo() });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/SOAK TEST: FAIL/);
    expect(r.stdout).toMatch(/Edge BPS: -\d+\.\d\d/);
  });

  it('bad input: no market, unknown scenario, bad iterations -> exit 2, one line', () => {
    const root = scratchRepo();
    for (const [args, msg] of [
      [['soak', '--profile', 'S1'], /no market given/],
      [['soak', '--profile', 'S1', '--mock', '--scenario', 'nope'], /config\/scenarios\/nope\.json: scenario file not found/],
      [['soak', '--profile', 'S1', '--mock', '--iterations', '0'], /--iterations must be a whole number >= 1/],
      [['soak', '--profile', 'S1', '--replay', 'x.gz'], /--replay needs --format/],
      [['soak', '--profile', 'S1', '--mock', '--seed', 'abc'], /--seed must be a whole number, got "abc"/],
      [['soak', '--profile', 'S1', '--replay', 'missing.gz', '--format', 'binance-ws'], /missing\.gz: replay file not found/],
    ] as const) {
      const r = runMm([...args], { cwd: root });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
  });
});
