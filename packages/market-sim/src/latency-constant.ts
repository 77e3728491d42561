/** Constant latency: every leg takes the same time. */
import type { LatencyModel } from './latency-model.js';

export function constantLatency(ms: number): LatencyModel {
  const us = Math.round(ms * 1000);
  return { name: `constant:${ms}`, fromData: false, next: () => us };
}
