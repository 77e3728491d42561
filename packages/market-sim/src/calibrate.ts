/**
 * Calibration: fits a scenario to recorded data. Volatility from 1-second mid log returns; quote and trade
 * arrival rates; trade and top-of-book size distributions (median, p95); the fill intensity
 * lambda(delta) = A*exp(-k*delta) of trades reaching delta bps from the mid (least squares on log counts, as
 * hftbacktest's GLFT example does), whose 1/k is the scenario's trade depth; and the informed share and move
 * from the 1-second markout of trades. Fees and latency are not in market data: they come from the caller.
 */
import type { EventStream } from './market-event.js';
import type { LatencySpec, ScenarioInput } from './scenario.js';

export interface CalibrationInputs {
  description: string;
  fees: { maker_bps: number; taker_bps: number };
  latency: LatencySpec;
  window_s: number;
  source: string;
  /** The venue's symbol, tick, order size and position limit, when known; else fitted/CALIBRATED. */
  symbol?: string;
  tickSize?: number;
  orderSize?: number;
  maxPosition?: number;
}

function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const sortedCopy = (xs: number[]) => Float64Array.from(xs).sort();
const round = (x: number, d = 6) => Number(x.toFixed(d));

/** Least-squares fit of ln(y) = ln(A) - k*x over points with y > 0. */
export function fitExponential(xs: number[], ys: number[]): { A: number; k: number } {
  const pts = xs.map((x, i) => [x, ys[i]!] as const).filter(([, y]) => y > 0);
  const n = pts.length;
  const mx = pts.reduce((s, [x]) => s + x, 0) / n;
  const my = pts.reduce((s, [, y]) => s + Math.log(y), 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of pts) {
    sxy += (x - mx) * (Math.log(y) - my);
    sxx += (x - mx) ** 2;
  }
  const slope = sxy / sxx;
  return { A: Math.exp(my - slope * mx), k: -slope };
}

export async function calibrate(events: EventStream, inputs: CalibrationInputs): Promise<ScenarioInput> {
  let firstTs = NaN;
  let lastTs = NaN;
  let mid = NaN;
  let firstMid = NaN;
  let quotes = 0;
  let minTickSeen = Infinity;
  let prevBid = NaN;
  const spreads: number[] = [];
  const tops: number[] = [];
  const tradeSizes: number[] = [];
  const depths: number[] = [];
  const secondMids: number[] = [];
  let nextSecond = NaN;
  // Trades waiting for the mid 1 s later: [due ts, side, mid at trade].
  const pending: Array<[number, number, number]> = [];
  const markouts: number[] = [];

  for await (const batch of events) {
    for (const e of batch) {
      if (firstTs !== firstTs) {
        firstTs = e.ts;
        nextSecond = e.ts + 1_000_000;
      }
      lastTs = e.ts;
      while (e.ts >= nextSecond) {
        if (mid === mid) secondMids.push(mid);
        nextSecond += 1_000_000;
      }
      while (pending.length && pending[0]![0] <= e.ts) {
        const [, side, m0] = pending.shift()!;
        markouts.push((side * (mid - m0)) / m0 * 1e4);
      }
      if (e.kind === 'quote') {
        quotes += 1;
        mid = (e.bidPx + e.askPx) / 2;
        if (firstMid !== firstMid) firstMid = mid;
        const step = Math.abs(e.bidPx - prevBid);
        if (step > 1e-9 && step < minTickSeen) minTickSeen = step;
        prevBid = e.bidPx;
        spreads.push(e.askPx - e.bidPx);
        tops.push(e.bidQty, e.askQty);
      } else if (e.kind === 'trade' && mid === mid) {
        tradeSizes.push(e.qty);
        depths.push((Math.abs(e.px - mid) / mid) * 1e4);
        pending.push([e.ts + 1_000_000, e.side, mid]);
      }
    }
  }
  const durationS = (lastTs - firstTs) / 1e6;
  const returns: number[] = [];
  for (let i = 1; i < secondMids.length; i++) returns.push(Math.log(secondMids[i]! / secondMids[i - 1]!) * 1e4);
  const meanR = returns.reduce((s, r) => s + r, 0) / Math.max(1, returns.length);
  const vol = Math.sqrt(returns.reduce((s, r) => s + (r - meanR) ** 2, 0) / Math.max(1, returns.length - 1));

  const tick = inputs.tickSize ?? round(minTickSeen, 10);
  const sortedSpreads = sortedCopy(spreads);
  const spreadTicks = Math.max(1, Math.round(quantile(sortedSpreads, 0.5) / tick));
  const sortedDepths = sortedCopy(depths);
  const maxDelta = quantile(sortedDepths, 0.99);
  const grid: number[] = [];
  const intensity: number[] = [];
  for (let i = 0; i <= 20; i++) {
    const d = (maxDelta * i) / 20;
    let count = 0;
    for (const x of depths) if (x >= d) count += 1;
    grid.push(d);
    intensity.push(count / durationS);
  }
  const { A, k } = fitExponential(grid, intensity);
  const threshold = (tick / firstMid) * 1e4 / 2;
  let up = 0;
  let down = 0;
  let sum = 0;
  for (const m of markouts) {
    if (m > threshold) up += 1;
    else if (m < -threshold) down += 1;
    sum += m;
  }
  const informedShare = Math.max(0, (up - down) / Math.max(1, markouts.length));
  const meanMarkout = sum / Math.max(1, markouts.length);
  const sortedSizes = sortedCopy(tradeSizes);
  const sortedTops = sortedCopy(tops);
  const orderSize = quantile(sortedSizes, 0.5);

  return {
    description: inputs.description,
    symbol: inputs.symbol ?? 'CALIBRATED',
    start_price: round(firstMid, 8),
    tick_size: tick,
    volatility_bps_per_sqrt_s: round(vol),
    jump_rate_per_s: 0,
    jump_bps: 0,
    quote_rate_per_s: round(quotes / durationS),
    spread_ticks: spreadTicks,
    top_size: { median: round(quantile(sortedTops, 0.5)), p95: round(Math.max(quantile(sortedTops, 0.95), quantile(sortedTops, 0.5))) },
    trade_rate_per_s: round(tradeSizes.length / durationS),
    trade_size: { median: round(orderSize), p95: round(Math.max(quantile(sortedSizes, 0.95), orderSize)) },
    trade_depth_bps: round(k > 0 ? 1 / k : maxDelta),
    informed_share: round(informedShare),
    informed_move_bps: round(informedShare > 0 ? Math.max(0, meanMarkout / informedShare) : 0),
    fees: inputs.fees,
    latency: inputs.latency,
    order_size: inputs.orderSize ?? round(orderSize),
    max_position: inputs.maxPosition ?? round(orderSize * 10),
    window_s: inputs.window_s,
    calibration: {
      source: inputs.source,
      duration_s: round(durationS, 3),
      quotes,
      trades: tradeSizes.length,
      fill_intensity: { A_per_s: round(A), k_per_bps: round(k), fitted_up_to_bps: round(maxDelta) },
      mean_markout_1s_bps: round(meanMarkout),
      note: 'fees and latency are not in market data: given to mm calibrate, not fitted',
    },
  };
}
