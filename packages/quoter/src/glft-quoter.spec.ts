import { describe, expect, it } from 'vitest';
import type { GlftQuoterSpec } from '@mm-profiles/profile-core';
import { glftCoefficients, glftDepths, glftQuoter } from './glft-quoter.js';

// γ = k makes (1 + γ/k) = 2: c1 = ln 2 / γ, c2 = sqrt(γ / (2 A k) · 2^2) = sqrt(2γ / (A k)).
// γ = k = 0.5, A = 1: c1 = 2 ln 2 = 1.3862943611, c2 = sqrt(2) = 1.4142135624. σ = 2: skew σ·c2 = 2.8284271247,
// half-spread c1 + σ·c2/2 = 1.3862943611 + 1.4142135624 = 2.8005079235 bps.
const spec: GlftQuoterSpec = { kind: 'glft', gamma: 0.5, sigma_bps_per_sqrt_s: 2, a_per_s: 1, k_per_bps: 0.5 };
const venue = { tickSize: 0.01, makerFeeBps: 2, orderSize: 0.1 };
const market = { bidPx: 9999.9, bidQty: 1, askPx: 10000.1, askQty: 1 };
const input = (position: number, maxPosition = 1) => ({ market, position, maxPosition, now: 0 });

describe('the GLFT closed form', () => {
  it('c1 and c2 at γ = k (hand-computed)', () => {
    const { c1, c2 } = glftCoefficients(0.5, 1, 0.5);
    expect(c1).toBeCloseTo(1.3862943611, 9);
    expect(c2).toBeCloseTo(1.4142135624, 9);
  });

  it('as γ -> 0: c1 -> 1/k (the Avellaneda–Stoikov spread of a risk-neutral maker), c2 -> sqrt(γ e / (2 A k))', () => {
    const g = 1e-6;
    const { c1, c2 } = glftCoefficients(g, 3, 2);
    // ln(1 + x)/γ with x = γ/k: 1/k - γ/(2k²) + ...
    expect(c1).toBeCloseTo(0.5 - g / 8, 9);
    // (1 + γ/k)^(1 + k/γ) -> e as γ -> 0: c2 -> sqrt(γ e / (2 A k)) = sqrt(1e-6 * e / 12) = 4.7594e-4.
    expect(c2 / Math.sqrt((g * Math.E) / 12)).toBeCloseTo(1, 5);
  });

  it('depths: half-spread c1 + σ c2 / 2, each order of inventory moves both by σ c2', () => {
    const d0 = glftDepths(spec, 0);
    expect(d0.halfSpreadBps).toBeCloseTo(2.8005079235, 9);
    expect(d0.skewBps).toBeCloseTo(2.8284271247, 9);
    expect(d0.bidBps).toBeCloseTo(d0.askBps, 12);
    const d2 = glftDepths(spec, 2);
    // δ_bid(2) = c1 + σ c2 (2·2 + 1)/2 = 1.3862943611 + 2.8284271247 · 2.5 = 8.4573621729
    expect(d2.bidBps).toBeCloseTo(8.4573621729, 9);
    // δ_ask(2) = c1 - σ c2 (2·2 - 1)/2 = 1.3862943611 - 2.8284271247 · 1.5 = -2.8563463259
    expect(d2.askBps).toBeCloseTo(-2.8563463259, 9);
  });

  it('a larger γ widens the spread and skews harder', () => {
    const lo = glftDepths({ ...spec, gamma: 0.1 }, 0);
    const hi = glftDepths({ ...spec, gamma: 1 }, 0);
    expect(hi.skewBps).toBeGreaterThan(lo.skewBps);
    // c1 falls with γ (ln(1+x)/γ), c2 grows. γ = 0.1: c1 = ln 1.2 / 0.1 = 1.8232156, c2 = sqrt(0.1 · 1.2^6) =
    // 0.5464416, half-spread 1.8232156 + 0.5464416 = 2.3696572. γ = 1: c1 = ln 3 = 1.0986123, c2 = sqrt(3^1.5) =
    // 2.2795070, half-spread 3.3781193.
    expect(lo.halfSpreadBps).toBeCloseTo(2.3696572, 6);
    expect(hi.halfSpreadBps).toBeCloseTo(3.3781193, 6);
  });
});

describe('glftQuoter', () => {
  const q = glftQuoter(spec, venue);

  it('flat: fair -/+ half-spread, to the tick away from fair, centred on fair', () => {
    const t = q.targets(input(0));
    expect(t.fair).toBe(10000);
    // 10000 (1 - 2.8005079e-4) = 9997.19949 -> 9997.19; 10000 (1 + 2.8005079e-4) = 10002.80051 -> 10002.81
    expect(t.bid).toEqual({ px: 9997.19, qty: 0.1 });
    expect(t.ask).toEqual({ px: 10002.81, qty: 0.1 });
    expect(t.reservationBps).toBe(-0);
  });

  it('long 2 orders: both quotes lower; an ask through the touch is held at the best ask', () => {
    const t = q.targets(input(0.2));
    // bid depth 8.4573622 bps: 10000 (1 - 8.4573622e-4) = 9991.54264 -> 9991.54
    expect(t.bid!.px).toBe(9991.54);
    // ask depth -2.8563463 bps: 9997.14365 -> 9997.15, below the best ask 10000.1 -> 10000.1
    expect(t.ask!.px).toBe(10000.1);
    expect(t.reservationBps).toBeCloseTo(-5.6568542495, 9);
    // Short: the mirror image.
    const s = q.targets(input(-0.2));
    expect(s.ask!.px).toBe(10008.46);
    expect(s.bid!.px).toBe(9999.9);
  });

  it('no bid at the long limit, no ask at the short limit', () => {
    expect(q.targets(input(1)).bid).toBeNull();
    expect(q.targets(input(1)).ask).not.toBeNull();
    expect(q.targets(input(-1)).ask).toBeNull();
  });

  it('replaces a tick or more off target, and past max_delta_ratio of its half-spread', () => {
    const t = q.targets(input(0));
    // No profile: any tick.
    expect(q.needsReplace(100, 100.005, t)).toBe(false);
    expect(q.needsReplace(100, 100.01, t)).toBe(true);
    // max_delta_ratio 0.1: 0.1 · 2.8005079 bps · 10000 / 1e4 = 0.28005 in price.
    const ratio = glftQuoter(spec, venue, { appliedProfile: { max_delta_ratio: 0.1 } as never });
    expect(ratio.needsReplace(100, 100.28, t)).toBe(false);
    expect(ratio.needsReplace(100, 100.29, t)).toBe(true);
  });
});
