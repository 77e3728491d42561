/**
 * The L2 book the exchange emulator reads the size of a level behind the touch from (SPEC 6a): built from depth
 * snapshots and sequenced diffs (`binance-depth-sequencer.ts`), with the touch taken from the fresher L1 quote.
 *
 * What it knows, level by level: after a snapshot, every level within the snapshot's range (absent = empty) and
 * every level a diff set since; before any snapshot or after a gap, only the levels a diff (or the quote) set since
 * — Binance diffs carry absolute sizes, so such a level is exact as of its diff. Anything else is unknown (NaN),
 * and the emulator treats an unknown level as on L1: not visible.
 *
 * The quote (bookTicker) is fresher than depth (Binance's depth stream lags it): nothing is better than its touch,
 * so L2 levels better than it are stale and emptied, and the touch level shows the quote's size.
 */
import type { DepthEvent } from '../market-event.js';

export class L2Book {
  /** Level sizes by price in ticks; 0 is a level known to be empty. */
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();
  /** A snapshot is in force (no gap since): an absent level within its range is empty. */
  private synced = false;
  /** The snapshot's deepest levels, in ticks. */
  private bidFloor = Infinity;
  private askCeil = -Infinity;
  /** Bounds on the best non-empty bid (highest) and ask (lowest) set since the last sweep, in ticks. */
  private bidTop = -Infinity;
  private askBottom = Infinity;

  constructor(private readonly tick: number) {}

  private key(px: number): number {
    return Math.round(px / this.tick);
  }

  apply(e: DepthEvent): void {
    if (e.snapshot || e.gap) {
      this.bids.clear();
      this.asks.clear();
      this.bidTop = -Infinity;
      this.askBottom = Infinity;
      this.synced = e.snapshot;
      this.bidFloor = Infinity;
      this.askCeil = -Infinity;
    }
    for (const [px, qty] of e.bids) {
      const k = this.key(px);
      this.bids.set(k, qty);
      if (qty > 0 && k > this.bidTop) this.bidTop = k;
      if (e.snapshot && k < this.bidFloor) this.bidFloor = k;
    }
    for (const [px, qty] of e.asks) {
      const k = this.key(px);
      this.asks.set(k, qty);
      if (qty > 0 && k < this.askBottom) this.askBottom = k;
      if (e.snapshot && k > this.askCeil) this.askCeil = k;
    }
  }

  /** Size at `px` on the bid (`side` 1) or ask (-1) side; NaN when unknown. */
  qty(side: 1 | -1, px: number): number {
    const k = this.key(px);
    const q = (side > 0 ? this.bids : this.asks).get(k);
    if (q !== undefined) return q;
    if (this.synced && (side > 0 ? k >= this.bidFloor : k <= this.askCeil)) return 0;
    return NaN;
  }

  /** The L1 quote: levels better than its touch are stale (emptied); the touch level shows its size. */
  touch(bidPx: number, bidQty: number, askPx: number, askQty: number): void {
    const b = this.key(bidPx);
    if (this.bidTop > b) sweep(this.bids, b + 1, this.bidTop);
    this.bids.set(b, bidQty);
    this.bidTop = b;
    const a = this.key(askPx);
    if (this.askBottom < a) sweep(this.asks, this.askBottom, a - 1);
    this.asks.set(a, askQty);
    this.askBottom = a;
  }
}

/** Empties the levels of `side` in [lo, hi] ticks: by tick when the range is short, else by walking the map. */
function sweep(side: Map<number, number>, lo: number, hi: number): void {
  if (hi - lo < side.size) {
    for (let k = lo; k <= hi; k++) if (side.get(k)) side.set(k, 0);
  } else {
    for (const [k, q] of side) if (q && k >= lo && k <= hi) side.set(k, 0);
  }
}
