import { describe, expect, it } from 'vitest';
import type { AppliedProfile } from '@mm-profiles/profile-core';
import { needsReplace, targetQuotes, type MarketState, type OwnState, type VenueSpec } from './target-quotes.js';

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
