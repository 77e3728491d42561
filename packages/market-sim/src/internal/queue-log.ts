/** Log probability queue (hftbacktest's LogProbQueueFunc): f(x) = ln(1 + x). */
import { probOf, probQueue } from './queue-prob.js';
import type { QueueModel } from '../queue-model.js';

export function logProbQueue(): QueueModel {
  return probQueue('log', probOf((x) => Math.log1p(x)));
}
