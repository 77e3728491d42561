import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMm, scratchRepo } from '../__tests__/run-mm.js';

describe('mm advise', () => {
  it('prints the advice and writes a loadable recommended_profile.json', () => {
    const root = scratchRepo();
    const dir = join(root, 'artifacts/soak');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'summary.json'),
      JSON.stringify({
        profile: 'S1',
        verdict: 'FAIL',
        metrics: { net_bps: -0.4, attempts: 100, executed: 60, blocked_by: { risk: 0, min_interval: 30, concurrency: 5, throttle: 5 } },
      }),
    );
    const r = runMm(['advise', '--from', 'artifacts/soak'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/base_spread_bps 0.85 -> 0.95/);
    expect(r.stdout).toMatch(/min_interval_ms 60 -> 70/);
    const advised = readFileSync(join(dir, 'recommended_profile.json'), 'utf8');
    writeFileSync(join(root, 'config/profiles/market_maker_next.json'), advised);
    const check = runMm(['profiles', 'validate', 'next'], { cwd: root });
    expect(check.code).toBe(0);
  });

  it('refuses a summary of the wrong shape, naming the key', () => {
    const root = scratchRepo();
    mkdirSync(join(root, 'out'), { recursive: true });
    writeFileSync(join(root, 'out/summary.json'), JSON.stringify({ profile: 'S1', verdict: 'FAIL', metrics: { net_bps: 'x' } }));
    const r = runMm(['advise', '--from', 'out'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out\/summary\.json: key "metrics.net_bps" must be a number/);
  });
});
