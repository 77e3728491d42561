/**
 * An example strategy to copy when writing your own quoter: join the touch (bid at the best bid, ask at the best
 * ask), lean off it by whole ticks as inventory builds up, and stop adding on the side of a full position. It
 * implements the three things the engine asks of any `Quoter`: targets per side, whether a live order must move,
 * and (optionally) each fill's markouts. Not a strategy to run with money: a starting point with a test beside it.
 */
import type { QuoteInput, Quoter, QuoteSide } from '../quoter.js';
import type { TargetQuotes, VenueSpec } from '../target-quotes.js';

export interface TouchQuoterParams {
  /** Ticks to step back from the touch per order of inventory on the side that would add to it. */
  ticksPerOrder: number;
}

export class TouchQuoter implements Quoter {
  readonly kind = 'touch-example';
  /** Markouts heard at 1 s (positive: the mid moved our way), kept only to show the hook. */
  markouts1s: number[] = [];

  constructor(
    private readonly params: TouchQuoterParams,
    private readonly venue: VenueSpec,
  ) {}

  targets(i: QuoteInput): TargetQuotes {
    const { market: m, position, maxPosition } = i;
    const tick = this.venue.tickSize;
    const size = this.venue.orderSize;
    const fair = (m.bidPx + m.askPx) / 2;
    const orders = size > 0 ? position / size : 0;
    // Long: the bid steps back (buy less eagerly); short: the ask does. Whole ticks, kept on the tick grid.
    const bidBack = Math.max(0, orders) * this.params.ticksPerOrder;
    const askBack = Math.max(0, -orders) * this.params.ticksPerOrder;
    const onTick = (px: number) => Number((Math.round(px / tick) * tick).toFixed(12));
    const bidPx = onTick(m.bidPx - Math.round(bidBack) * tick);
    const askPx = onTick(m.askPx + Math.round(askBack) * tick);
    const full = maxPosition > 0 && Math.abs(position) >= maxPosition;
    return {
      fair,
      halfSpreadBps: ((m.askPx - m.bidPx) / 2 / fair) * 1e4,
      // Where the quotes are centred against fair, bps (the soak page plots it).
      reservationBps: (((bidPx + askPx) / 2 - fair) / fair) * 1e4,
      bid: full && position > 0 ? null : bidPx > 0 ? { px: bidPx, qty: size } : null,
      ask: full && position < 0 ? null : { px: askPx, qty: size },
    };
  }

  /** Move a live order as soon as its target is a tick away. */
  needsReplace(livePx: number, targetPx: number): boolean {
    return Math.abs(livePx - targetPx) >= this.venue.tickSize * (1 - 1e-9);
  }

  onMarkout(_side: QuoteSide, horizonS: number, markoutBps: number): void {
    if (horizonS === 1) this.markouts1s.push(markoutBps);
  }
}
