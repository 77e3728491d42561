/**
 * Calibration: fits a scenario to recorded data. Diffusion from 1-second mid log returns (the part the taker
 * flow does not explain, below); quote and trade arrival rates; trade and top-of-book size distributions (median, p95); the fill intensity
 * lambda(delta) = A*exp(-k*delta) of trades reaching delta bps from the mid (least squares on log counts, as
 * hftbacktest's GLFT example does), whose 1/k is the scenario's trade depth; and the taker episodes and
 * informed flow by the method of moments on 1-second buckets (`informedFlow`), so the synthetic market
 * reproduces the data's return variance, the variance signed trade flow explains, and the price impact per print.
 * Fees and latency are not in market data: they come from the caller.
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

/** Moments of 1-second buckets: return variance (bps^2), print rate, variance of the signed print count, their covariance. */
export interface FlowMoments {
  returnVar: number;
  printsPerS: number;
  signedCountVar: number;
  cov: number;
}

export interface InformedFlow {
  /** Mean prints per taker episode (geometric). */
  burstPrints: number;
  informedShare: number;
  /** Mid move per print of an informed episode, bps (an episode of K prints moves it K times this). */
  informedMoveBps: number;
  /** What diffusion is left once the episodes' moves are accounted for, bps per sqrt(s). */
  diffusionBpsPerSqrtS: number;
  /** Variance of 1-s returns the signed print count explains: Cov^2 / Var(N), bps^2 per s. */
  explainedVar: number;
}

/**
 * The synthetic market's taker flow fitted to the moments of the data, exactly. In the model, episodes of a
 * geometric number K of prints (mean mu) arrive at lambda/mu per second; an informed one moves the mid by beta*K
 * in its direction (impact linear in the prints). Per second, with r the return and N the signed print count,
 * when every episode is informed:
 *   Var(N) = lambda*(2*mu - 1),   Cov(r, N) = beta*Var(N),   Var(r) = sigma^2 + beta^2*Var(N).
 * So mu comes from Var(N), beta = Cov/Var(N) (the regression slope of r on N), and the diffusion sigma^2 is the
 * variance the regression leaves, Var(r) - Cov^2/Var(N), never negative. The model's mean 1-s markout per print
 * is then beta*(2*mu - 1) = Cov/lambda, which the data's own markout checks. No informed flow when Cov <= 0.
 * (`calibrate` passes Cov(r_t, N_t) + Cov(r_t+1, N_t): a move shown by a quote after the boundary counts too.)
 */
export function informedFlow(m: FlowMoments): InformedFlow {
  const { returnVar, printsPerS: lambda, signedCountVar: varN, cov } = m;
  const burstPrints = lambda > 0 && varN > 0 ? Math.max(1, (varN / lambda + 1) / 2) : 1;
  if (!(cov > 0) || !(varN > 0)) {
    return { burstPrints, informedShare: 0, informedMoveBps: 0, diffusionBpsPerSqrtS: Math.sqrt(Math.max(0, returnVar)), explainedVar: 0 };
  }
  const explained = Math.min(returnVar, (cov * cov) / varN);
  return {
    burstPrints,
    informedShare: 1,
    informedMoveBps: cov / varN,
    diffusionBpsPerSqrtS: Math.sqrt(returnVar - explained),
    explainedVar: explained,
  };
}

/** Sample variance and covariance of paired series. */
function moments(xs: number[], ys: number[]): { varX: number; varY: number; cov: number } {
  const n = xs.length;
  if (n < 2) return { varX: 0, varY: 0, cov: 0 };
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let vx = 0;
  let vy = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    vx += (xs[i]! - mx) ** 2;
    vy += (ys[i]! - my) ** 2;
    c += (xs[i]! - mx) * (ys[i]! - my);
  }
  return { varX: vx / (n - 1), varY: vy / (n - 1), cov: c / (n - 1) };
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
  // Signed print count of each second, pushed with that second's closing mid.
  const secondSigned: number[] = [];
  let signed = 0;
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
        if (mid === mid) {
          secondMids.push(mid);
          secondSigned.push(signed);
        }
        signed = 0;
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
        signed += e.side;
        depths.push((Math.abs(e.px - mid) / mid) * 1e4);
        pending.push([e.ts + 1_000_000, e.side, mid]);
      }
    }
  }
  const durationS = (lastTs - firstTs) / 1e6;
  const returns: number[] = [];
  const counts: number[] = [];
  for (let i = 1; i < secondMids.length; i++) {
    returns.push(Math.log(secondMids[i]! / secondMids[i - 1]!) * 1e4);
    counts.push(secondSigned[i]!);
  }
  const mom = moments(returns, counts);
  // A second's flow shows in its own return or, when the quote that carries the move comes after the boundary,
  // in the next one: the impact is the covariance with both.
  const lagged = moments(returns.slice(1), counts.slice(0, -1));
  const cov = mom.cov + lagged.cov;
  const vol = Math.sqrt(mom.varX);
  const flow = informedFlow({ returnVar: mom.varX, printsPerS: tradeSizes.length / durationS, signedCountVar: mom.varY, cov });

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
  let sum = 0;
  for (const m of markouts) sum += m;
  // Not fitted: a check on the fit (the synthetic market's own mean 1-s markout per print should come near it).
  const meanMarkout = sum / Math.max(1, markouts.length);
  const sortedSizes = sortedCopy(tradeSizes);
  const sortedTops = sortedCopy(tops);
  const orderSize = quantile(sortedSizes, 0.5);

  return {
    description: inputs.description,
    symbol: inputs.symbol ?? 'CALIBRATED',
    start_price: round(firstMid, 8),
    tick_size: tick,
    volatility_bps_per_sqrt_s: round(flow.diffusionBpsPerSqrtS),
    jump_rate_per_s: 0,
    jump_bps: 0,
    quote_rate_per_s: round(quotes / durationS),
    spread_ticks: spreadTicks,
    top_size: { median: round(quantile(sortedTops, 0.5)), p95: round(Math.max(quantile(sortedTops, 0.95), quantile(sortedTops, 0.5))) },
    trade_rate_per_s: round(tradeSizes.length / durationS),
    trade_size: { median: round(orderSize), p95: round(Math.max(quantile(sortedSizes, 0.95), orderSize)) },
    trade_depth_bps: round(k > 0 ? 1 / k : maxDelta),
    trade_burst_prints: round(flow.burstPrints),
    informed_share: round(flow.informedShare),
    informed_move_bps: round(flow.informedMoveBps),
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
      return_vol_bps_per_sqrt_s: round(vol),
      signed_prints_per_s_var: round(mom.varY),
      return_signed_prints_cov: round(cov),
      explained_var_share: round(mom.varX > 0 ? flow.explainedVar / mom.varX : 0),
      note: 'fees and latency are not in market data: given to mm calibrate, not fitted',
    },
  };
}
