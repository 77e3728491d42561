/**
 * Probabilistic queue (hftbacktest's ProbQueueModel): like RiskAverse on trades, but when the displayed size at
 * our level falls by more than the trades there explain, the rest is cancels, and a share of them is taken to be
 * ahead of us: with `front` ahead and `back` behind, a cancel is behind us with probability p = f(back) /
 * (f(back) + f(front)), so the queue ahead falls by (1 - p) of it (and by whatever the part behind cannot hold).
 * The function f is the model's (power, log: one file each).
 */
import { noteShrink, unseenTradeQty, type QueueModel, type QueuePos } from '../queue-model.js';

/** The chance a cancel of `chg` came from behind us, given `front` ahead and `back` behind. */
export type ProbFn = (front: number, back: number) => number;

/** p = f(back) / (f(back) + f(front)); 1 where that is not a number (both sides empty). */
export function probOf(f: (x: number) => number): ProbFn {
  return (front, back) => {
    const p = f(back) / (f(back) + f(front));
    return p === p && Number.isFinite(p) ? p : 1;
  };
}

/** The queue ahead after a fall `chg` of the level (cancels only), from `front` ahead out of `prev` shown. */
export function aheadAfterCancels(front: number, prev: number, chg: number, prob: number): number {
  const back = prev - front;
  return front - (1 - prob) * chg + Math.min(back - prob * chg, 0);
}

export function probQueue(name: string, prob: ProbFn): QueueModel {
  return {
    name,
    probabilistic: true,
    join(q: QueuePos, shown: number): void {
      q.ahead = shown;
      q.shown = shown;
    },
    depth(q: QueuePos, prev: number, next: number, ts: number): void {
      // Trades at our price since the last change are already in this fall: only the rest is cancels.
      const chg = prev - next - q.tradedSinceDepth;
      q.tradedSinceDepth = 0;
      q.shown = next;
      const before = q.ahead;
      if (chg <= 0) {
        if (next < q.ahead) q.ahead = next;
      } else {
        const p = prob(Math.max(0, q.ahead), Math.max(0, prev - q.ahead));
        q.prob = p;
        q.ahead = Math.max(0, Math.min(aheadAfterCancels(q.ahead, prev, chg, p), next));
      }
      if (q.ahead < before) noteShrink(q, before - q.ahead, ts);
    },
    trade(q: QueuePos, qty: number, ts: number): number {
      const fresh = unseenTradeQty(q, qty, ts);
      q.tradedSinceDepth += fresh;
      const reach = Math.max(0, fresh - Math.max(0, q.ahead));
      q.ahead = Math.max(0, q.ahead - fresh);
      return reach;
    },
  };
}
