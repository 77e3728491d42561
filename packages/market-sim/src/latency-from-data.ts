/**
 * Latency from the capture itself, as hftbacktest's feed-derived order latency: a leg takes `multiple` times the
 * feed latency of the event it goes with, plus `addMs`. For the feed leg (multiple 1, add 0) that is the
 * capture's own latency; an order leg follows the network as the feed showed it at that moment. Unlike
 * hftbacktest's FeedLatency (the mean of the rows before and after), only the event already seen is used: no
 * look-ahead. On a synthetic market the feed latency is whatever its feed leg drew.
 */
import type { LatencyModel } from './latency-model.js';

export function fromDataLatency(multiple = 1, addMs = 0): LatencyModel {
  const addUs = Math.round(addMs * 1000);
  const name = `from-data${multiple !== 1 || addMs !== 0 ? `:${multiple}` : ''}${addMs !== 0 ? `,${addMs}` : ''}`;
  return { name, fromData: true, next: (feedUs) => Math.max(0, Math.round(multiple * feedUs)) + addUs };
}
