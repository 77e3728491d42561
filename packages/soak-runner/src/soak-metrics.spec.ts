/**
 * computeMetrics on a hand-made input: every metric's expected value is worked out by hand in the comments from
 * SPEC 8's definitions (and the type-7 percentile: position (n-1)q between the sorted samples).
 */
import { describe, expect, it } from 'vitest';
import type { EngineSamples } from './engine.js';
import { percentile } from './internal/percentile.js';
import { computeMetrics, edgeBps, meanMetrics, mergeSamples, METRIC_NAMES, RunSamples, subtractCounts, type MetricsInput } from './soak-metrics.js';

const input = (): MetricsInput => ({
  counters: {
    attempts: 10,
    executed: 8,
    places: 3,
    replaces: 4,
    cancels: 1,
    tailAgeRefreshes: 2,
    rejects: 1,
    postOnlyRejects: 1,
    presenceUs: 1_500_000,
    absPositionUs: 3_000_000,
  },
  amounts: { gross: 0.3, slippage: -0.1, fees: 0.05, inventory: -0.05, turnover: 1000, fills: 4, volume: 10 },
  blocked: { risk: 0, min_interval: 1, concurrency: 0, throttle: 1 },
  samples: {
    latencyMs: [50, 10, 40, 20, 30],
    feedLatencyMs: [4, 0, 2, 1, 3, 9, 5, 6, 8, 7, 10],
    adverseBps: [11, 3, 7, 1, 9, 5, 2, 10, 4, 8, 6],
    slippageBps: [2, -1, 0],
    orderAgeMs: [300, 100],
    markoutWeighted: [-10, -20, 30, 0],
    markoutNotional: [100, 100, 100, 0],
    fillNotional: 1000,
    realisedWeighted: 500,
    instantWeighted: -200,
    maxAbsPosition: 2,
    maxDrawdown: 0.1,
  },
  durationUs: 2_000_000,
  maxAbsPosition: 3,
  maxDrawdown: 0.4,
  minIntervalMs: 60,
});

describe('computeMetrics, every metric by hand', () => {
  const m = computeMetrics(input());

  it('counts and ratios', () => {
    expect(m['duration_s']).toBe(2); // 2,000,000 us
    expect(m['fills']).toBe(4);
    expect(m['volume']).toBe(10);
    expect(m['turnover']).toBe(1000);
    expect(m['attempts']).toBe(10);
    expect(m['executed']).toBe(8);
    expect(m['places']).toBe(3);
    expect(m['replaces']).toBe(4);
    expect(m['cancels']).toBe(1);
    expect(m['tail_age_refreshes']).toBe(2);
    expect(m['rejects']).toBe(1);
    expect(m['post_only_rejects']).toBe(1);
    expect(m['hit_ratio']).toBe(0.8); // executed / attempts = 8 / 10
    expect(m['fill_ratio']).toBe(0.571429); // fills / orders placed (places + replaces) = 4 / 7
    expect(m['cancel_ratio']).toBe(0.625); // (cancels + replaces) / executed = (1 + 4) / 8
    expect(m['order_to_trade']).toBe(2); // executed / fills = 8 / 4
    expect(m['blocked']).toBe(2); // 0 + 1 + 0 + 1
    expect(m['blocked_by']).toEqual({ risk: 0, min_interval: 1, concurrency: 0, throttle: 1 });
    expect(m['block_ratio']).toEqual({ risk: 0, min_interval: 0.1, concurrency: 0, throttle: 0.1 }); // / attempts
    expect(m['min_interval_ms']).toBe(60);
  });

  it('edge amounts and bps of turnover', () => {
    expect(m['gross']).toBe(0.3);
    expect(m['fees']).toBe(0.05);
    expect(m['slippage']).toBe(-0.1);
    expect(m['inventory']).toBe(-0.05);
    expect(m['pnl']).toBe(0.2); // 0.3 + 0.05 - 0.1 - 0.05
    expect(m['gross_bps']).toBe(3); // 0.3 / 1000 * 1e4
    expect(m['fees_eff_bps']).toBe(0.5);
    expect(m['slippage_bps']).toBe(-1);
    expect(m['inventory_bps']).toBe(-0.5);
    expect(m['net_bps']).toBe(2); // 3 + 0.5 - 1 - 0.5
  });

  it('markouts: turnover-weighted per horizon; adverse_bps is the 1 s one', () => {
    // sum(markout * notional) / sum(notional): -10/100, -20/100, 30/100; no notional at 30 s -> 0
    expect(m['markout_bps']).toEqual({ '0.1s': -0.1, '1s': -0.2, '5s': 0.3, '30s': 0 });
    expect(m['adverse_bps']).toBe(-0.2);
  });

  it('realised spread and instant move: turnover-weighted per fill', () => {
    expect(m['realised_spread_bps']).toBe(0.5); // 500 bps·notional / 1000 notional
    expect(m['instant_move_bps']).toBe(-0.2); // -200 / 1000
  });

  it('percentiles (type 7) of each sample set', () => {
    // latency sorted 10 20 30 40 50: p50 at 2 -> 30; p95 at 3.8 -> 40 + 0.8 * 10 = 48; p99 at 3.96 -> 49.6
    expect(m['latency_p50_ms']).toBe(30);
    expect(m['latency_p95_ms']).toBe(48);
    expect(m['latency_p99_ms']).toBe(49.6);
    // feed 0..10: p50 at 5 -> 5; p95 at 9.5 -> 9.5; p99 at 9.9 -> 9.9
    expect(m['feed_latency_p50_ms']).toBe(5);
    expect(m['feed_latency_p95_ms']).toBe(9.5);
    expect(m['feed_latency_p99_ms']).toBe(9.9);
    // adverse 1..11: p95 at 10 * 0.95 = 9.5 -> 10 + 0.5 * 1 = 10.5
    expect(m['adverse_bps_p95']).toBe(10.5);
    // slippage sorted -1 0 2: p95 at 1.9 -> 0 + 0.9 * 2 = 1.8
    expect(m['slippage_bps_p95']).toBe(1.8);
    // order age 100 300: p95 at 0.95 -> 100 + 0.95 * 200 = 290
    expect(m['order_age_p95_ms']).toBe(290);
  });

  it('time-weighted: quote presence and mean |position| over the duration', () => {
    expect(m['quote_presence']).toBe(0.75); // 1.5 s of two-sided quotes in 2 s
    expect(m['mean_abs_position']).toBe(1.5); // 3,000,000 position-us / 2,000,000 us
    expect(m['max_abs_position']).toBe(3);
    expect(m['max_drawdown']).toBe(0.4);
  });

  it('no key goes unchecked', () => {
    const checked = [
      'duration_s', 'fills', 'volume', 'turnover', 'attempts', 'executed', 'places', 'replaces', 'cancels', 'tail_age_refreshes',
      'rejects', 'post_only_rejects', 'hit_ratio', 'fill_ratio', 'realised_spread_bps', 'instant_move_bps', 'cancel_ratio', 'order_to_trade', 'blocked', 'blocked_by', 'block_ratio',
      'gross', 'fees', 'slippage', 'inventory', 'pnl', 'gross_bps', 'fees_eff_bps', 'slippage_bps', 'inventory_bps', 'net_bps',
      'adverse_bps', 'markout_bps', 'adverse_bps_p95', 'slippage_bps_p95', 'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms',
      'feed_latency_p50_ms', 'feed_latency_p95_ms', 'feed_latency_p99_ms', 'order_age_p95_ms', 'quote_presence', 'max_abs_position', 'mean_abs_position', 'max_drawdown', 'min_interval_ms',
    ];
    expect(Object.keys(m).filter((k) => !checked.includes(k))).toEqual([]);
  });

  it('an empty window: every ratio 0, no NaN', () => {
    const e = input();
    e.counters = { attempts: 0, executed: 0, places: 0, replaces: 0, cancels: 0, tailAgeRefreshes: 0, rejects: 0, postOnlyRejects: 0, presenceUs: 0, absPositionUs: 0 };
    e.amounts = { gross: 0, slippage: 0, fees: 0, inventory: 0, turnover: 0, fills: 0, volume: 0 };
    e.samples = {
      latencyMs: [],
      feedLatencyMs: [],
      adverseBps: [],
      slippageBps: [],
      orderAgeMs: [],
      markoutWeighted: [0, 0, 0, 0],
      markoutNotional: [0, 0, 0, 0],
      fillNotional: 0,
      realisedWeighted: 0,
      instantWeighted: 0,
      maxAbsPosition: 0,
      maxDrawdown: 0,
    };
    e.durationUs = 0;
    const z = computeMetrics(e);
    for (const k of ['hit_ratio', 'fill_ratio', 'realised_spread_bps', 'instant_move_bps', 'cancel_ratio', 'order_to_trade', 'net_bps', 'gross_bps', 'quote_presence', 'mean_abs_position', 'latency_p95_ms', 'adverse_bps']) {
      expect(z[k], k).toBe(0);
    }
  });
});

describe('helpers', () => {
  it('edgeBps: net is the sum of the parts, per turnover', () => {
    expect(edgeBps({ gross: 1, slippage: 0.5, fees: -0.25, inventory: 0.25, turnover: 5000, fills: 1, volume: 1 })).toEqual({
      gross_bps: 2,
      slippage_bps: 1,
      fees_eff_bps: -0.5,
      inventory_bps: 0.5,
      net_bps: 3,
    });
  });

  it('edgeBps without turnover (a window with no fill, its held position marked): every bps 0, not a division by 0', () => {
    expect(edgeBps({ gross: 0, slippage: 0, fees: 0, inventory: 0.3, turnover: 0, fills: 0, volume: 0 })).toEqual({
      gross_bps: 0,
      slippage_bps: 0,
      fees_eff_bps: 0,
      inventory_bps: 0,
      net_bps: 0,
    });
  });

  it('METRIC_NAMES: the numeric metrics of a record, sorted (not the per-reason and per-horizon objects)', () => {
    // The keys of 'no key goes unchecked' above without blocked_by, block_ratio and markout_bps, in code-unit order.
    expect(METRIC_NAMES).toEqual([
      'adverse_bps', 'adverse_bps_p95', 'attempts', 'blocked', 'cancel_ratio', 'cancels', 'duration_s', 'executed', 'feed_latency_p50_ms',
      'feed_latency_p95_ms', 'feed_latency_p99_ms', 'fees', 'fees_eff_bps', 'fill_ratio', 'fills', 'gross', 'gross_bps', 'hit_ratio',
      'instant_move_bps', 'inventory', 'inventory_bps', 'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms', 'max_abs_position',
      'max_drawdown', 'mean_abs_position', 'min_interval_ms', 'net_bps', 'order_age_p95_ms', 'order_to_trade', 'places', 'pnl',
      'post_only_rejects', 'quote_presence', 'realised_spread_bps', 'rejects', 'replaces', 'slippage', 'slippage_bps', 'slippage_bps_p95',
      'tail_age_refreshes', 'turnover', 'volume',
    ]);
  });

  it('subtractCounts: field by field', () => {
    expect(subtractCounts({ a: 5, b: 2 }, { a: 3, b: 2 })).toEqual({ a: 2, b: 0 });
  });

  it('mergeSamples: concatenates samples and adds the markout sums', () => {
    const a = input().samples as EngineSamples;
    const b = { ...a, latencyMs: [1], feedLatencyMs: [0.5], markoutWeighted: [1, 1, 1, 1], markoutNotional: [2, 2, 2, 2], fillNotional: 10, maxAbsPosition: 5, maxDrawdown: 0.05 };
    const s = mergeSamples([a, b]);
    expect(s.latencyMs).toEqual([50, 10, 40, 20, 30, 1]);
    expect(s.feedLatencyMs).toEqual([4, 0, 2, 1, 3, 9, 5, 6, 8, 7, 10, 0.5]);
    expect(s.markoutWeighted).toEqual([-9, -19, 31, 1]);
    expect(s.markoutNotional).toEqual([102, 102, 102, 2]);
    expect(s.adverseBps).toHaveLength(22);
    expect(s.slippageBps).toEqual([2, -1, 0, 2, -1, 0]);
    expect(s.orderAgeMs).toEqual([300, 100, 300, 100]);
    expect([s.fillNotional, s.realisedWeighted, s.instantWeighted]).toEqual([1010, 1000, -400]);
    // The extremes of several windows are the largest of theirs.
    expect([s.maxAbsPosition, s.maxDrawdown]).toEqual([5, 0.1]);
  });

  it('meanMetrics: means of the numeric keys present in every run, 6 decimals', () => {
    expect(meanMetrics([{ a: 1, b: 'x', c: 1 }, { a: 2, b: 'y', c: 2 }, { a: 2, b: 'z', c: 2 }])).toEqual({ a: 1.666667, c: 1.666667 });
    expect(meanMetrics([{ a: 1 }, { a: Number.NaN }])).toEqual({});
    expect(meanMetrics([])).toEqual({});
  });

  it('RunSamples: the same sums as mergeSamples, window by window; percentiles within the sketch\'s bound of the exact ones', () => {
    const a = input().samples as EngineSamples;
    const b: EngineSamples = { ...a, latencyMs: [1, 7.5, 33], slippageBps: [-0.5, 2], markoutWeighted: [0.1, 0.2, 0.3, 0.4], markoutNotional: [2, 2, 2, 2], fillNotional: 10, maxAbsPosition: 5, maxDrawdown: 0.05 };
    const exact = mergeSamples([a, b]);
    const run = new RunSamples();
    run.add(a);
    run.add(b);
    expect(run.markoutWeighted).toEqual(exact.markoutWeighted);
    expect(run.markoutNotional).toEqual(exact.markoutNotional);
    expect([run.fillNotional, run.realisedWeighted, run.instantWeighted, run.maxAbsPosition, run.maxDrawdown]).toEqual([exact.fillNotional, exact.realisedWeighted, exact.instantWeighted, exact.maxAbsPosition, exact.maxDrawdown]);
    for (const [k, q] of [['latencyMs', 0.95], ['latencyMs', 0.5], ['slippageBps', 0.95], ['adverseBps', 0.95]] as const) {
      const want = percentile(exact[k], q);
      expect(Math.abs(run[k].quantile(q) - want), `${k} p${q * 100}`).toBeLessThanOrEqual(1e-4 * Math.max(...exact[k].map(Math.abs)) + 1e-9);
    }
    // The run's metrics from it: counts as exact, percentiles within the bound.
    const m = computeMetrics({ ...input(), samples: run });
    const e = computeMetrics({ ...input(), samples: exact });
    expect(m['latency_p95_ms']).toBeCloseTo(e['latency_p95_ms'] as number, 2);
    expect(m['realised_spread_bps']).toBe(e['realised_spread_bps']);
  });
});
