import { describe, expect, it } from 'vitest';
import type { AppliedProfile } from '@mm-profiles/profile-core';
import { profileQuoter } from './profile-quoter.js';
import { targetQuotes, type VenueSpec } from './target-quotes.js';

const applied: AppliedProfile = {
  base_spread_bps: 2,
  concurrency_limit: 2,
  impact_cap_ratio: 0.5,
  inventory_tilt_cap: 0,
  max_delta_ratio: 0.125,
  min_interval_ms: 50,
  replace_rate_per_min: 400,
  slippage_penalty_coef: 0.5,
  tail_age_ms: 700,
  vip_tilt_cap: 0,
};
const venue: VenueSpec = { tickSize: 0.01, makerFeeBps: 0.5, orderSize: 0.1 };
const market = { bidPx: 9999.9, bidQty: 1, askPx: 10000.1, askQty: 1 };
const input = { market, position: 0, maxPosition: 1, now: 0 };

describe('profileQuoter', () => {
  it('asks targetQuotes with the profile in force, read on every call', () => {
    const source = { appliedProfile: applied };
    const q = profileQuoter(source, venue);
    expect(q.kind).toBe('profile');
    expect(q.targets(input)).toEqual(targetQuotes(applied, market, { position: 0, maxPosition: 1, adverseBidBps: 0, adverseAskBps: 0 }, venue));
    // The sentinel swaps its profile (auto-tune, an edge-policy switch): the next call sees it.
    source.appliedProfile = { ...applied, base_spread_bps: 4 };
    expect(q.targets(input).bid!.px).toBe(9998); // 10000 * (1 - 2/1e4)
  });

  it('learns each side adverse markout at 1 s only, as an EWMA of weight 0.1', () => {
    const q = profileQuoter({ appliedProfile: applied }, venue);
    // A bid fill the mid moved 5 bps against (markout -5): adverse 0 + 0.1 * (5 - 0) = 0.5; then -3 -> 0.5 + 0.1 * (3 - 0.5) = 0.75.
    q.onMarkout('bid', 1, -5);
    q.onMarkout('bid', 0.1, -100); // other horizons are not learnt from
    q.onMarkout('bid', 30, -100);
    q.onMarkout('bid', 1, -3);
    expect(q.adverseBidBps).toBeCloseTo(0.75, 12);
    expect(q.adverseAskBps).toBe(0);
    // The penalty: 0.5 * 0.75 = 0.375 bps on the bid: 10000 * (1 - 1.375/1e4) = 9998.625 -> floor to 0.01 = 9998.62.
    expect(q.targets(input).bid!.px).toBe(9998.62);
    expect(q.targets(input).ask!.px).toBe(10001);
  });

  it('replaces past max_delta_ratio x h of the fair in force', () => {
    const q = profileQuoter({ appliedProfile: applied }, venue);
    const t = q.targets(input); // fair 10000, h 1 bps: tolerance 0.125 * 1 * 10000 / 1e4 = 0.125
    expect(q.needsReplace(100, 100.125, t)).toBe(false);
    expect(q.needsReplace(100, 100.25, t)).toBe(true);
  });
});
