/**
 * Log-normal latency given by its median and 95th percentile (sigma = ln(p95 / median) / z95), seeded: heavy
 * right tail, as network round trips have. At least 1 µs.
 */
import { Random, lognormalSigma } from '../random.js';
import type { LatencyModel } from '../latency-model.js';

export function lognormalLatency(medianMs: number, p95Ms: number, seed: number): LatencyModel {
  const rng = new Random(seed);
  const mu = Math.log(medianMs * 1000);
  const sigma = lognormalSigma(medianMs, p95Ms);
  return { name: `lognormal:${medianMs},${p95Ms}`, fromData: false, next: () => Math.max(1, Math.round(Math.exp(mu + sigma * rng.normal()))) };
}
