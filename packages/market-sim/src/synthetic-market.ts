/**
 * The synthetic market (`--mock`): a mid that diffuses (bps per sqrt s) and jumps, L1 quotes and trades as
 * Poisson arrivals, and trades that sweep an exponential distance beyond the touch, so a resting quote at
 * distance delta is reached with intensity A*exp(-k*delta). Trades come in taker episodes: an episode prints a
 * geometric number of trades (mean `trade_burst_prints`) of one side at one time, as a sweep does on a real
 * venue. A share of episodes is informed: the mid follows them at their first print, by `informed_move_bps`
 * per print of the episode, so the rest of the episode prints through the old touch. That is what makes tight or stale quotes lose (adverse selection by mechanism,
 * not by formula). Events leave with `localTs = ts`: the feed leg is drawn by the run's feed clock (feed-clock.ts).
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
  /** Prints left in the current taker episode, its side and time. */
  private burstLeft = 0;
  private burstSide: 1 | -1 = 1;
  private burstTs = 0;
  /** ln(1 - 1/mean) for the geometric episode length; 0 when every print is its own episode. */
  private readonly burstLogQ: number;
  /** Informed trades so far (ground truth for tests of the informed share). */
  informedTrades = 0;
  trades = 0;

  constructor(scenario: Scenario, seed: number) {
    this.s = scenario;
    this.rng = new Random(seed);
    this.mid = scenario.start_price;
    this.pxScale = priceScale(scenario.tick_size);
    // Episodes arrive at trade_rate / mean prints, so prints arrive at trade_rate on average.
    const burst = scenario.trade_burst_prints ?? 1;
    const episodeRate = scenario.trade_rate_per_s / burst;
    this.burstLogQ = burst > 1 ? Math.log(1 - 1 / burst) : 0;
    this.totalRate = scenario.quote_rate_per_s + episodeRate + scenario.jump_rate_per_s;
    this.quoteCut = scenario.quote_rate_per_s / this.totalRate;
    this.tradeCut = (scenario.quote_rate_per_s + episodeRate) / this.totalRate;
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
      localTs: ts,
      bidPx: Math.round(bidTicks * tick * this.pxScale) / this.pxScale,
      bidQty: roundQty(this.topSize.sample(this.rng)),
      askPx: Math.round((bidTicks + this.s.spread_ticks) * tick * this.pxScale) / this.pxScale,
      askQty: roundQty(this.topSize.sample(this.rng)),
    };
  }

  /** One print of a taker episode on `side` at `ts`, priced from the mid as it is now. */
  private print(ts: number, side: 1 | -1): TradeEvent {
    const tick = this.s.tick_size;
    const rng = this.rng;
    const qty = roundQty(this.tradeSize.sample(rng));
    const depth = this.mid * (rng.exponential(1) * this.s.trade_depth_bps) / 1e4;
    const bid = this.bestBid();
    const px = side > 0 ? Math.ceil((bid + this.s.spread_ticks * tick + depth) / tick - 1e-9) * tick : Math.floor((bid - depth) / tick + 1e-9) * tick;
    this.trades += 1;
    return { kind: 'trade', ts, localTs: ts, px: Math.round(px * this.pxScale) / this.pxScale, qty, side };
  }

  /** The next event. Time only moves forward; `ts` is whole µs. */
  next(): MarketEvent {
    const rng = this.rng;
    if (this.burstLeft > 0) {
      this.burstLeft -= 1;
      return this.print(this.burstTs, this.burstSide);
    }
    const dt = rng.exponential(this.totalRate);
    this.tSec += dt;
    const x = this.sigmaPerSqrtS * Math.sqrt(dt) * rng.normal();
    // exp(x) by its series while |x| < 1e-4 (the usual step): the x^4/24 left out is below a double's precision.
    this.mid *= x < 1e-4 && x > -1e-4 ? 1 + x * (1 + x * (0.5 + x / 6)) : Math.exp(x);
    const ts = Math.floor(this.tSec * 1e6);
    const u = rng.uniform();
    if (u < this.quoteCut) return this.quote(ts);
    if (u < this.tradeCut) {
      const side: 1 | -1 = rng.uniform() < 0.5 ? 1 : -1;
      const trade = this.print(ts, side);
      // Geometric episode length (mean trade_burst_prints): no draw at all when every print is its own episode,
      // so those scenarios keep their streams.
      if (this.burstLogQ !== 0) {
        this.burstLeft = Math.floor(Math.log(1 - rng.uniform()) / this.burstLogQ);
        this.burstSide = side;
        this.burstTs = ts;
      }
      if (rng.uniform() < this.s.informed_share) {
        this.informedTrades += 1;
        // Impact linear in the episode's prints; the rest of the episode prints through the old touch.
        this.mid *= Math.exp((side * this.s.informed_move_bps * (1 + this.burstLeft)) / 1e4);
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
