/**
 * The Markdown reports, line by line against text written out by hand: EDGE_REPORT.md (a window row per
 * iteration, the total in bold, the markout curve only when the total has one, '-' for a missing number) and
 * SOAK_RESULTS.md (the market without its reader's counts, the gates with 'missing' actuals and findings, the
 * key metrics in their order, the blocks and one row per window).
 */
import type { SoakRunSummary } from '@mm-profiles/profile-core';
import { describe, expect, it } from 'vitest';
import { renderEdgeReport, renderSoakResults } from './soak-reports.js';

describe('renderEdgeReport', () => {
  it('a row per window, the total in bold, the markout curve; a missing or non-numeric value is "-"', () => {
    const text = renderEdgeReport('S1', {
      iterations: [
        { iteration: 1, gross_bps: 2.5, fees_eff_bps: -0.5, slippage_bps: 0, inventory_bps: -1.25, net_bps: 0.75, adverse_bps: -3, fills: 12 },
        { iteration: 2, gross_bps: 1, fees_eff_bps: 'x', net_bps: 1, fills: 0 },
      ],
      total: { gross_bps: 1.75, fees_eff_bps: -0.25, slippage_bps: 0, inventory_bps: -0.5, net_bps: 1, adverse_bps: -1.5, fills: 12, markout_bps: { '1s': -1.5, '5s': -2 } },
    });
    expect(text).toBe(
      [
        '# Edge report: S1',
        '',
        'net_bps = gross_bps + fees_eff_bps + slippage_bps + inventory_bps (bps of turnover). adverse_bps is the',
        'turnover-weighted 1 s markout (information only; negative = the mid moved against our fills).',
        '',
        '| window | gross_bps | fees_eff_bps | slippage_bps | inventory_bps | net_bps | adverse_bps | fills |',
        '|---|---:|---:|---:|---:|---:|---:|---:|',
        '| 1 | 2.5 | -0.5 | 0 | -1.25 | 0.75 | -3 | 12 |',
        '| 2 | 1 | - | - | - | 1 | - | 0 |',
        '| **total** | **1.75** | **-0.25** | **0** | **-0.5** | **1** | **-1.5** | **12** |',
        '',
        'Markout curve (bps): 1s -1.5, 5s -2',
        '',
      ].join('\n'),
    );
  });

  it('no markout in the total: no curve line; no windows: the header and the total only', () => {
    expect(renderEdgeReport('base', { iterations: [], total: { net_bps: -2 } }).split('\n').slice(5)).toEqual([
      '| window | gross_bps | fees_eff_bps | slippage_bps | inventory_bps | net_bps | adverse_bps | fills |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      '| **total** | **-** | **-** | **-** | **-** | **-2** | **-** | **-** |',
      '',
    ]);
  });
});

describe('renderSoakResults', () => {
  const KEYS = ['net_bps', 'gross_bps', 'fees_eff_bps', 'slippage_bps', 'inventory_bps', 'pnl', 'realised_spread_bps', 'instant_move_bps', 'fills', 'turnover', 'hit_ratio', 'fill_ratio', 'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms', 'feed_latency_p50_ms', 'feed_latency_p95_ms', 'feed_latency_p99_ms', 'places', 'replaces', 'cancels', 'cancel_ratio', 'order_to_trade', 'quote_presence', 'max_abs_position', 'max_drawdown'];

  it('market without its counts, gates (missing actual, finding), key metrics in order, blocks, one row per window', () => {
    // Each key metric k_i gets the value i (1-based) except pnl, which is missing: '-'.
    const metrics: Record<string, unknown> = { blocked_by: { throttle: 3, concurrency: 0 } };
    KEYS.forEach((k, i) => {
      if (k !== 'pnl') metrics[k] = i + 1;
    });
    const summary = {
      profile: 'S1',
      verdict: 'FAIL',
      iterations: 2,
      window_s: 600,
      market: { kind: 'mock', scenario: 'quiet', stats: { quotes: 9 } },
      metrics,
      gates: [
        { metric: 'net_bps', op: '>=', value: 0.5, kind: 'hard', actual: 0.25, pass: false, status: 'FAIL' },
        { metric: 'fills', op: '>', value: 10, kind: 'soft', actual: null, pass: false, status: 'INCONCLUSIVE', finding: 'no windows' },
      ],
    } as unknown as SoakRunSummary;
    const iterations = [
      { iteration: 1, net_bps: 0.5, fills: 7, hit_ratio: 0.25, blocked: 4, min_interval_ms: 100 },
      { iteration: 2, net_bps: -1, fills: 0, hit_ratio: 0, blocked: 0, min_interval_ms: 150 },
    ];
    const expected = [
      '# Soak results: S1 — FAIL',
      '',
      'Market: `{"kind":"mock","scenario":"quiet"}`, 2 iteration(s) of 600 s.',
      '',
      '## Gates',
      '',
      '| gate | kind | actual | result |',
      '|---|---|---:|---|',
      '| net_bps >= 0.5 | hard | 0.25 | FAIL |',
      '| fills > 10 | soft | missing | INCONCLUSIVE: no windows |',
      '',
      '## Key metrics',
      '',
      '| metric | value |',
      '|---|---:|',
      '| net_bps | 1 |',
      '| gross_bps | 2 |',
      '| fees_eff_bps | 3 |',
      '| slippage_bps | 4 |',
      '| inventory_bps | 5 |',
      '| pnl | - |',
      '| realised_spread_bps | 7 |',
      '| instant_move_bps | 8 |',
      '| fills | 9 |',
      '| turnover | 10 |',
      '| hit_ratio | 11 |',
      '| fill_ratio | 12 |',
      '| latency_p50_ms | 13 |',
      '| latency_p95_ms | 14 |',
      '| latency_p99_ms | 15 |',
      '| feed_latency_p50_ms | 16 |',
      '| feed_latency_p95_ms | 17 |',
      '| feed_latency_p99_ms | 18 |',
      '| places | 19 |',
      '| replaces | 20 |',
      '| cancels | 21 |',
      '| cancel_ratio | 22 |',
      '| order_to_trade | 23 |',
      '| quote_presence | 24 |',
      '| max_abs_position | 25 |',
      '| max_drawdown | 26 |',
      '',
      'Blocks: {"throttle":3,"concurrency":0}',
      '',
      '## Iterations',
      '',
      '| # | net_bps | fills | hit_ratio | blocked | min_interval_ms |',
      '|---:|---:|---:|---:|---:|---:|',
      '| 1 | 0.5 | 7 | 0.25 | 4 | 100 |',
      '| 2 | -1 | 0 | 0 | 0 | 150 |',
      '',
    ];
    expect(renderSoakResults(summary, iterations).split('\n')).toEqual(expected);
  });
});
