/**
 * The touch of a capture that has depth but no bookTicker stream: the best bid and ask of the L2 book the
 * sequenced depth events build, as a quote each time either changes (price or size). Without it such a capture
 * gives the strategy nothing to quote on. A capture with bookTicker never uses this: its quotes are fresher
 * than depth (Binance's depth stream lags bookTicker), so the reader takes the touch from them.
 *
 * A quote is made only while the book is whole: from a snapshot (the REST line, or a partial-book stream's
 * message) until a gap. Before the first snapshot and after a gap only the levels diffs have set are known, and
 * a better level nobody has touched since could be missing, so the touch is unknown and the strategy sees none
 * (the sequencer's resync on the next snapshot ends it; `depthGaps` in the replay stats counts them). A crossed
 * book (bid >= ask) makes no quote.
 */
import type { DepthEvent, QuoteEvent } from '../market-event.js';

export class DepthTouch {
  /** Non-empty levels, size by price. */
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();
  private bestBid = NaN;
  private bestAsk = NaN;
  /** A snapshot is in force, no gap since. */
  private synced = false;
  /** The last quote made, to make one only when the touch changes. */
  private last: QuoteEvent | null = null;

  /** Applies a sequenced depth event; the new touch as a quote at the event's times, or null when it did not change. */
  apply(e: DepthEvent): QuoteEvent | null {
    if (e.snapshot || e.gap) {
      this.bids.clear();
      this.asks.clear();
      this.bestBid = NaN;
      this.bestAsk = NaN;
      this.synced = e.snapshot;
    }
    for (const [px, qty] of e.bids) this.bestBid = setLevel(this.bids, px, qty, this.bestBid, 1);
    for (const [px, qty] of e.asks) this.bestAsk = setLevel(this.asks, px, qty, this.bestAsk, -1);
    const bidPx = this.bestBid;
    const askPx = this.bestAsk;
    if (!this.synced || !(bidPx < askPx)) return null;
    const bidQty = this.bids.get(bidPx)!;
    const askQty = this.asks.get(askPx)!;
    const l = this.last;
    if (l && l.bidPx === bidPx && l.bidQty === bidQty && l.askPx === askPx && l.askQty === askQty) return null;
    const q: QuoteEvent = { kind: 'quote', ts: e.ts, localTs: e.localTs, bidPx, bidQty, askPx, askQty };
    this.last = q;
    return q;
  }
}

/** Sets one level of a side (`dir` 1: bids, best is the highest; -1: asks, best is the lowest); the side's new best. */
function setLevel(side: Map<number, number>, px: number, qty: number, best: number, dir: 1 | -1): number {
  if (qty > 0) {
    side.set(px, qty);
    return best === best && (px - best) * dir <= 0 ? best : px;
  }
  side.delete(px);
  if (px !== best) return best;
  // The best level emptied: the next one is found by a walk (rare next to size changes at the touch).
  let next = NaN;
  for (const p of side.keys()) if (next !== next || (p - next) * dir > 0) next = p;
  return next;
}
