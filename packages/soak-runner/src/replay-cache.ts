/**
 * A recorded market decoded once, kept in columns (typed arrays) rather than a second gunzip and parse: the
 * run's span comes from the pass that decodes it, and the run replays from memory. A sweep worker keeps the
 * last capture it decoded (ReplayCache) for every cell and seed that replays it. Events come back as the reader
 * made them, in the same order, as fresh objects per event.
 */
import { openReplay, type EventStream, type MarketEvent, type ReplayStats } from '@mm-profiles/market-sim';
import { UserError } from '@mm-profiles/profile-core';
import { statSync } from 'node:fs';

const QUOTE = 0;
const TRADE = 1;
const OTHER = 2;
/** Events handed out per batch (the soak yields to signals between batches). */
const BATCH = 4096;
/** Beyond this many events a capture is not kept (~49 bytes each): the run reads it twice instead. */
export const MAX_DECODED_EVENTS = 4_000_000;

export interface DecodedReplay {
  length: number;
  first: number;
  last: number;
  /** The reader's stats after the whole capture. */
  stats: ReplayStats;
  kind: Uint8Array;
  ts: Float64Array;
  /** Local receive time (the strategy's clock), µs. */
  localTs: Float64Array;
  /** quote: bidPx, bidQty, askPx, askQty; trade: px, qty, side, -; other (depth): index into `others`. */
  a: Float64Array;
  b: Float64Array;
  c: Float64Array;
  d: Float64Array;
  others: MarketEvent[];
}

export interface ReplaySource {
  file: string;
  format: string;
  skipBadLines: boolean;
  includeDepth?: boolean;
  untilLast?: boolean;
}

/** The time of a batch's first quote or trade (NaN when it has none): where a run's span starts and ends. */
export function firstMarketTs(batch: readonly MarketEvent[]): number {
  for (const e of batch) if (e.kind !== 'depth') return e.ts;
  return NaN;
}

function lastMarketTs(batch: readonly MarketEvent[]): number {
  for (let i = batch.length - 1; i >= 0; i--) if (batch[i]!.kind !== 'depth') return batch[i]!.ts;
  return NaN;
}

export interface DecodedSpan {
  /** First and last quote or trade time (depth only builds the book). */
  first: number;
  last: number;
  /** The reader's stats after the whole capture. */
  stats: ReplayStats;
  /** The events, or null when there were more than the limit. */
  decoded: DecodedReplay | null;
}

/**
 * Reads the whole capture once. Returns its span and, when it has at most `maxEvents` events, the events in
 * columns (else `decoded` is null and only the span is known).
 */
export async function decodeReplay(src: ReplaySource, shouldStop?: () => boolean, maxEvents = MAX_DECODED_EVENTS): Promise<DecodedSpan> {
  const replay = openReplay(src.file, src.format, { skipBadLines: src.skipBadLines, includeDepth: src.includeDepth, untilLast: src.untilLast });
  let cap = 1 << 14;
  let n = 0;
  let kind = new Uint8Array(cap);
  let ts = new Float64Array(cap);
  let localTs = new Float64Array(cap);
  let a = new Float64Array(cap);
  let b = new Float64Array(cap);
  let c = new Float64Array(cap);
  let d = new Float64Array(cap);
  const others: MarketEvent[] = [];
  let keep = true;
  let first = NaN;
  let last = NaN;
  for await (const batch of replay.events) {
    if (shouldStop?.()) throw new UserError(`${src.file}: interrupted while reading the replay; nothing was written`);
    if (!batch.length) continue;
    if (first !== first) first = firstMarketTs(batch);
    const l = lastMarketTs(batch);
    if (l === l) last = l;
    if (!keep) continue;
    if (n + batch.length > maxEvents) {
      keep = false;
      continue;
    }
    while (n + batch.length > cap) {
      cap *= 2;
      const grow = <T extends Uint8Array | Float64Array>(x: T, y: T): T => (y.set(x), y);
      kind = grow(kind, new Uint8Array(cap));
      ts = grow(ts, new Float64Array(cap));
      localTs = grow(localTs, new Float64Array(cap));
      a = grow(a, new Float64Array(cap));
      b = grow(b, new Float64Array(cap));
      c = grow(c, new Float64Array(cap));
      d = grow(d, new Float64Array(cap));
    }
    for (let i = 0; i < batch.length; i++, n++) {
      const e = batch[i]!;
      ts[n] = e.ts;
      localTs[n] = e.localTs;
      if (e.kind === 'quote') {
        kind[n] = QUOTE;
        a[n] = e.bidPx;
        b[n] = e.bidQty;
        c[n] = e.askPx;
        d[n] = e.askQty;
      } else if (e.kind === 'trade') {
        kind[n] = TRADE;
        a[n] = e.px;
        b[n] = e.qty;
        c[n] = e.side;
      } else {
        kind[n] = OTHER;
        a[n] = others.length;
        others.push(e);
      }
    }
  }
  if (first !== first) throw new UserError(`${src.file}: no market events to replay`);
  const stats = structuredClone(replay.stats);
  return { first, last, stats, decoded: keep ? { length: n, first, last, stats, kind, ts, localTs, a, b, c, d, others } : null };
}

/** The decoded events again, as the reader gave them, in batches. */
export function replayDecoded(r: DecodedReplay): EventStream {
  return {
    async *[Symbol.asyncIterator]() {
      for (let start = 0; start < r.length; start += BATCH) {
        const end = Math.min(r.length, start + BATCH);
        const out: MarketEvent[] = new Array(end - start);
        for (let i = start; i < end; i++) {
          const k = r.kind[i];
          out[i - start] =
            k === QUOTE
              ? { kind: 'quote', ts: r.ts[i]!, localTs: r.localTs[i]!, bidPx: r.a[i]!, bidQty: r.b[i]!, askPx: r.c[i]!, askQty: r.d[i]! }
              : k === TRADE
                ? { kind: 'trade', ts: r.ts[i]!, localTs: r.localTs[i]!, px: r.a[i]!, qty: r.b[i]!, side: r.c[i]! as 1 | -1 }
                : r.others[r.a[i]!]!;
        }
        yield out;
      }
    },
  };
}

/**
 * The last capture decoded, by file, format, bad-line policy, size and modification time: a sweep worker's
 * cells and seeds on one capture decode it once.
 */
export class ReplayCache {
  private key = '';
  private entry: DecodedReplay | null = null;

  async get(src: ReplaySource, shouldStop?: () => boolean): Promise<DecodedSpan> {
    const st = statSync(src.file, { throwIfNoEntry: false });
    const key = JSON.stringify([src.file, src.format, src.skipBadLines, src.includeDepth ?? false, src.untilLast ?? false, st?.size, st?.mtimeMs]);
    if (this.entry && key === this.key) return { first: this.entry.first, last: this.entry.last, stats: this.entry.stats, decoded: this.entry };
    // One capture at a time: drop the last before decoding the next.
    this.entry = null;
    const r = await decodeReplay(src, shouldStop);
    if (r.decoded) {
      this.key = key;
      this.entry = r.decoded;
    }
    return r;
  }
}
