import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMm, scratchRepo } from '../__tests__/run-mm.js';

describe('mm sentinel --watch', () => {
  it('prints the policy decisions: switch on the third bad window, back when the slow EMA recovers', () => {
    const root = scratchRepo();
    mkdirSync(join(root, 'artifacts'), { recursive: true });
    // 1 h windows: the fast (1 h) EMA goes negative at once; the slow (24 h) one lags.
    const samples = [-2, -2, -2, 6, 6, 6].map((net_bps, i) => JSON.stringify({ ts: (i + 1) * 3600, net_bps, duration_s: 3600 }));
    writeFileSync(join(root, 'artifacts/edge.jsonl'), samples.join('\n') + '\n');
    writeFileSync(
      join(root, 'config/sentinel.json'),
      JSON.stringify({
        edge_policy: { fallback_profile: 'conservative', fast_span_s: 3600, slow_span_s: 7200, switch_below_bps: 0, consecutive_windows: 3, switch_back_at_bps: 1.5 },
        advisor: { net_bps_below: 0, spread_step_bps: 0.1, min_interval_block_ratio_above: 0.25, min_interval_step_ms: 10, concurrency_block_ratio_above: 0.1, concurrency_step: 0.1 },
      }),
    );
    const r = runMm(['sentinel', '--profile', 'S1', '--watch', 'artifacts/edge.jsonl', '--no-follow'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const policy = r.stdout.split('\n').filter((l) => l.startsWith('| edge_policy'));
    expect(policy).toHaveLength(6);
    expect(policy[2]).toMatch(/^\| edge_policy \| SWITCH \| FROM=S1 TO=conservative /);
    expect(policy.slice(3).some((l) => /FROM=conservative TO=S1/.test(l))).toBe(true);
    expect(r.stdout).toMatch(/active profile: S1\n$/);
  });

  it('names the file and line of a bad sample', () => {
    const root = scratchRepo();
    writeFileSync(join(root, 'edge.jsonl'), '{"ts":1,"net_bps":1}\n{"ts":2}\n');
    const r = runMm(['sentinel', '--profile', 'S1', '--watch', 'edge.jsonl', '--no-follow'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/edge\.jsonl:2: each line needs numbers "ts" and "net_bps"/);
  });

  it('without duration_s each sample weighs by the time since the previous one: 3 bad half-hours then 400 good ones switch out and back', () => {
    const root = scratchRepo();
    // Default policy: fast span 1 h, slow span 24 h, 3 bad windows, back at slow EMA >= 1.5 bps.
    // Slow EMA after the bad windows: -1. Each good half-hour: alpha = 1 - exp(-1800/86400), so after k good
    // windows EMA = 2 - 3·exp(-k/48): k = 86 gives 1.49996, k = 87 gives 1.51025 -> back on sample 3 + 87 = 90.
    const lines: string[] = [];
    for (let i = 1; i <= 403; i++) lines.push(JSON.stringify({ ts: i * 1800, net_bps: i <= 3 ? -1 : 2 }));
    writeFileSync(join(root, 'edge.jsonl'), lines.join('\n') + '\n');
    // The same windows as a soak writes them: market microseconds from 0, with an iteration number.
    const metrics = lines.map((_, k) => JSON.stringify({ iteration: k + 1, ts: (k + 1) * 1_800_000_000, net_bps: k < 3 ? -1 : 2 }));
    writeFileSync(join(root, 'metrics.jsonl'), metrics.join('\n') + '\n');
    for (const file of ['edge.jsonl', 'metrics.jsonl']) {
      const r = runMm(['sentinel', '--profile', 'S1', '--watch', file, '--no-follow'], { cwd: root });
      expect(r.code, file).toBe(0);
      const policy = r.stdout.split('\n').filter((l) => l.startsWith('| edge_policy'));
      expect(policy).toHaveLength(403);
      const switches = policy.map((l, i) => [i + 1, l] as const).filter(([, l]) => /FROM=/.test(l));
      expect(switches.map(([i]) => i), file).toEqual([3, 90]);
      expect(switches[1]![1]).toMatch(/FROM=conservative TO=S1 REASON=ema_slow>=1.5bps EMA_SLOW=1\.510 /);
    }
  });
});
