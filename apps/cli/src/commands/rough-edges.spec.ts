/**
 * Flags and inputs a newcomer got wrong without a word (issue #13 item 12), each through the built `mm` in a
 * child process: --hours honoured exactly, --watch with --dry-run refused, advice refused on an interrupted
 * soak, a malformed JSONL sample located as file:line:column.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMm, scratchRepo } from '../__tests__/run-mm.js';

describe('mm rough edges', () => {
  it('--hours 0.1 soaks exactly 6 minutes of market time (one 360 s window, not the scenario\'s 30 min)', () => {
    const root = scratchRepo();
    const r = runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--hours', '0.1', '--quiet'], { cwd: root });
    expect(r.stdout).toMatch(/SOAK TEST: /);
    const s = JSON.parse(readFileSync(join(root, 'artifacts/soak/summary.json'), 'utf8'));
    expect(s.window_s).toBe(360);
    expect(s.iterations).toBe(1);
    expect(s.metrics.duration_s).toBe(360);
  });

  it('--hours 1.5 on 30 min windows: three of them; with --iterations 2: two of 45 min', () => {
    const root = scratchRepo();
    runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--hours', '1.5', '--quiet'], { cwd: root });
    const a = JSON.parse(readFileSync(join(root, 'artifacts/soak/summary.json'), 'utf8'));
    expect([a.iterations, a.window_s]).toEqual([3, 1800]);
    runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--hours', '1.5', '--iterations', '2', '--quiet'], { cwd: root });
    const b = JSON.parse(readFileSync(join(root, 'artifacts/soak/summary.json'), 'utf8'));
    expect([b.iterations, b.window_s]).toEqual([2, 2700]);
  });

  it('mm sentinel --watch with --dry-run is refused (exit 2), nothing written', () => {
    const root = scratchRepo();
    writeFileSync(join(root, 'edge.jsonl'), '{"ts":1,"net_bps":1}\n');
    const r = runMm(['sentinel', '--profile', 'S1', '--dry-run', '--watch', 'edge.jsonl', '--no-follow'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--watch tails edge samples against an applied profile; --dry-run applies nothing/);
    expect(existsSync(join(root, 'artifacts/soak/applied_profile.json'))).toBe(false);
  });

  it('mm advise refuses an interrupted soak (verdict INCOMPLETE), exit 2, nothing written', () => {
    const root = scratchRepo();
    const dir = join(root, 'artifacts/soak');
    mkdirSync(dir, { recursive: true });
    const metrics = { net_bps: -0.4, attempts: 100, executed: 60, blocked_by: { risk: 0, min_interval: 30, concurrency: 5, throttle: 5 } };
    writeFileSync(join(dir, 'summary.json'), JSON.stringify({ profile: 'S1', verdict: 'INCOMPLETE', metrics }));
    const r = runMm(['advise', '--from', 'artifacts/soak'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/summary\.json: the soak was interrupted \(verdict INCOMPLETE\): no advice from a partial run/);
    expect(existsSync(join(dir, 'recommended_profile.json'))).toBe(false);
  });

  it('a malformed line of a watched JSONL file is located as file:line:column', () => {
    const root = scratchRepo();
    writeFileSync(join(root, 'edge.jsonl'), '{"ts":1,"net_bps":1}\n\n{"ts":2,,"net_bps":1}\n');
    const r = runMm(['sentinel', '--profile', 'S1', '--watch', 'edge.jsonl', '--no-follow'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/edge\.jsonl:3:9: malformed JSON: expected a double-quoted property name/);
  });
});
