/**
 * Queue models (SPEC 6a, hftbacktest's split): how much is ahead of a resting order at its price, how trades and
 * changes of the displayed size move it, and how much of a trade at our price reaches us. The emulator decides
 * when our level is visible (the touch, better than the touch, or a level of the L2 book) and calls the model
 * only then; a level we cannot see is never touched by a model. One file per model; `queue-models.ts` is the
 * registry.
 */

/** A resting order's place in the queue at its price, kept by the emulator, moved by the model. */
export interface QueuePos {
  /** Size ahead of us at our price; NaN until the level has been visible. */
  ahead: number;
  /** Displayed size at our level when last visible (NaN: never seen). */
  shown: number;
  /**
   * How much a fall of the displayed size at `shrunkTs` took off the queue ahead, not yet matched by a trade: a
   * trade printed at or before that time was already in the book, so that part of it is not taken twice.
   */
  shrunk: number;
  shrunkTs: number;
  /** Trades at our price since the displayed size last changed (probabilistic models: not counted twice). */
  tradedSinceDepth: number;
  /** The last probability a probabilistic model used (NaN: none). */
  prob: number;
}

export function newQueuePos(): QueuePos {
  return { ahead: NaN, shown: NaN, shrunk: 0, shrunkTs: -Infinity, tradedSinceDepth: 0, prob: NaN };
}

export interface QueueModel {
  /** The registry name with its parameter, e.g. `risk-averse`, `power:3`. */
  readonly name: string;
  /** True for models whose fills carry a probability (audit `prob`). */
  readonly probabilistic: boolean;
  /** Our level is seen for the first time since we joined it, showing `shown` (0 when we improve the touch). */
  join(q: QueuePos, shown: number, ts: number): void;
  /** The displayed size at our (visible) level went from `prev` to `next` at `ts`. */
  depth(q: QueuePos, prev: number, next: number, ts: number): void;
  /** A trade of `qty` printed at our (visible) price at `ts`: moves the queue; returns what reaches our order. */
  trade(q: QueuePos, qty: number, ts: number): number;
}

/**
 * The part of a trade at our price not already taken off the queue: a trade printed at or before the time of a
 * fall of the displayed size (the quote came first) has already moved the queue by what that fall took off it.
 */
export function unseenTradeQty(q: QueuePos, qty: number, ts: number): number {
  if (ts > q.shrunkTs || q.shrunk <= 0) return qty;
  const seen = Math.min(qty, q.shrunk);
  q.shrunk -= seen;
  return qty - seen;
}

/** Records that a fall of the displayed size at `ts` took `taken` off the queue ahead (same-time falls add up). */
export function noteShrink(q: QueuePos, taken: number, ts: number): void {
  if (ts !== q.shrunkTs) q.shrunk = 0;
  q.shrunk += taken;
  q.shrunkTs = ts;
}
