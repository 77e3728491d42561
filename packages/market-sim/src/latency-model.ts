/** Order-entry latency: request to acknowledgement, in µs, constant or log-normal (median and p95), seeded. */
import { Random, lognormalSigma } from './random.js';
import type { LatencySpec } from './scenario.js';

export interface LatencyModel {
  /** Draws the next request's latency, µs (whole). */
  next(): number;
}

export function latencyModel(spec: LatencySpec, seed: number): LatencyModel {
  if (spec.model === 'constant') {
    const us = Math.round(spec.ms * 1000);
    return { next: () => us };
  }
  const rng = new Random(seed ^ 0x5bd1e995);
  const mu = Math.log(spec.median_ms * 1000);
  const sigma = lognormalSigma(spec.median_ms, spec.p95_ms);
  return { next: () => Math.max(1, Math.round(Math.exp(mu + sigma * rng.normal()))) };
}
