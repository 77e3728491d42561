/** Power probability queue (hftbacktest's PowerProbQueueFunc): f(x) = x^n; a larger n puts more cancels behind us. */
import { probOf, probQueue } from './queue-prob.js';
import type { QueueModel } from '../queue-model.js';

export function powerProbQueue(n = 3): QueueModel {
  return probQueue(`power:${n}`, probOf((x) => x ** n));
}
