import { describe, expect, it } from 'vitest';
import { metricMismatches, missingWindowField } from './recompute-metrics.js';

// Two windows worked by hand: turnover 10,000 each; gross 1 and 2, fees -0.5 each -> net amount 2 over 20,000
// turnover = 1 bps; gross 3/20000*1e4 = 1.5 bps; executed 30 of 40 attempts -> hit 0.75; 6 cancels+replaces of
// 30 executed -> 0.2.
const W = [
  { fills: 3, attempts: 10, executed: 8, cancels: 1, replaces: 1, turnover: 10000, gross: 1, fees: -0.5, slippage: 0, inventory: 0, blocked_by: { risk: 0, min_interval: 1, concurrency: 1, throttle: 0 } },
  { fills: 5, attempts: 30, executed: 22, cancels: 2, replaces: 2, turnover: 10000, gross: 2, fees: -0.5, slippage: 0, inventory: 0, blocked_by: { risk: 0, min_interval: 2, concurrency: 0, throttle: 0 } },
];
const TOTAL = {
  fills: 8, attempts: 40, executed: 30, cancels: 3, replaces: 3, turnover: 20000, gross: 3, fees: -1, slippage: 0, inventory: 0,
  gross_bps: 1.5, fees_eff_bps: -0.5, net_bps: 1, hit_ratio: 0.75, cancel_ratio: 0.2, blocked_by: { risk: 0, min_interval: 3, concurrency: 1, throttle: 0 },
};

describe('rebuilding run totals from metrics.jsonl windows', () => {
  it('hand-worked totals agree', () => {
    expect(metricMismatches(TOTAL, W)).toEqual([]);
    expect(missingWindowField(W)).toBeNull();
  });

  it('an edited net_bps, hit ratio, count or block count is caught; rounding to 6 decimals is not', () => {
    expect(metricMismatches({ ...TOTAL, net_bps: 1.000001 }, W)).toEqual([]);
    expect(metricMismatches({ ...TOTAL, net_bps: 1.1 }, W)).toEqual([{ metric: 'net_bps', summary: 1.1, rebuilt: 1 }]);
    expect(metricMismatches({ ...TOTAL, hit_ratio: 0.8 }, W).map((m) => m.metric)).toEqual(['hit_ratio']);
    expect(metricMismatches({ ...TOTAL, fills: 9 }, W).map((m) => m.metric)).toEqual(['fills']);
    expect(metricMismatches({ ...TOTAL, blocked_by: { ...TOTAL.blocked_by, concurrency: 0 } }, W).map((m) => m.metric)).toEqual(['blocked_by.concurrency']);
    expect(metricMismatches({ ...TOTAL, net_bps: 'x' }, W)).toEqual([{ metric: 'net_bps', summary: NaN, rebuilt: 1 }]);
  });

  it('a window without a field the rebuild needs is named', () => {
    const { turnover: _t, ...rest } = W[1]!;
    expect(missingWindowField([W[0]!, rest])).toEqual({ index: 1, field: 'turnover' });
  });
});
