/**
 * The GLFT quoter: Guéant–Lehalle–Fernandez-Tapia's closed-form approximation of the optimal quotes of a market
 * maker facing fills at intensity λ(δ) = A·e^(−k·δ) at depth δ from the mid, a mid with volatility σ, and risk
 * aversion γ, in the infinite-horizon (ergodic) regime — no session end, which suits a 24/7 market. With ξ = γ
 * and one order (Δ = 1) as the unit of inventory q:
 *
 *   c1 = ln(1 + γ/k) / γ
 *   c2 = sqrt( γ / (2·A·k) · (1 + γ/k)^(1 + k/γ) )
 *   δ_bid(q) = c1 + σ·c2·(2q + 1)/2        δ_ask(q) = c1 − σ·c2·(2q − 1)/2
 *
 * i.e. a half-spread c1 + σ·c2/2 around a reservation price q·σ·c2 below the mid (the inventory skew). Units as
 * `mm calibrate` fits them: δ in bps of the mid, k per bps, A per second, σ in bps per √s, so γ is per bps.
 * Prices go to the venue's tick away from the mid and never through the touch (a bid at most the best bid, an
 * ask at least the best ask); no bid at or beyond the long limit, no ask at or beyond the short one. A live
 * order is replaced once it is a tick or more off target and further than the profile's `max_delta_ratio` of
 * the half-spread (the profile quoter's rule, on GLFT's half-spread).
 */
import type { GlftQuoterSpec } from '@mm-profiles/profile-core';
import { tickScale, type MarketState, type TargetQuotes, type VenueSpec } from './target-quotes.js';
import type { ProfileSource, QuoteInput, Quoter } from './quoter.js';

export interface GlftCoefficients {
  c1: number;
  c2: number;
}

/** c1 and c2 of the closed form (ξ = γ, Δ = 1). */
export function glftCoefficients(gamma: number, aPerS: number, kPerBps: number): GlftCoefficients {
  const x = gamma / kPerBps;
  const c1 = Math.log1p(x) / gamma;
  const c2 = Math.sqrt((gamma / (2 * aPerS * kPerBps)) * Math.pow(1 + x, 1 + kPerBps / gamma));
  return { c1, c2 };
}

export interface GlftDepths {
  /** c1 + σ·c2/2, bps. */
  halfSpreadBps: number;
  /** σ·c2: how far the reservation price moves per order of inventory, bps. */
  skewBps: number;
  /** Depth of each quote from the mid, bps (the ask's may be negative when long: the touch clamps it). */
  bidBps: number;
  askBps: number;
}

/** The quotes' depths for an inventory of `q` orders (signed). */
export function glftDepths(spec: Pick<GlftQuoterSpec, 'gamma' | 'sigma_bps_per_sqrt_s' | 'a_per_s' | 'k_per_bps'>, q: number): GlftDepths {
  const { c1, c2 } = glftCoefficients(spec.gamma, spec.a_per_s, spec.k_per_bps);
  const skewBps = spec.sigma_bps_per_sqrt_s * c2;
  const halfSpreadBps = c1 + skewBps / 2;
  return { halfSpreadBps, skewBps, bidBps: halfSpreadBps + q * skewBps, askBps: halfSpreadBps - q * skewBps };
}

export class GlftQuoter implements Quoter {
  readonly kind = 'glft';
  private readonly depths0: GlftDepths;

  constructor(
    spec: GlftQuoterSpec,
    private readonly venue: VenueSpec,
    /** The profile in force: its `max_delta_ratio` sets the replace tolerance (absent: any tick). */
    private readonly source?: ProfileSource,
  ) {
    this.depths0 = glftDepths(spec, 0);
  }

  targets(i: QuoteInput): TargetQuotes {
    const m: MarketState = i.market;
    const fair = (m.bidPx + m.askPx) / 2;
    const tick = this.venue.tickSize;
    const size = this.venue.orderSize;
    const q = size > 0 ? i.position / size : 0;
    const { halfSpreadBps, skewBps } = this.depths0;
    const bidBps = halfSpreadBps + q * skewBps;
    const askBps = halfSpreadBps - q * skewBps;
    const scale = tickScale(tick);
    // Away from the mid to the tick; never through the touch (GLFT posts liquidity, it does not take it).
    const bidPx = Math.round(Math.min(Math.floor((fair * (1 - bidBps / 1e4)) / tick + 1e-9) * tick, m.bidPx) * scale) / scale;
    const askPx = Math.round(Math.max(Math.ceil((fair * (1 + askBps / 1e4)) / tick - 1e-9) * tick, m.askPx) * scale) / scale;
    const long = i.maxPosition > 0 && i.position >= i.maxPosition;
    const short = i.maxPosition > 0 && i.position <= -i.maxPosition;
    return {
      fair,
      halfSpreadBps,
      reservationBps: -q * skewBps,
      bid: !long && bidPx > 0 && m.bidQty > 0 ? { px: bidPx, qty: size } : null,
      ask: !short && m.askQty > 0 ? { px: askPx, qty: size } : null,
    };
  }

  needsReplace(livePx: number, targetPx: number, t: TargetQuotes): boolean {
    const off = Math.abs(livePx - targetPx);
    const ratio = this.source?.appliedProfile.max_delta_ratio ?? 0;
    return off >= this.venue.tickSize * (1 - 1e-9) && off > (ratio * t.halfSpreadBps * t.fair) / 1e4;
  }
}

export function glftQuoter(spec: GlftQuoterSpec, venue: VenueSpec, source?: ProfileSource): GlftQuoter {
  return new GlftQuoter(spec, venue, source);
}
