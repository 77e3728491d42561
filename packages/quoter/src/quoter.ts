/**
 * The strategy seam: what the engine asks a quoting strategy on every decision. The engine owns the orders,
 * the guard and the books; a `Quoter` only says where it wants to be (a target per side, given the market, our
 * position and its own state), whether a live order is far enough from that target to replace, and hears how
 * its fills marked out (for strategies that learn from them, like SPEC 5's slippage penalty).
 */
import type { AppliedProfile, QuoterSpec } from '@mm-profiles/profile-core';
import type { MarketState, TargetQuotes, VenueSpec } from './target-quotes.js';

export type QuoteSide = 'bid' | 'ask';

/** What the engine knows when it asks for targets. */
export interface QuoteInput {
  /** Best bid and ask with their displayed sizes. */
  market: MarketState;
  /** Signed position, quantity units (base, or contracts). */
  position: number;
  /** The run's position limit, quantity units. */
  maxPosition: number;
  /** Market time, µs. */
  now: number;
}

export interface Quoter {
  /** The strategy's name, e.g. `profile` or `glft`. */
  readonly kind: string;
  /** Target quotes per side (sizes before the venue's lot rounding; null: no order on that side). */
  targets(input: QuoteInput): TargetQuotes;
  /** Whether a live order at `livePx` must be replaced to reach `targetPx`; `t` is this decision's targets. */
  needsReplace(livePx: number, targetPx: number, t: TargetQuotes): boolean;
  /**
   * A fill's markout at one of the engine's horizons (seconds): bps of the mid at the fill, positive when the
   * mid moved our way. Called once per fill and horizon, in market-time order.
   */
  onMarkout?(side: QuoteSide, horizonS: number, markoutBps: number): void;
}

/** Where a quoter reads the profile in force: it may change during a run (auto-tune, an edge-policy switch). */
export interface ProfileSource {
  readonly appliedProfile: Readonly<AppliedProfile>;
  /** The profile's `quoter` (the sentinel's resolved profile carries it); absent: the profile quoter. */
  readonly resolvedProfile?: { readonly quoter?: QuoterSpec };
}

/** Builds a run's quoter: one per run (quoters keep state), from the live profile and the venue. */
export type QuoterFactory = (source: ProfileSource, venue: VenueSpec) => Quoter;
