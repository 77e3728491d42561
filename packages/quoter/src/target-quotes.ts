/**
 * The quoting model (SPEC 5): applied profile + market state + own state -> target bid and ask. Fair is the
 * mid; each field of the profile has the effect SPEC 5's table gives it. Pure: no state, no clock.
 */
import type { AppliedProfile } from '@mm-profiles/profile-core';

export interface MarketState {
  bidPx: number;
  bidQty: number;
  askPx: number;
  askQty: number;
}

export interface OwnState {
  /** Signed position, base units. */
  position: number;
  maxPosition: number;
  /** Recent adverse markout per side, bps (EWMA; positive = we lost after fills on that side). */
  adverseBidBps: number;
  adverseAskBps: number;
}

export interface VenueSpec {
  tickSize: number;
  /** Maker fee in bps; negative is a rebate (which enables the VIP tilt). */
  makerFeeBps: number;
  /** Our base quote size before the impact cap. */
  orderSize: number;
}

export interface QuoteTarget {
  px: number;
  qty: number;
}

export interface TargetQuotes {
  fair: number;
  /** Half-spread h in bps of fair, before tilts and penalties. */
  halfSpreadBps: number;
  /**
   * The inventory skew: where the quotes are centred against fair, bps (negative when long: both quotes lower).
   * Optional for a quoter without one; shown on the soak's page.
   */
  reservationBps?: number;
  bid: QuoteTarget | null;
  ask: QuoteTarget | null;
}

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/** Sizes below this are not worth quoting (dust left by the impact cap). */
export const MIN_QUOTE_QTY = 1e-9;

export function targetQuotes(p: AppliedProfile, m: MarketState, own: OwnState, venue: VenueSpec): TargetQuotes {
  const fair = (m.bidPx + m.askPx) / 2;
  const h = p.base_spread_bps / 2;
  // Long -> both quotes lower (sell more eagerly, buy less); short -> higher.
  const tilt = clamp(own.maxPosition > 0 ? own.position / own.maxPosition : 0, -1, 1) * p.inventory_tilt_cap * h;
  // With a rebate, being filled pays: lean toward fair by up to cap*h.
  const vip = venue.makerFeeBps < 0 ? p.vip_tilt_cap * h : 0;
  const bidBps = h - vip + tilt + p.slippage_penalty_coef * Math.max(0, own.adverseBidBps);
  const askBps = h - vip - tilt + p.slippage_penalty_coef * Math.max(0, own.adverseAskBps);
  const tick = venue.tickSize;
  // Away from fair to the tick, and never crossing the opposite best (post-only).
  let bidPx = Math.floor((fair * (1 - bidBps / 1e4)) / tick + 1e-9) * tick;
  let askPx = Math.ceil((fair * (1 + askBps / 1e4)) / tick - 1e-9) * tick;
  if (bidPx > m.askPx - tick) bidPx = m.askPx - tick;
  if (askPx < m.bidPx + tick) askPx = m.bidPx + tick;
  const scale = tickScale(tick);
  bidPx = Math.round(bidPx * scale) / scale;
  askPx = Math.round(askPx * scale) / scale;
  const bidQty = Math.min(venue.orderSize, p.impact_cap_ratio * m.bidQty);
  const askQty = Math.min(venue.orderSize, p.impact_cap_ratio * m.askQty);
  return {
    fair,
    halfSpreadBps: h,
    // The tilt moves both quotes by the same bps; the VIP lean and the penalties widen or narrow, not move.
    reservationBps: -tilt,
    bid: bidQty > MIN_QUOTE_QTY && bidPx > 0 ? { px: bidPx, qty: bidQty } : null,
    ask: askQty > MIN_QUOTE_QTY ? { px: askPx, qty: askQty } : null,
  };
}

/** Replace tolerance: a live order is replaced only when off target by more than ratio * h (in price). */
export function needsReplace(livePx: number, targetPx: number, fair: number, p: AppliedProfile): boolean {
  return Math.abs(livePx - targetPx) > (p.max_delta_ratio * (p.base_spread_bps / 2) * fair) / 1e4;
}

/** A power of ten fine enough to strip float dust from prices on this tick. */
export function tickScale(tick: number): number {
  return 10 ** Math.min(12, Math.max(0, Math.ceil(-Math.log10(tick) - 1e-9)) + 2);
}
