import { loadGates } from '@mm-profiles/soak-runner';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOOD_METRICS, soakFixture } from './__tests__/soak-fixture.js';
import { checkGates } from './check-gates.js';
import { readSoakArtifacts } from './soak-artifacts.js';

const REPO = join(import.meta.dirname, '../../..');
const gates = loadGates(join(REPO, 'config/gates/soak.json'));
const label = (p: string) => p;
const check = (dir: string) => checkGates(readSoakArtifacts(dir, label, undefined, gates), gates, {});

describe('checkGates over hand-made soak artifacts', () => {
  it('passes when every gate holds', () => {
    const r = check(soakFixture());
    expect(r.verdict).toBe('PASS');
    expect(r.reasons).toEqual([]);
    expect(r.gates.filter((g) => g.kind === 'hard').map((g) => [g.metric, g.pass])).toEqual([
      ['net_bps', true],
      ['hit_ratio', true],
      ['latency_p95_ms', true],
    ]);
  });

  it('fails on a hard gate and names it', () => {
    const r = check(soakFixture({ metrics: { ...GOOD_METRICS, net_bps: -0.2 } }));
    expect(r.verdict).toBe('FAIL');
    expect(r.reasons).toEqual(['hard gate net_bps > 0 fails: net_bps -0.2 <= 0']);
  });

  it('judges a hard gate on the interval rebuilt from the windows (replay): straddling is INCONCLUSIVE', () => {
    // Windows' net bps 0.3, -0.1, 0.2, 0, 0.1, 0.1: mean 0.1, s = sqrt(0.1/5) = 0.141421, t(5) = 2.570582,
    // half-width 2.570582 * 0.141421 / sqrt(6) = 0.148413.
    const straddling = [0.3, -0.1, 0.2, 0, 0.1, 0.1];
    const r = check(soakFixture({ windowNets: straddling }));
    expect(r.verdict).toBe('INCONCLUSIVE');
    expect(r.reasons).toEqual(['hard gate net_bps > 0 is undecided: net_bps 0.1 [-0.048413, 0.248413] straddles > 0 (n=6)']);
    // The same interval claimed in the summary is accepted; an edited one is refused, not judged.
    const claimed = { mean: 0.1, lo: -0.048413, hi: 0.248413, n: 6, stdev: 0.141421 };
    expect(check(soakFixture({ windowNets: straddling, intervals: { net_bps: claimed } })).verdict).toBe('INCONCLUSIVE');
    expect(() => check(soakFixture({ windowNets: straddling, intervals: { net_bps: { ...claimed, lo: 0.02 } } }))).toThrow(
      /summary\.json: intervals\.net_bps is 0\.1 \[0\.02, 0\.248413\] n=6, but the windows with fills in .*metrics\.jsonl \(6 sample\(s\)\) give 0\.1 \[-0\.048413, 0\.248413\] n=6/,
    );
    // Windows 0.1, 0.1, 0.05, 0.15, 0.1, 0.1: s = 0.031623, half-width 0.033186: lower bound 0.066814 > 0.
    const sure = check(soakFixture({ windowNets: [0.1, 0.1, 0.05, 0.15, 0.1, 0.1] }));
    expect(sure.verdict).toBe('PASS');
    expect(sure.gates.find((g) => g.metric === 'net_bps')!.interval).toMatchObject({ lo: 0.066814, hi: 0.133186, n: 6 });
  });

  it('refuses an interval claimed where the artifacts hold no samples (a synthetic run alone)', () => {
    expect(() => check(soakFixture({ intervals: { net_bps: { mean: 0.1, lo: 0.02, hi: 0.18, n: 6, stdev: 0.07 } } }))).toThrow(/intervals\.net_bps .* \(0 sample\(s\)\) give none/);
  });

  it('a hard gate at its boundary: net_bps > 0 fails at exactly 0, hit_ratio >= 0.7 holds at 0.7', () => {
    const r = check(soakFixture({ metrics: { ...GOOD_METRICS, net_bps: 0, hit_ratio: 0.7 } }));
    expect(r.gates.find((g) => g.metric === 'net_bps')!.pass).toBe(false);
    expect(r.gates.find((g) => g.metric === 'hit_ratio')!.pass).toBe(true);
  });

  it('soft failures only: PASS, with the soft gates marked failed', () => {
    const r = check(soakFixture({ metrics: { ...GOOD_METRICS, cancel_ratio: 0.9, order_age_p95_ms: 900 } }));
    expect(r.verdict).toBe('PASS');
    expect(r.gates.filter((g) => !g.pass).map((g) => `${g.kind}:${g.metric}`)).toEqual(['soft:cancel_ratio', 'soft:order_age_p95_ms']);
  });

  it('a gated metric missing from the summary is refused (exit 2), not judged', () => {
    const { latency_p95_ms: _dropped, ...rest } = GOOD_METRICS;
    const dir = soakFixture({ metrics: rest });
    expect(() => check(dir)).toThrow(expect.objectContaining({ exitCode: 2, message: `${join(dir, 'summary.json')}: metrics.latency_p95_ms is missing (gate latency_p95_ms <= 150); the summary is from another version or was edited` }));
  });
});

describe('readSoakArtifacts refuses what it cannot trust (exit 2)', () => {
  const refuses = (dir: string, message: RegExp) => {
    let error: unknown;
    try {
      readSoakArtifacts(dir, label);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ exitCode: 2 });
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  };

  it('an incomplete run', () => refuses(soakFixture({ complete: false }), /incomplete \(2 of 3 iterations\)/));

  it('a missing summary', () => {
    const dir = soakFixture();
    writeFileSync(join(dir, 'summary.json'), '{"profile": "S1", "verdict": "PASS",');
    refuses(dir, /summary\.json/);
  });

  it('a summary without metrics', () => {
    const dir = soakFixture();
    writeFileSync(join(dir, 'summary.json'), JSON.stringify({ profile: 'S1', verdict: 'PASS', complete: true }));
    refuses(dir, /summary\.json.*metrics/);
  });

  it('a garbage metrics line, by line number', () => {
    const dir = soakFixture();
    appendFileSync(join(dir, 'metrics.jsonl'), 'garbage\n');
    refuses(dir, /metrics\.jsonl:3: not a JSON line/);
  });

  it('a tampered audit line breaks the chain', () => {
    const dir = soakFixture();
    const path = join(dir, 'audit.jsonl');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"px":100', '"px":101'));
    refuses(dir, /audit\.jsonl:1: audit chain broken/);
  });

  it('an audit log cut at a line boundary (the chain alone still verifies)', () => {
    const dir = soakFixture({ auditLines: 4 });
    const path = join(dir, 'audit.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n');
    writeFileSync(path, lines.slice(0, 2).join('\n') + '\n');
    refuses(dir, /2 line\(s\).*recorded 5/);
  });

  it('--audit fills binds like full; the mode in the summary must be the END record\'s', () => {
    const dir = soakFixture({ auditMode: 'fills' });
    expect(check(dir).verdict).toBe('PASS');
    const summaryPath = join(dir, 'summary.json');
    const summary = JSON.parse(readFileSync(summaryPath, 'utf8'));
    delete summary.audit.mode;
    writeFileSync(summaryPath, JSON.stringify(summary));
    refuses(dir, /END record says --audit fills, .*summary\.json says full/);
  });

  it('--audit off: refused unless allowed, then judged on summary and metrics (still bound to each other)', () => {
    const dir = soakFixture({ auditMode: 'off' });
    refuses(dir, /summary\.json: the run kept no audit \(mm soak --audit off\).*--allow-no-audit/);
    const allowed = readSoakArtifacts(dir, label, undefined, gates, undefined, true);
    expect(allowed.auditMode).toBe('off');
    expect(allowed.auditLines).toBe(0);
    const r = checkGates(allowed, gates, {});
    expect(r.verdict).toBe('PASS');
    expect(r.subject).toMatchObject({ audit_lines: 0, audit_mode: 'off' });
    // Allowing a missing audit does not stop the metrics binding.
    appendFileSync(join(dir, 'metrics.jsonl'), '{}\n');
    expect(() => readSoakArtifacts(dir, label, undefined, gates, undefined, true)).toThrow(/metrics\.jsonl/);
  });

  it('a summary edited to say --audit off, beside an audit.jsonl, is refused even under --allow-no-audit', () => {
    const dir = soakFixture();
    const summaryPath = join(dir, 'summary.json');
    const summary = JSON.parse(readFileSync(summaryPath, 'utf8'));
    summary.audit = { mode: 'off' };
    writeFileSync(summaryPath, JSON.stringify(summary));
    expect(() => readSoakArtifacts(dir, label, undefined, gates, undefined, true)).toThrow(/says --audit off, but .*audit\.jsonl is there/);
  });
});
