import { describe, expect, it } from 'vitest';
import { calibrate, fitExponential, informedFlow } from './calibrate.js';
import type { MarketEvent, QuoteEvent, TradeEvent } from './market-event.js';
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

describe('informedFlow guards', () => {
  it('no print rate or no Var(N): single prints (not an infinite or NaN episode length)', () => {
    expect(informedFlow({ returnVar: 1, printsPerS: 0, signedCountVar: 5, cov: 1 }).burstPrints).toBe(1);
    expect(informedFlow({ returnVar: 1, printsPerS: 2, signedCountVar: Number.NaN, cov: 1 }).burstPrints).toBe(1);
  });

  it('Var(N) = 0 with a positive covariance: no informed flow (the slope Cov/Var(N) has no meaning)', () => {
    // burst: (0/2 + 1)/2 = 0.5, raised to 1.
    const f = informedFlow({ returnVar: 4, printsPerS: 2, signedCountVar: 0, cov: 1 });
    expect(f).toEqual({ burstPrints: 1, informedShare: 0, informedMoveBps: 0, diffusionBpsPerSqrtS: 2, explainedVar: 0 });
  });

  it('a zero covariance is no informed flow; clustered prints still give the episode length', () => {
    // Var(N)/lambda = 6/2 = 3 -> mu = (3 + 1)/2 = 2.
    const f = informedFlow({ returnVar: 4, printsPerS: 2, signedCountVar: 6, cov: 0 });
    expect(f).toEqual({ burstPrints: 2, informedShare: 0, informedMoveBps: 0, diffusionBpsPerSqrtS: 2, explainedVar: 0 });
  });
});

describe('fitExponential', () => {
  it('recovers A and k of points on A*exp(-k*x) and leaves out the points with y = 0', () => {
    // y = 2*exp(-0.5x) at x = 1, 2, 6 (mean x 3, not 0 or 1), and a zero count at x = 3 that ln cannot take.
    const { A, k } = fitExponential([1, 2, 3, 6], [2 * Math.exp(-0.5), 2 * Math.exp(-1), 0, 2 * Math.exp(-3)]);
    expect(A).toBeCloseTo(2, 12);
    expect(k).toBeCloseTo(0.5, 12);
  });

  it('is least squares on ln(y): three points off a line', () => {
    // ln y = 0, 1, 0 at x = 0, 1, 2: mean x 1, mean ln y 1/3; Sxy = (-1)(-1/3) + 0 + (1)(-1/3) = 0 -> k = 0, A = e^(1/3).
    // ln y = 0, 0, 3 at x = 0, 1, 3: mean x 4/3, mean ln y 1; Sxy = (-4/3)(-1) + (-1/3)(-1) + (5/3)(2) = 5,
    // Sxx = 16/9 + 1/9 + 25/9 = 42/9 -> slope 45/42 = 15/14, ln A = 1 - (15/14)(4/3) = -3/7.
    const flat = fitExponential([0, 1, 2], [1, Math.E, 1]);
    expect(flat.k).toBeCloseTo(0, 12);
    expect(flat.A).toBeCloseTo(Math.exp(1 / 3), 12);
    const up = fitExponential([0, 1, 3], [1, 1, Math.exp(3)]);
    expect(up.k).toBeCloseTo(-15 / 14, 12);
    expect(up.A).toBeCloseTo(Math.exp(-3 / 7), 12);
  });
});

const T0 = 1_000_000_000;
const at = (ms: number) => T0 + ms * 1000;
const q = (ms: number, bidPx: number, askPx: number, bidQty: number, askQty: number): QuoteEvent => ({
  kind: 'quote',
  ts: at(ms),
  localTs: at(ms),
  bidPx,
  askPx,
  bidQty,
  askQty,
});
const tr = (ms: number, side: 1 | -1, px: number, qty: number): TradeEvent => ({ kind: 'trade', ts: at(ms), localTs: at(ms), px, qty, side });
async function* streamOf(events: MarketEvent[]): AsyncGenerator<MarketEvent[]> {
  // Two batches: a batch boundary changes nothing.
  yield events.slice(0, 3);
  yield events.slice(3);
}

describe('calibrate on a hand-made tape', () => {
  // a: the 1-s log return of a mid going 100 -> 101, bps (100 -> 101 -> 100 gives a, then -a).
  const a = Math.log(1.01) * 1e4;

  it('every field worked out by hand: five 1-s buckets, four prints, six quotes', async () => {
    // Second 0: quote mid 100, a buy of 4 at 100.5 (50 bps from the mid). Second 1: mid 101, a buy of 1 at 101.17
    // (16.8 bps). Second 2: mid 100, a sell of 3 at 99.5 (50 bps). Second 3: nothing. Second 4: mid 101, a buy of
    // 2 at 101.17 (16.8 bps). At 5.000 s a last quote (mid 100.75) closes second 4: duration 5 s. Depths are
    // from the mid, wherever the print is. A depth event is no print and no quote.
    const events: MarketEvent[] = [
      tr(0, 1, 100, 9), // before any quote: no mid, not counted
      q(0, 99.5, 100.5, 1, 2),
      tr(100, 1, 100.5, 4),
      q(1050, 100.75, 101.25, 3, 1),
      tr(1200, 1, 101.17, 1),
      q(2100, 99.5, 100.5, 2, 2),
      tr(2300, -1, 99.5, 3),
      q(3000, 99.75, 100.25, 4, 3),
      { kind: 'depth', ts: at(3500), localTs: at(3500), bids: [[99, 7]], asks: [], snapshot: false },
      q(4100, 100.5, 101.5, 5, 1),
      tr(4200, 1, 101.17, 2),
      q(5000, 100.5, 101, 1, 6),
    ];
    const s = await calibrate(streamOf(events), inputs);
    // Closing mids 100, 101, 100, 100, 101 -> returns r = a, -a, 0, a; signed prints of seconds 1-4: N = 1, -1, 0, 1.
    // Var(r) = (3a^2 - 4(a/4)^2)/3 = 11a^2/12; Var(N) = (3 - 4/16)/3 = 11/12; Cov(r, N) = (3a - 4(a/4)(1/4))/3 = 11a/12.
    // Lagged (r of seconds 2-4 against N of seconds 1-3): r = -a, 0, a; N = 1, -1, 0; means 0: Cov = -a/2.
    // Cov used: 11a/12 - 6a/12 = 5a/12. lambda = 4 prints / 5 s = 0.8.
    // mu = (Var(N)/lambda + 1)/2 = (55/48 + 1)/2 = 103/96; beta = Cov/Var(N) = 5a/11;
    // explained = Cov^2/Var(N) = 25a^2/132, diffusion^2 = 121a^2/132 - 25a^2/132 = 8a^2/11; share 25/121.
    // Tick: bid steps 1.25, 1.25, 0.25, 0.75, 0 (a repeated bid is no step) -> 0.25; spreads 1, 0.5, 1, 0.5, 1,
    // 0.5 -> median (pos 2.5 of 0.5, 0.5, 0.5, 1, 1, 1) 0.75 = 3 ticks.
    // Sizes 4, 1, 3, 2 -> sorted 1, 2, 3, 4: median (pos 1.5) 2.5, p95 (pos 2.85) 3 + 0.85 = 3.85.
    // Top sizes 1,2,3,1,2,2,4,3,5,1,1,6 -> sorted 1,1,1,1,2,2,2,3,3,4,5,6: median (pos 5.5) 2, p95 (pos 10.45)
    // 5 + 0.45 = 5.45.
    // Depths 50, 16.8, 50, 16.8: p99 (pos 2.97 between the two 50s) = 50; grid 2.5*i, i = 0..20: i <= 6 reach
    // 4 prints (0.8/s), i >= 7 reach 2 (0.4/s). Least squares of ln(rate) on i: Sxx = 770, Sxy = ln2*(21 - 70)
    // -> slope per bps -49*ln2/(770*2.5), k = 7*ln2/275; ln A = ln 0.4 + ln2/3 + k*25 -> A = 0.4 * 2^(32/33).
    // Markouts: the buy at 0.1 s resolved at 1.2 s against mid 101: +100 bps; the buy at 1.2 s at 2.3 s against
    // mid 100: -10000/101; the sell at 2.3 s at 4.1 s (before that quote) against mid 100: 0; the last one is
    // not resolved. Mean 100/303.
    const k = (7 * Math.LN2) / 275;
    const close = (x: number) => expect.closeTo(x, 5);
    expect(s).toEqual({
      description: 't',
      symbol: 'CALIBRATED',
      start_price: 100,
      tick_size: 0.25,
      volatility_bps_per_sqrt_s: close(Math.sqrt(8 / 11) * a),
      jump_rate_per_s: 0,
      jump_bps: 0,
      quote_rate_per_s: 1.2,
      spread_ticks: 3,
      top_size: { median: 2, p95: close(5.45) },
      trade_rate_per_s: 0.8,
      trade_size: { median: 2.5, p95: close(3.85) },
      trade_depth_bps: close(1 / k),
      trade_burst_prints: close(103 / 96),
      informed_share: 1,
      informed_move_bps: close((5 * a) / 11),
      fees: inputs.fees,
      latency: inputs.latency,
      order_size: 2.5,
      max_position: 25,
      window_s: 60,
      calibration: {
        source: 'mock',
        duration_s: 5,
        quotes: 6,
        trades: 4,
        fill_intensity: { A_per_s: close(0.4 * 2 ** (32 / 33)), k_per_bps: close(k), fitted_up_to_bps: close(50) },
        mean_markout_1s_bps: close(100 / 303),
        return_vol_bps_per_sqrt_s: close(Math.sqrt(11 / 12) * a),
        signed_prints_per_s_var: close(11 / 12),
        return_signed_prints_cov: close((5 * a) / 12),
        explained_var_share: close(25 / 121),
        note: 'fees and latency are not in market data: given to mm calibrate, not fitted',
      },
    });
  });

  it('two returns: the lag term has one pair and adds nothing; seconds before the first quote are not buckets', async () => {
    // A print before any quote is left out; second 0 has no mid and is no bucket. Closing mids of seconds 1-3:
    // 100, 101, 100 -> r = a, -a; N = 1, -1 (a buy in second 2, a sell in second 3). Means 0: Var(r) = 2a^2,
    // Var(N) = 2, Cov = 2a; one lagged pair has no variance: 0. The venue's own tick, size and limit are used.
    const events: MarketEvent[] = [
      tr(0, 1, 100, 1),
      q(1050, 99.5, 100.5, 1, 1),
      q(2100, 100.5, 101.5, 1, 1),
      tr(2200, 1, 101.5, 1),
      q(3100, 99.5, 100.5, 1, 1),
      tr(3200, -1, 99.5, 1),
      q(4000, 99.5, 100.5, 1, 1),
    ];
    const s = await calibrate(streamOf(events), { ...inputs, symbol: 'X', tickSize: 0.5, orderSize: 0.1, maxPosition: 2 });
    const c = s.calibration as Record<string, unknown>;
    expect(c.return_vol_bps_per_sqrt_s).toBeCloseTo(Math.SQRT2 * a, 5);
    expect(c.signed_prints_per_s_var).toBeCloseTo(2, 6);
    expect(c.return_signed_prints_cov).toBeCloseTo(2 * a, 5);
    // mu = (2/0.5 + 1)/2 = 2.5; the flow explains all the variance: beta = a, no diffusion left.
    expect(s.trade_burst_prints).toBeCloseTo(2.5, 6);
    expect(s.informed_move_bps).toBeCloseTo(a, 5);
    expect(s.volatility_bps_per_sqrt_s).toBeLessThan(1e-3);
    expect(c.trades).toBe(2);
    expect(c.duration_s).toBe(4);
    // The buy at 2.2 s resolves at 3.2 s against mid 100; the sell at 3.2 s is not resolved.
    expect(c.mean_markout_1s_bps).toBeCloseTo(-10000 / 101, 5);
    expect([s.symbol, s.tick_size, s.spread_ticks, s.order_size, s.max_position]).toEqual(['X', 0.5, 2, 0.1, 2]);
  });

  it('one print: its size is every quantile, its depth the fit range, and a flat intensity gives k = 0', async () => {
    // One buy of 3 at 100.5, mid 100 (50 bps), over 1.6 s: the rate at every grid depth up to 50 bps is 1/1.6 s,
    // so ln(rate) has slope 0: k = 0, A = 0.625, and the trade depth falls back to the fitted range, 50 bps. One
    // bucket: no returns, no flow, no variance to explain. The print is due for its markout at 1.5 s exactly: the
    // quote then is measured against the mid before it (100: markout 0), not the next event's (101).
    const events: MarketEvent[] = [
      q(0, 99.5, 100.5, 2, 2),
      tr(500, 1, 100.5, 3),
      q(1000, 99.5, 100.5, 2, 2),
      q(1500, 100.5, 101.5, 2, 2),
      q(1600, 100.5, 101.5, 2, 2),
    ];
    const s = await calibrate(streamOf(events), inputs);
    const c = s.calibration as { fill_intensity: Record<string, number> } & Record<string, unknown>;
    expect(s.trade_size).toEqual({ median: 3, p95: 3 });
    expect(s.top_size).toEqual({ median: 2, p95: 2 });
    expect(c.fill_intensity).toEqual({ A_per_s: 0.625, k_per_bps: 0, fitted_up_to_bps: 50 });
    expect(s.trade_depth_bps).toBe(50);
    expect([c.mean_markout_1s_bps, c.explained_var_share]).toEqual([0, 0]);
    expect([s.trade_burst_prints, s.informed_share, s.volatility_bps_per_sqrt_s]).toEqual([1, 0, 0]);
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
