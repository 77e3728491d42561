import { describe, expect, it } from 'vitest';
import { calibrate, informedFlow } from './calibrate.js';
import { parseScenario } from './scenario.js';
import { SyntheticMarket } from './synthetic-market.js';

const inputs = { description: 't', fees: { maker_bps: 0, taker_bps: 5 }, latency: { model: 'constant' as const, ms: 10 }, window_s: 60, source: 'mock' };

describe('informedFlow (method of moments on 1-s buckets)', () => {
  it('a hand-worked fit: mu from Var(N), beta the regression slope, diffusion what the regression leaves', () => {
    // lambda 10 prints/s, Var(N) 50 -> 2mu - 1 = 5, mu = 3; Cov 5 -> beta = 5/50 = 0.1 bps per print;
    // explained 5^2/50 = 0.5 bps^2, Var(r) 2 -> diffusion sqrt(1.5).
    const f = informedFlow({ returnVar: 2, printsPerS: 10, signedCountVar: 50, cov: 5 });
    expect(f.burstPrints).toBeCloseTo(3, 12);
    expect(f.informedShare).toBe(1);
    expect(f.informedMoveBps).toBeCloseTo(0.1, 12);
    expect(f.explainedVar).toBeCloseTo(0.5, 12);
    expect(f.diffusionBpsPerSqrtS).toBeCloseTo(Math.sqrt(1.5), 12);
  });

  it('no informed flow when returns do not follow the flow; prints less clustered than Poisson are single', () => {
    const f = informedFlow({ returnVar: 4, printsPerS: 10, signedCountVar: 6, cov: -1 });
    expect(f).toEqual({ burstPrints: 1, informedShare: 0, informedMoveBps: 0, diffusionBpsPerSqrtS: 2, explainedVar: 0 });
  });
});

describe('calibrate on a synthetic market with known flow', () => {
  const truth = parseScenario(
    {
      description: 'known flow',
      start_price: 50_000,
      tick_size: 0.01,
      volatility_bps_per_sqrt_s: 0.5,
      jump_rate_per_s: 0,
      jump_bps: 0,
      quote_rate_per_s: 20,
      spread_ticks: 1,
      top_size: { median: 1, p95: 4 },
      trade_rate_per_s: 8,
      trade_size: { median: 0.01, p95: 0.05 },
      trade_depth_bps: 0.5,
      trade_burst_prints: 4,
      informed_share: 1,
      informed_move_bps: 0.2,
      fees: { maker_bps: 0, taker_bps: 5 },
      latency: { model: 'constant', ms: 10 },
      order_size: 0.01,
      max_position: 0.1,
      window_s: 60,
    },
    't',
  );
  it('recovers the episode length, the impact per print and the diffusion it was made with (two seeds)', async () => {
    for (const seed of [11, 12]) await checkSeed(seed);
  }, 120_000);

  async function checkSeed(seed: number): Promise<void> {
    const fitted = await calibrate(new SyntheticMarket(truth, seed).stream(4 * 3600 * 1e6), inputs);
    // Sampling error over 14,400 one-second buckets is a few per cent; 10% bounds leave room without hiding a
    // wrong formula (a factor of (2mu - 1) = 7 or of mu = 4 would be far outside).
    expect(fitted.trade_burst_prints).toBeGreaterThan(4 * 0.9);
    expect(fitted.trade_burst_prints).toBeLessThan(4 * 1.1);
    expect(fitted.informed_move_bps).toBeGreaterThan(0.2 * 0.9);
    expect(fitted.informed_move_bps).toBeLessThan(0.2 * 1.1);
    expect(fitted.volatility_bps_per_sqrt_s).toBeGreaterThan(0.5 * 0.9);
    expect(fitted.volatility_bps_per_sqrt_s).toBeLessThan(0.5 * 1.1);
    expect(fitted.trade_rate_per_s).toBeGreaterThan(8 * 0.95);
    expect(fitted.trade_rate_per_s).toBeLessThan(8 * 1.05);
    // The model's mean 1-s markout per print: beta * (2mu - 1) = 0.2 * 7 = 1.4 bps.
    const markout = (fitted.calibration as { mean_markout_1s_bps: number }).mean_markout_1s_bps;
    expect(markout).toBeGreaterThan(1.4 * 0.85);
    expect(markout).toBeLessThan(1.4 * 1.15);
  }
});
