/**
 * The synthetic market (`--mock`): a mid that diffuses (bps per sqrt s) and jumps, L1 quotes and trades as
 * Poisson arrivals, and trades that sweep an exponential distance beyond the touch, so a resting quote at
 * distance delta is reached with intensity A*exp(-k*delta). A share of trades is informed: the mid follows them
 * at once, which is what makes tight or stale quotes lose (adverse selection by mechanism, not by formula).
 */
import { LognormalSampler, Random } from './random.js';
import type { EventStream, MarketEvent, QuoteEvent, TradeEvent } from './market-event.js';
import type { Scenario } from './scenario.js';

export const SYNTHETIC_BATCH = 4096;

export class SyntheticMarket {
  private readonly rng: Random;
  private readonly s: Scenario;
  private readonly totalRate: number;
  private readonly quoteCut: number;
  private readonly tradeCut: number;
  private readonly sigmaPerSqrtS: number;
  private readonly tradeSize: LognormalSampler;
  private readonly topSize: LognormalSampler;
  private readonly pxScale: number;
  private tSec = 0;
  private mid: number;
  /** Informed trades so far (ground truth for tests of the informed share). */
  informedTrades = 0;
  trades = 0;

  constructor(scenario: Scenario, seed: number) {
    this.s = scenario;
    this.rng = new Random(seed);
    this.mid = scenario.start_price;
    this.pxScale = priceScale(scenario.tick_size);
    this.totalRate = scenario.quote_rate_per_s + scenario.trade_rate_per_s + scenario.jump_rate_per_s;
    this.quoteCut = scenario.quote_rate_per_s / this.totalRate;
    this.tradeCut = (scenario.quote_rate_per_s + scenario.trade_rate_per_s) / this.totalRate;
    this.sigmaPerSqrtS = scenario.volatility_bps_per_sqrt_s / 1e4;
    this.tradeSize = new LognormalSampler(scenario.trade_size.median, scenario.trade_size.p95);
    this.topSize = new LognormalSampler(scenario.top_size.median, scenario.top_size.p95);
  }

  /** The true mid now (not observable by a strategy; for tests). */
  get trueMid(): number {
    return this.mid;
  }

  private bestBid(): number {
    const tick = this.s.tick_size;
    return Math.round(this.mid / tick - this.s.spread_ticks / 2) * tick;
  }

  private quote(ts: number): QuoteEvent {
    const tick = this.s.tick_size;
    const bidTicks = Math.round(this.mid / tick - this.s.spread_ticks / 2);
    return {
      kind: 'quote',
      ts,
      bidPx: Math.round(bidTicks * tick * this.pxScale) / this.pxScale,
      bidQty: roundQty(this.topSize.sample(this.rng)),
      askPx: Math.round((bidTicks + this.s.spread_ticks) * tick * this.pxScale) / this.pxScale,
      askQty: roundQty(this.topSize.sample(this.rng)),
    };
  }

  /** The next event. Time only moves forward; `ts` is whole µs. */
  next(): MarketEvent {
    const rng = this.rng;
    const dt = rng.exponential(this.totalRate);
    this.tSec += dt;
    const x = this.sigmaPerSqrtS * Math.sqrt(dt) * rng.normal();
    // exp(x) by its series while |x| < 1e-4 (the usual step): the x^4/24 left out is below a double's precision.
    this.mid *= x < 1e-4 && x > -1e-4 ? 1 + x * (1 + x * (0.5 + x / 6)) : Math.exp(x);
    const ts = Math.floor(this.tSec * 1e6);
    const u = rng.uniform();
    if (u < this.quoteCut) return this.quote(ts);
    if (u < this.tradeCut) {
      const tick = this.s.tick_size;
      const side: 1 | -1 = rng.uniform() < 0.5 ? 1 : -1;
      const qty = roundQty(this.tradeSize.sample(rng));
      const depth = this.mid * (rng.exponential(1) * this.s.trade_depth_bps) / 1e4;
      const bid = this.bestBid();
      const px = side > 0 ? Math.ceil((bid + this.s.spread_ticks * tick + depth) / tick - 1e-9) * tick : Math.floor((bid - depth) / tick + 1e-9) * tick;
      const trade: TradeEvent = { kind: 'trade', ts, px: Math.round(px * this.pxScale) / this.pxScale, qty, side };
      this.trades += 1;
      if (rng.uniform() < this.s.informed_share) {
        this.informedTrades += 1;
        this.mid *= Math.exp((side * this.s.informed_move_bps) / 1e4);
      }
      return trade;
    }
    this.mid *= Math.exp(((rng.uniform() < 0.5 ? 1 : -1) * this.s.jump_bps) / 1e4);
    return this.quote(ts);
  }

  /** The first event past the end of the last window, handed out first by the next `stream` call. */
  private pending: MarketEvent | undefined;

  /**
   * Events until market time `endUs` (exclusive), in batches. Successive calls continue the same market: the
   * event that crossed the previous end comes first.
   */
  async *stream(endUs: number, batchSize = SYNTHETIC_BATCH): EventStream {
    let batch: MarketEvent[] = [];
    let e = this.pending ?? this.next();
    this.pending = undefined;
    while (e.ts < endUs) {
      batch.push(e);
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
      e = this.next();
    }
    this.pending = e;
    if (batch.length) yield batch;
  }
}

/** A power of ten fine enough for the tick, so that round(px * scale) / scale drops float dust. */
export function priceScale(tick: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(tick) - 1e-9));
  return 10 ** Math.min(12, decimals + 2);
}

/** Prices on the tick grid without float dust (61800.300000000003 -> 61800.3). */
export function roundPx(px: number, tick: number): number {
  const scale = priceScale(tick);
  return Math.round(px * scale) / scale;
}

function roundQty(q: number): number {
  return Math.max(1e-6, Math.round(q * 1e6) / 1e6);
}
