import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson, loadBase, loadProfileFile, resolveProfile, type SoakSummary } from '@mm-profiles/profile-core';
import { advise } from './advisor.js';
import { DEFAULT_SENTINEL_CONFIG } from './sentinel-config.js';

const CONFIG = resolve(import.meta.dirname, '../../../config/profiles');
const base = loadBase(CONFIG).content;
const s1 = loadProfileFile('S1', CONFIG).content;
const cfg = DEFAULT_SENTINEL_CONFIG.advisor;

function summary(net_bps: number, blocks: Partial<SoakSummary['metrics']['blocked_by']>, attempts = 1000): SoakSummary {
  return {
    profile: 'S1',
    verdict: 'FAIL',
    metrics: { net_bps, attempts, executed: attempts, blocked_by: { risk: 0, min_interval: 0, concurrency: 0, throttle: 0, ...blocks } },
  };
}

describe('advise', () => {
  it('negative edge widens the spread, keeping the delta form', () => {
    const a = advise(summary(-1.2, {}), base, s1, cfg);
    expect(a.profile.base_spread_bps_delta).toBe(0.45);
    expect(a.applied.base_spread_bps).toBe(0.95);
    expect(a.reasons).toHaveLength(1);
    expect(a.reasons[0]).toMatch(/net edge -1.2 bps < 0: base_spread_bps 0.85 -> 0.95/);
  });

  it('min_interval-heavy raises min_interval_ms, keeping the absolute form', () => {
    const a = advise(summary(1, { min_interval: 400 }), base, s1, cfg);
    expect(a.profile.min_interval_ms).toBe(70);
    expect(a.profile.base_spread_bps_delta).toBe(0.35);
    expect(a.reasons).toEqual([expect.stringMatching(/min_interval blocks 40.0% of attempts > 25%: min_interval_ms 60 -> 70/)]);
  });

  it('concurrency-heavy at 1.9 (one slot: the guard floors it) suggests nothing, and says why', () => {
    const a = advise(summary(1, { concurrency: 300 }), base, s1, cfg);
    expect(a.profile).toEqual(s1);
    expect(a.applied.concurrency_limit).toBe(1.9);
    expect(a.reasons).toEqual([expect.stringMatching(/concurrency_limit 1.9 is already one slot .*: lowering it would change nothing/)]);
  });

  it('concurrency-heavy lowers concurrency_limit only to a value with fewer slots', () => {
    // 2.5 - 0.1 = 2.4 floors to 2 slots like 2.5: no effect, so one slot fewer: 1 (delta 1 - 2.5 = -1.5 on base 2).
    const a = advise(summary(1, { concurrency: 300 }), base, { concurrency_limit: 2.5 }, cfg);
    expect(a.applied.concurrency_limit).toBe(1);
    expect(a.reasons[0]).toMatch(/concurrency_limit 2.5 -> 1 \(2 -> 1 requests in flight/);
    // 3 - 0.1 = 2.9 already has fewer slots (2): the step stands, in the profile's delta form.
    const b = advise(summary(1, { concurrency: 300 }), base, { concurrency_limit_delta: 1 }, cfg);
    expect(base.concurrency_limit + 1).toBe(3);
    expect(b.profile.concurrency_limit_delta).toBe(0.9);
    expect(b.applied.concurrency_limit).toBe(2.9);
  });

  it('a healthy run changes nothing', () => {
    const a = advise(summary(2, { min_interval: 10, concurrency: 10 }), base, s1, cfg);
    expect(a.profile).toEqual(s1);
    expect(a.reasons).toEqual([]);
  });

  it('never takes concurrency below 1', () => {
    const a = advise(summary(1, { concurrency: 900 }), base, { concurrency_limit: 1 }, cfg);
    expect(a.applied.concurrency_limit).toBe(1);
    expect(a.reasons[0]).toMatch(/concurrency_limit 1 is already one slot/);
  });

  it('the written profile loads with profile-core', () => {
    const a = advise(summary(-1, { min_interval: 500, concurrency: 300 }), base, s1, cfg);
    const root = mkdtempSync(join(tmpdir(), 'mm-advise-'));
    cpSync(CONFIG, join(root, 'config/profiles'), { recursive: true });
    writeFileSync(join(root, 'config/profiles/market_maker_advised.json'), canonicalJson(a.profile));
    const loaded = resolveProfile({ name: 'advised', configDir: join(root, 'config/profiles'), root, env: {} });
    expect(loaded.applied).toEqual(a.applied);
    expect(loaded.applied).toMatchObject({ base_spread_bps: 0.95, min_interval_ms: 70, concurrency_limit: 1.9 });
  });
});
