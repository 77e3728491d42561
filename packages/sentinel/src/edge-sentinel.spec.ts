import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EdgeSentinel } from './edge-sentinel.js';

function workspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'mm-sentinel-'));
  writeFileSync(join(root, 'nx.json'), '{}');
  cpSync(resolve(import.meta.dirname, '../../../config'), join(root, 'config'), { recursive: true });
  return root;
}

describe('EdgeSentinel', () => {
  it("runs the seed's snippet: record a block, count an iteration, check and adjust, save", () => {
    const root = workspace();
    const sentinel = new EdgeSentinel({ profileName: 'S1', root, env: {} });
    expect(sentinel.appliedProfile.min_interval_ms).toBe(60);
    sentinel.recordBlock('min_interval');
    sentinel.totalIterations += 1;
    const adj = sentinel.checkAndAdjustMinInterval();
    expect(adj).toEqual({ ts: 0, field: 'min_interval_ms', from: 60, to: 70, reason: 'auto_min_interval' });
    const path = sentinel.saveAppliedProfile();
    expect(path).toBe(join(root, 'artifacts/soak/applied_profile.json'));
    expect(JSON.parse(readFileSync(path, 'utf8')).min_interval_ms).toBe(70);
    const prov = JSON.parse(readFileSync(join(root, 'artifacts/soak/applied_profile.provenance.json'), 'utf8'));
    expect(prov.runtime_adjustments).toEqual([{ field: 'min_interval_ms', from: 60, reason: 'auto_min_interval', to: 70, ts: 0 }]);
  });

  it('30% min_interval blocks in a window: 60 -> 70 ms with the marker', () => {
    const lines: string[] = [];
    const s = new EdgeSentinel({ profileName: 'S1', root: workspace(), env: {}, log: (l) => lines.push(l) });
    for (let i = 0; i < 3; i++) s.recordBlock('min_interval');
    s.totalIterations += 10;
    expect(s.checkAndAdjustMinInterval(1_000_000)?.to).toBe(70);
    expect(lines).toEqual(['| min_interval_adjust | block_rate=30.00% | 60ms -> 70ms |']);
    expect(s.runtimeAdjustments).toHaveLength(1);
    expect(s.runtimeAdjustments[0]!.ts).toBe(1_000_000);
  });

  it('exactly 25% changes nothing', () => {
    const s = new EdgeSentinel({ profileName: 'S1', root: workspace(), env: {} });
    s.recordBlock('min_interval');
    s.totalIterations += 4;
    expect(s.checkAndAdjustMinInterval()).toBeUndefined();
    expect(s.appliedProfile.min_interval_ms).toBe(60);
    expect(s.runtimeAdjustments).toHaveLength(0);
  });

  it('stops at 300 and stays there', () => {
    const s = new EdgeSentinel({ profileName: 'S1', root: workspace(), env: { MM_RUNTIME_OVERRIDES_JSON: '{"min_interval_ms":295}' } });
    expect(s.appliedProfile.min_interval_ms).toBe(295);
    for (let w = 0; w < 3; w++) {
      s.recordBlock('min_interval');
      s.totalIterations += 1;
      s.checkAndAdjustMinInterval();
    }
    expect(s.appliedProfile.min_interval_ms).toBe(300);
    expect(s.runtimeAdjustments.filter((a) => a.reason === 'auto_min_interval')).toHaveLength(1);
  });

  it('resets the window after each check but keeps the totals', () => {
    const s = new EdgeSentinel({ profileName: 'S1', root: workspace(), env: {} });
    s.recordBlock('min_interval');
    s.totalIterations += 1;
    s.checkAndAdjustMinInterval();
    // A quiet window: no new blocks, so no raise (the original compounded forever); blocks fell, so it reverts.
    s.totalIterations += 10;
    expect(s.checkAndAdjustMinInterval()).toMatchObject({ from: 70, to: 60, reason: 'auto_min_interval_revert' });
    expect(s.blockedBy.min_interval).toBe(1);
    expect(s.totalIterations).toBe(11);
  });

  it('the guard uses the tuned interval', () => {
    const s = new EdgeSentinel({ profileName: 'S1', root: workspace(), env: {} });
    expect(s.check('place', 'bid', 1, 0)).toBeUndefined();
    s.onAck();
    expect(s.check('place', 'bid', 1, 65_000)).toBeUndefined();
    s.onAck();
    s.recordBlock('min_interval');
    s.checkAndAdjustMinInterval();
    expect(s.check('place', 'bid', 1, 130_000)).toBe('min_interval');
    expect(s.blockedBy.min_interval).toBe(2);
    expect(s.executed).toBe(2);
  });

  it("recordBlock('bogus') is an error, not a silent no-op", () => {
    const s = new EdgeSentinel({ profileName: 'S1', root: workspace(), env: {} });
    // @ts-expect-error: the type already refuses it; the runtime must too.
    expect(() => s.recordBlock('bogus')).toThrow(/unknown block reason "bogus"/);
    expect(s.blockedBy).toEqual({ risk: 0, min_interval: 0, concurrency: 0, throttle: 0 });
  });

  it('an intent blocked on several events is one attempt and one block per reason', () => {
    const s = new EdgeSentinel({ profileName: 'S1', root: workspace(), env: {} });
    expect(s.checkIntent('place', 'bid', 1, 0, true, undefined)).toBeUndefined();
    s.onAck();
    // Wanted again 10, 20, 30 ms later: min_interval (60 ms) blocks each time, counted once.
    let last = s.checkIntent('replace', 'bid', 1, 10_000, true, undefined);
    for (const t of [20_000, 30_000]) last = s.checkIntent('replace', 'bid', 1, t, false, last);
    expect(last).toBe('min_interval');
    expect(s.checkIntent('replace', 'bid', 1, 70_000, false, last)).toBeUndefined();
    expect(s.totalIterations).toBe(2);
    expect(s.blockedBy.min_interval).toBe(1);
    expect(s.executed).toBe(2);
  });
});
