/**
 * Two clocks from a capture: the local receive stamp is on the recorder's clock, which can sit far from the
 * exchange's (about -1.27 s and -1.52 s in the shared USD-M files) and drift against it (about -5 µs per second
 * in the BTCUSDT file). That offset is not latency. The rule: exchange time is cut into blocks of
 * `CLOCK_BLOCK_US`; a block's offset is a low quantile (`OFFSET_QUANTILE`) of local - exchange over its events,
 * placed at the middle of the block's events; the offset at any time is the straight line between the nearest
 * two blocks' offsets (flat before the first and after the last). The feed latency is the rest: local - offset -
 * exchange, clamped at 0 (the few events below their block's quantile; counted). So the fastest deliveries of a
 * block count as (almost) zero feed latency: latency here is latency above the capture's floor.
 *
 * Events pass in exchange-time order with their raw local stamp (µs, recorder's clock) in `localTs`; each is
 * handed on once the next block has closed (at most two blocks held), with `localTs` on the exchange's clock.
 */
import type { MarketEvent } from '../market-event.js';

/** Exchange-time length of one offset block, µs. */
export const CLOCK_BLOCK_US = 10_000_000;
/** The quantile of local - exchange taken as a block's offset. */
export const OFFSET_QUANTILE = 0.01;

export interface ClockStats {
  /** The first block's offset, local - exchange, µs (null before any event with both clocks). */
  clockOffsetUs: number | null;
  /** The drift of the recorder's clock: the least-squares slope of the blocks' offsets over exchange time, µs/s. */
  clockDriftUsPerS: number;
  /** Blocks with an offset of their own. */
  clockBlocks: number;
  /** Events whose local stamp fell below the offset line (feed latency clamped to 0). */
  clockClamped: number;
}

export const emptyClockStats = (): ClockStats => ({ clockOffsetUs: null, clockDriftUsPerS: 0, clockBlocks: 0, clockClamped: 0 });

/** The q-quantile (lower value, no interpolation) of `xs`; sorts `xs`. */
export function lowQuantile(xs: number[], q: number): number {
  xs.sort((a, b) => a - b);
  return xs[Math.floor(q * (xs.length - 1))]!;
}

/** The offset line's value at `t` through points (mids[i], offsets[i]), flat beyond its ends. */
export function offsetAt(t: number, mids: readonly number[], offsets: readonly number[]): number {
  const n = mids.length;
  if (t <= mids[0]! || n === 1) return offsets[0]!;
  if (t >= mids[n - 1]!) return offsets[n - 1]!;
  let i = 1;
  while (mids[i]! < t) i++;
  const t0 = mids[i - 1]!;
  const t1 = mids[i]!;
  return offsets[i - 1]! + ((offsets[i]! - offsets[i - 1]!) * (t - t0)) / (t1 - t0);
}

export class ClockAligner {
  /** Held events (raw local stamps), oldest first; `heldBlock[i]` is event i's block index. */
  private held: MarketEvent[] = [];
  private heldBlock: number[] = [];
  private heldSampled: boolean[] = [];
  /** The open block: its index, its local - exchange samples and the span of its sampled events. */
  private block = NaN;
  private samples: number[] = [];
  private firstTs = NaN;
  private lastTs = NaN;
  /** Closed blocks' offsets (only the last three are needed to place the held events). */
  private mids: number[] = [];
  private offsets: number[] = [];
  private blockIds: number[] = [];
  private firstMid = NaN;
  /** Running sums for the drift's least-squares slope (x: seconds since the first block's middle, y: offset µs). */
  private fit = { n: 0, x: 0, y: 0, xy: 0, xx: 0 };

  constructor(
    readonly stats: ClockStats = emptyClockStats(),
    private readonly blockUs = CLOCK_BLOCK_US,
  ) {}

  /** Takes an event with its raw local stamp in `localTs`; `sampled`: its exchange time is the venue's own. */
  push(e: MarketEvent, out: MarketEvent[], sampled = true): void {
    const k = Math.floor(e.ts / this.blockUs);
    if (k !== this.block) {
      const closed = this.block;
      if (closed === closed) {
        this.closeBlock();
        // Everything before the block just closed has the offsets on both its sides now.
        this.release(closed, out);
      }
      this.block = k;
    }
    if (sampled) {
      this.samples.push(e.localTs - e.ts);
      if (!(this.firstTs === this.firstTs)) this.firstTs = e.ts;
      this.lastTs = e.ts;
    }
    this.held.push(e);
    this.heldBlock.push(k);
    this.heldSampled.push(sampled);
  }

  /** End of the stream: the open block closes and every held event goes out. */
  flush(out: MarketEvent[]): void {
    if (this.block === this.block) this.closeBlock();
    this.release(Infinity, out);
  }

  private closeBlock(): void {
    if (this.samples.length === 0) return;
    const offset = lowQuantile(this.samples, OFFSET_QUANTILE);
    const mid = Math.round((this.firstTs + this.lastTs) / 2);
    this.mids.push(mid);
    this.offsets.push(offset);
    this.blockIds.push(this.block);
    const s = this.stats;
    if (s.clockOffsetUs === null) {
      s.clockOffsetUs = offset;
      this.firstMid = mid;
    }
    const f = this.fit;
    const x = (mid - this.firstMid) / 1e6;
    const y = offset - s.clockOffsetUs;
    f.n += 1;
    f.x += x;
    f.y += y;
    f.xy += x * y;
    f.xx += x * x;
    const den = f.n * f.xx - f.x * f.x;
    if (f.n >= 2 && den > 0) s.clockDriftUsPerS = Math.round(((f.n * f.xy - f.x * f.y) / den) * 1000) / 1000;
    s.clockBlocks += 1;
    this.samples = [];
    this.firstTs = NaN;
    this.lastTs = NaN;
    // Keep the last three points: a held event lies between the second-last and the last.
    if (this.mids.length > 3) {
      this.mids.shift();
      this.offsets.shift();
      this.blockIds.shift();
    }
  }

  /** Hands on the held events of blocks before `beforeBlock` (all, with Infinity), local stamps aligned. */
  private release(beforeBlock: number, out: MarketEvent[]): void {
    let i = 0;
    const held = this.held;
    while (i < held.length && this.heldBlock[i]! < beforeBlock) {
      const e = held[i]!;
      const sampled = this.heldSampled[i]!;
      i++;
      // No offset at all (no event with both clocks): the local stamp cannot be placed; zero feed latency.
      if (this.mids.length === 0) {
        e.localTs = e.ts;
        out.push(e);
        continue;
      }
      const local = Math.round(e.localTs - offsetAt(e.ts, this.mids, this.offsets));
      if (local < e.ts) {
        if (sampled) this.stats.clockClamped += 1;
        e.localTs = e.ts;
      } else e.localTs = local;
      out.push(e);
    }
    if (i > 0) {
      this.held = held.slice(i);
      this.heldBlock = this.heldBlock.slice(i);
      this.heldSampled = this.heldSampled.slice(i);
    }
  }
}
