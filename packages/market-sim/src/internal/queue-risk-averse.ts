/**
 * RiskAverse queue (the default, as hftbacktest's RiskAdverseQueueModel): the queue ahead is the displayed size
 * when we first see our level (zero when we improve the touch); it only shrinks — to the displayed size when that
 * falls (cancels are assumed ahead of us only as far as the book forces it), and by trades at our price. A trade
 * fills us only for what exceeds the queue ahead; a trade the book already showed before its print is counted once.
 */
import { noteShrink, unseenTradeQty, type QueueModel, type QueuePos } from '../queue-model.js';

export function riskAverseQueue(): QueueModel {
  return {
    name: 'risk-averse',
    probabilistic: false,
    join(q: QueuePos, shown: number): void {
      q.ahead = shown;
      q.shown = shown;
    },
    depth(q: QueuePos, _prev: number, next: number, ts: number): void {
      if (next < q.ahead) {
        noteShrink(q, q.ahead - next, ts);
        q.ahead = next;
      }
      q.shown = next;
    },
    trade(q: QueuePos, qty: number, ts: number): number {
      const fresh = unseenTradeQty(q, qty, ts);
      const reach = Math.max(0, fresh - Math.max(0, q.ahead));
      q.ahead = Math.max(0, q.ahead - fresh);
      return reach;
    },
  };
}
