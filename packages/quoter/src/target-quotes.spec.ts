import { describe, expect, it } from 'vitest';
import type { AppliedProfile } from '@mm-profiles/profile-core';
import { needsReplace, targetQuotes, tickScale, type MarketState, type OwnState, type VenueSpec } from './target-quotes.js';

const profile: AppliedProfile = {
  base_spread_bps: 2,
  concurrency_limit: 2,
  impact_cap_ratio: 0.5,
  inventory_tilt_cap: 0,
  max_delta_ratio: 0.1,
  min_interval_ms: 50,
  replace_rate_per_min: 400,
  slippage_penalty_coef: 0,
  tail_age_ms: 700,
  vip_tilt_cap: 0,
};
const market: MarketState = { bidPx: 9999.9, bidQty: 1, askPx: 10000.1, askQty: 1 };
const flat: OwnState = { position: 0, maxPosition: 1, adverseBidBps: 0, adverseAskBps: 0 };
const venue: VenueSpec = { tickSize: 0.01, makerFeeBps: 0.5, orderSize: 0.1 };
const q = (p: Partial<AppliedProfile> = {}, o: Partial<OwnState> = {}, v: Partial<VenueSpec> = {}, m: Partial<MarketState> = {}) =>
  targetQuotes({ ...profile, ...p }, { ...market, ...m }, { ...flat, ...o }, { ...venue, ...v });

describe('targetQuotes', () => {
  it('quotes fair -/+ h bps, on the tick, rounded away from fair', () => {
    const t = q();
    expect(t.fair).toBe(10000);
    expect(t.bid).toEqual({ px: 9999, qty: 0.1 });
    expect(t.ask).toEqual({ px: 10001, qty: 0.1 });
    const odd = q({ base_spread_bps: 2.5 });
    expect(odd.bid!.px).toBe(9998.75);
    expect(q({ base_spread_bps: 2.501 }).bid!.px).toBe(9998.74);
  });

  it('a wider base_spread_bps quotes further from fair', () => {
    expect(q({ base_spread_bps: 4 }).bid!.px).toBeLessThan(q().bid!.px);
    expect(q({ base_spread_bps: 4 }).ask!.px).toBeGreaterThan(q().ask!.px);
  });

  it('inventory tilt: long lowers both quotes, short raises them, capped at |pos| = max', () => {
    const long = q({ inventory_tilt_cap: 0.5 }, { position: 1 });
    expect(long.bid!.px).toBe(9998.5);
    expect(long.ask!.px).toBe(10000.5);
    const short = q({ inventory_tilt_cap: 0.5 }, { position: -3 });
    expect(short.bid!.px).toBe(9999.5);
    expect(short.ask!.px).toBe(10001.5);
  });

  it('VIP tilt moves toward fair only when the maker fee is a rebate', () => {
    expect(q({ vip_tilt_cap: 0.5 }, {}, { makerFeeBps: -0.2 }).bid!.px).toBe(9999.5);
    expect(q({ vip_tilt_cap: 0.5 }, {}, { makerFeeBps: 0.2 }).bid!.px).toBe(9999);
  });

  it('slippage penalty widens the side with adverse markout', () => {
    const t = q({ slippage_penalty_coef: 0.5 }, { adverseBidBps: 2, adverseAskBps: -5 });
    expect(t.bid!.px).toBe(9998);
    expect(t.ask!.px).toBe(10001);
  });

  it('impact cap: size <= ratio x displayed size at our best', () => {
    expect(q({ impact_cap_ratio: 0.05 }).bid!.qty).toBeCloseTo(0.05, 12);
    expect(q({ impact_cap_ratio: 0 }).bid).toBeNull();
  });

  it('never crosses the opposite best (post-only)', () => {
    const t = q({ base_spread_bps: 0.01, vip_tilt_cap: 1 }, {}, { makerFeeBps: -1 }, { bidPx: 9999.99, askPx: 10000.01 });
    expect(t.bid!.px).toBeLessThanOrEqual(10000.01 - 0.01);
    expect(t.ask!.px).toBeGreaterThanOrEqual(9999.99 + 0.01);
  });

  it('replace tolerance is max_delta_ratio x h', () => {
    // h = 1 bps of 10000 = 1.0; ratio 0.1 -> tolerance 0.1
    expect(needsReplace(9999, 9999.09, 10000, profile)).toBe(false);
    expect(needsReplace(9999, 9999.11, 10000, profile)).toBe(true);
  });
});

// The edges, each price worked by hand (fair 10000 throughout: 1 bps = 1.00; h = 1 bps).
describe('targetQuotes at its edges', () => {
  it('never crosses: a target through the opposite best is pulled to one tick inside it', () => {
    // A tight book (9999.99 / 10000.01) with h = 1 bps: bid target 9999 is fine, but a penalty pushes the ask
    // below fair? No: use a long position with a big tilt, which lowers the ask to fair - 0.5: 9999.5 < bid.
    // tilt = (4/4) * 1.5 * 1 = 1.5 bps; ask = 10000 * (1 + (1 - 1.5)/1e4) = 9999.5, below the best bid 9999.99
    // -> clamped to bid + tick = 10000.00.
    const t = q({ inventory_tilt_cap: 1.5 }, { position: 4, maxPosition: 4 }, {}, { bidPx: 9999.99, askPx: 10000.01 });
    expect(t.ask!.px).toBe(10000);
    // The bid: 10000 * (1 - (1 + 1.5)/1e4) = 9997.5, far from the ask: unclamped.
    expect(t.bid!.px).toBe(9997.5);
    // Short: bid = 10000 * (1 - (1 - 1.5)/1e4) = 10000.5 above the best ask -> ask - tick = 10000.00.
    const s = q({ inventory_tilt_cap: 1.5 }, { position: -4, maxPosition: 4 }, {}, { bidPx: 9999.99, askPx: 10000.01 });
    expect(s.bid!.px).toBe(10000);
    expect(s.ask!.px).toBe(10002.5);
  });

  it('a target exactly one tick inside the opposite best is kept', () => {
    // Short with tilt 1 bps: bid = 10000 * (1 - 0/1e4) = 10000.00 = ask 10000.01 - tick: not moved.
    const s = q({ inventory_tilt_cap: 1 }, { position: -4, maxPosition: 4 }, {}, { bidPx: 9999.99, askPx: 10000.01 });
    expect(s.bid!.px).toBe(10000);
  });

  it('size: the order size, capped at impact_cap_ratio of the displayed size', () => {
    // 0.5 * 1 = 0.5 > 0.1: the order size; 0.5 * 0.08 = 0.04 < 0.1: the cap.
    expect(q().bid!.qty).toBe(0.1);
    const t = q({}, {}, {}, { bidQty: 0.08, askQty: 0.12 });
    expect(t.bid!.qty).toBeCloseTo(0.04, 12);
    expect(t.ask!.qty).toBe(0.06);
  });

  it('no quote on a side with nothing displayed, nor a bid at a price of 0 or below', () => {
    expect(q({}, {}, {}, { bidQty: 0 }).bid).toBeNull();
    expect(q({}, {}, {}, { askQty: 0 }).ask).toBeNull();
    expect(q({}, {}, {}, { bidQty: 0 }).ask).not.toBeNull();
    // A market at 0.005 / 0.015 on a 0.01 tick: the bid rounds down to 0.00 -> no bid; the ask quotes.
    const cheap = q({}, {}, {}, { bidPx: 0.005, askPx: 0.015 });
    expect(cheap.bid).toBeNull();
    expect(cheap.ask).not.toBeNull();
  });

  it('the tilt stops growing at |position| = max position, and is 0 without a limit', () => {
    const at = q({ inventory_tilt_cap: 0.5 }, { position: 4, maxPosition: 4 });
    const beyond = q({ inventory_tilt_cap: 0.5 }, { position: 8, maxPosition: 4 });
    // tilt = 1 * 0.5 * 1 = 0.5 bps: bid 10000 * (1 - 1.5/1e4) = 9998.5, ask 10000 * (1 + 0.5/1e4) = 10000.5.
    expect(at.bid!.px).toBe(9998.5);
    expect(at.ask!.px).toBe(10000.5);
    expect(beyond).toEqual(at);
    // Half the limit: half the tilt: bid 10000 * (1 - 1.25/1e4) = 9998.75.
    expect(q({ inventory_tilt_cap: 0.5 }, { position: 2, maxPosition: 4 }).bid!.px).toBe(9998.75);
    expect(q({ inventory_tilt_cap: 0.5 }, { position: 3, maxPosition: 0 }).bid!.px).toBe(9999);
  });

  it('VIP lean with a rebate only: both quotes move toward fair by vip_tilt_cap * h', () => {
    // vip = 0.4 * 1 = 0.4 bps: bid 10000 * (1 - 0.6/1e4) = 9999.4, ask 10000.6.
    const rebate = q({ vip_tilt_cap: 0.4 }, {}, { makerFeeBps: -0.2 });
    expect(rebate.bid!.px).toBe(9999.4);
    expect(rebate.ask!.px).toBe(10000.6);
    // A zero fee is not a rebate.
    expect(q({ vip_tilt_cap: 0.4 }, {}, { makerFeeBps: 0 }).ask!.px).toBe(10001);
  });

  it('adverse markouts widen their own side only, by coef * adverse (negative adverse ignored)', () => {
    // ask adverse 2 bps * 0.5 = 1 bps: ask 10000 * (1 + 2/1e4) = 10002; bid unchanged 9999.
    const t = q({ slippage_penalty_coef: 0.5 }, { adverseAskBps: 2, adverseBidBps: -3 });
    expect(t.ask!.px).toBe(10002);
    expect(t.bid!.px).toBe(9999);
  });
});

describe('needsReplace', () => {
  // Tolerance: max_delta_ratio * h * fair / 1e4 = 0.125 * 1 * 10000 / 1e4 = 0.125 (exact in binary).
  const p = { ...profile, max_delta_ratio: 0.125 };
  it('replaces only when off target by more than the tolerance', () => {
    expect(needsReplace(100, 100.125, 10000, p)).toBe(false); // exactly the tolerance: kept
    expect(needsReplace(100, 100.25, 10000, p)).toBe(true);
    expect(needsReplace(100.25, 100, 10000, p)).toBe(true);
    // A doubled spread doubles the tolerance to 0.25; a doubled fair too.
    expect(needsReplace(100, 100.25, 10000, { ...p, base_spread_bps: 4 })).toBe(false);
    expect(needsReplace(100, 100.25, 20000, p)).toBe(false);
    expect(needsReplace(100, 100.5, 20000, p)).toBe(true);
  });
});

describe('tickScale', () => {
  it('two decimals finer than the tick, at most 1e12, at least 100', () => {
    expect(tickScale(0.01)).toBe(1e4);
    expect(tickScale(0.1)).toBe(1e3);
    expect(tickScale(0.5)).toBe(1e3); // ceil(0.301) = 1 -> 10^(1+2)
    expect(tickScale(1)).toBe(100);
    expect(tickScale(10)).toBe(100);
    expect(tickScale(1e-15)).toBe(1e12);
  });
});
