/**
 * SPEC 5's quoter behind the `Quoter` seam: the applied profile in force and the market become targets
 * (`targetQuotes`), a live order is replaced past `max_delta_ratio` x h (`needsReplace`), and each side keeps
 * the EWMA of its fills' adverse markout at 1 s for the slippage penalty.
 */
import { needsReplace, targetQuotes, type TargetQuotes, type VenueSpec } from './target-quotes.js';
import type { ProfileSource, QuoteInput, Quoter, QuoteSide } from './quoter.js';

/** Weight of the latest fill in each side's adverse markout EWMA. */
export const ADVERSE_EWMA = 0.1;
/** The horizon the slippage penalty learns from, seconds. */
export const ADVERSE_HORIZON_S = 1;

export class ProfileQuoter implements Quoter {
  readonly kind = 'profile';
  /** Adverse markout EWMA per side, bps (positive: the mid went against us after our fills on that side). */
  adverseBidBps = 0;
  adverseAskBps = 0;

  constructor(
    private readonly source: ProfileSource,
    private readonly venue: VenueSpec,
  ) {}

  targets(i: QuoteInput): TargetQuotes {
    const own = { position: i.position, maxPosition: i.maxPosition, adverseBidBps: this.adverseBidBps, adverseAskBps: this.adverseAskBps };
    return targetQuotes(this.source.appliedProfile, i.market, own, this.venue);
  }

  needsReplace(livePx: number, targetPx: number, t: TargetQuotes): boolean {
    return needsReplace(livePx, targetPx, t.fair, this.source.appliedProfile);
  }

  onMarkout(side: QuoteSide, horizonS: number, markoutBps: number): void {
    if (horizonS !== ADVERSE_HORIZON_S) return;
    if (side === 'bid') this.adverseBidBps += ADVERSE_EWMA * (-markoutBps - this.adverseBidBps);
    else this.adverseAskBps += ADVERSE_EWMA * (-markoutBps - this.adverseAskBps);
  }
}

/** The profile quoter of SPEC 5 on a venue; `applied` is read on every decision (it may change in a run). */
export function profileQuoter(applied: ProfileSource, venue: VenueSpec): ProfileQuoter {
  return new ProfileQuoter(applied, venue);
}
