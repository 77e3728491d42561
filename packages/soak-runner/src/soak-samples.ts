/**
 * What a soak's samples are and the intervals taken over them. On a synthetic market a sample is one seed's
 * whole run; on a replay it is one window of the capture under one seed of the latency and queue models (the
 * capture is one path of the market, so its windows are what varies). A window with no fill has no net edge
 * (no turnover to divide by) and is not a sample. Pure.
 */
import { meanInterval, roundInterval, type Interval } from './confidence.js';
import type { GateSet } from './gates.js';

type Metrics = Record<string, unknown>;

export type SampleUnit = 'seed' | 'window';

/** Net edge and every hard-gated metric: what a verdict needs intervals for. */
export function sampledMetricNames(gates: GateSet): string[] {
  return [...new Set(['net_bps', ...gates.hard.map((g) => g.metric)])];
}

/** The windows of a replay run that are samples: complete, with at least one fill. */
export function windowSamples(iterations: readonly Metrics[]): Metrics[] {
  return iterations.filter((w) => w['complete'] === 1 && typeof w['fills'] === 'number' && w['fills'] > 0);
}

/** metric -> interval over the samples that carry it as a finite number (rounded to 6 decimals). */
export function intervalsOf(samples: readonly Metrics[], metrics: readonly string[]): Record<string, Interval> {
  const out: Record<string, Interval> = {};
  for (const k of metrics) {
    const xs = samples.map((s) => s[k]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    if (xs.length) out[k] = roundInterval(meanInterval(xs));
  }
  return out;
}
