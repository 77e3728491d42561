/**
 * Binance websocket capture replay (`<local_ts> <json>` per line, plain or gzip): bookTicker -> quotes, trade
 * -> trades (only `X == "MARKET"`; liquidations off the book are dropped). Depth diffs are skipped by looking at
 * the stream name, without parsing their (up to 40 KB) JSON, unless asked for; the REST snapshot line (no
 * `stream` key) is recognised. Exchange time is `E` (ms); spot bookTicker has none, so its time is the local
 * receive time corrected by the feed offset measured on trades. Local stamps are ns or µs, told apart by size.
 */
import { readLineBatches } from './line-reader.js';
import { MarketDataError, type DepthEvent, type EventStream, type MarketEvent } from './market-event.js';
import { ReorderBuffer } from './reorder-buffer.js';

export interface ReplayOptions {
  /** Count and report malformed lines instead of failing on the first. */
  skipBadLines?: boolean;
  /** Emit depth diffs and the snapshot as depth events. */
  includeDepth?: boolean;
  /** How far exchange times may step back between feeds, µs (default 1 s). */
  reorderWindowUs?: number;
}

export interface ReplayStats {
  lines: number;
  quotes: number;
  trades: number;
  depth: number;
  /** Depth lines skipped unparsed. */
  depthSkipped: number;
  /** Trades dropped because `X` was not MARKET. */
  nonMarketTrades: number;
  badLines: number;
  /** First bad lines, `file:line: why`, for the report. */
  badLineSamples: string[];
  /** Events whose exchange time was later than the reorder window allowed. */
  late: number;
  /** Local minus exchange time measured on trades, µs (median of the first trades). */
  feedOffsetUs: number | null;
}

export function emptyStats(): ReplayStats {
  return { lines: 0, quotes: 0, trades: 0, depth: 0, depthSkipped: 0, nonMarketTrades: 0, badLines: 0, badLineSamples: [], late: 0, feedOffsetUs: null };
}

/** Local receive stamps: nanoseconds since the epoch are > 1e17 today, microseconds ~1.7e15. */
export function localToMicros(raw: number): number {
  return raw > 1e17 ? Math.floor(raw / 1000) : raw;
}

const OFFSET_SAMPLE = 25;

/**
 * Where the value of `key` (e.g. `"b":`) starts, searching from `from`; -1 when absent or `from` is. The fast
 * path looks keys up in Binance's own order, each search starting where the last ended (native indexOf over a
 * short stretch); a message in another order fails the fast path's checks and goes through JSON.parse.
 */
function after(line: string, key: string, from: number): number {
  if (from < 0) return -1;
  const i = line.indexOf(key, from);
  return i < 0 ? -1 : i + key.length;
}

/**
 * The number starting at `p` (`"1.5"` or `15`), parsed in place, or NaN. Digits as an integer divided by a
 * power of ten: both exact below 2^53, so the quotient is the correctly rounded double, as Number("1.5").
 */
export function numberFrom(line: string, p: number): number {
  if (p < 0) return NaN;
  if (line.charCodeAt(p) === 34) p++;
  let int = 0;
  let scale = 1;
  let digits = 0;
  let c = line.charCodeAt(p);
  while (c >= 48 && c <= 57) {
    int = int * 10 + (c - 48);
    digits++;
    c = line.charCodeAt(++p);
  }
  if (c === 46) {
    c = line.charCodeAt(++p);
    while (c >= 48 && c <= 57) {
      int = int * 10 + (c - 48);
      scale *= 10;
      digits++;
      c = line.charCodeAt(++p);
    }
  }
  if (digits === 0 || digits > 15 || !(c === 34 || c === 44 || c === 125)) return NaN;
  return scale === 1 ? int : int / scale;
}

function levels(v: unknown): Array<[number, number]> {
  return Array.isArray(v) ? v.map((l) => [Number(l[0]), Number(l[1])] as [number, number]) : [];
}

export function readBinanceWs(path: string, options: ReplayOptions = {}, stats: ReplayStats = emptyStats()): EventStream {
  return (async function* () {
    const reorder = new ReorderBuffer(options.reorderWindowUs ?? 1_000_000);
    const offsets: number[] = [];
    // Spot quotes wait here (as [localUs, event]) until the feed offset is known.
    let waiting: Array<[number, MarketEvent]> | null = null;
    let out: MarketEvent[] = [];

    const bad = (lineNo: number, why: string) => {
      const msg = `${path}:${lineNo}: ${why}`;
      if (!options.skipBadLines) throw new MarketDataError(`${msg} (use --skip-bad-lines to count and skip such lines)`);
      stats.badLines += 1;
      if (stats.badLineSamples.length < 5) stats.badLineSamples.push(msg);
    };
    const emit = (e: MarketEvent) => reorder.push(e, out);
    /** A trade: counted, its local-minus-exchange offset sampled until the feed offset is settled. */
    const trade = (localUs: () => number, eMs: number, px: number, qty: number, buyerIsMaker: boolean, isMarket: boolean) => {
      if (!isMarket) {
        stats.nonMarketTrades += 1;
        return;
      }
      if (stats.feedOffsetUs === null) {
        offsets.push(localUs() - eMs * 1000);
        if (offsets.length >= OFFSET_SAMPLE) settleOffset();
      }
      stats.trades += 1;
      // The buyer was the maker, so the seller was the aggressor.
      emit({ kind: 'trade', ts: eMs * 1000, px, qty, side: buyerIsMaker ? -1 : 1 });
    };
    const settleOffset = () => {
      const sorted = [...offsets].sort((a, b) => a - b);
      stats.feedOffsetUs = sorted.length ? sorted[sorted.length >> 1]! : 0;
      if (waiting) for (const [local, e] of waiting) emit({ ...e, ts: local - stats.feedOffsetUs });
      waiting = null;
    };

    for await (const { lines, firstLine } of readLineBatches(path)) {
      for (let k = 0; k < lines.length; k++) {
        const line = lines[k]!;
        const lineNo = firstLine + k;
        if (line === '') continue;
        stats.lines += 1;
        const sp = line.indexOf(' ');
        const c0 = line.charCodeAt(0);
        if (sp <= 0 || sp > 20 || c0 < 48 || c0 > 57) {
          bad(lineNo, 'expected "<local_timestamp> <json>"');
          continue;
        }
        // `{"stream":"<name>"`: the name tells the kind without parsing the rest.
        const nameStart = sp + 12;
        const isStream = line.startsWith('{"stream":"', sp + 1);
        if (isStream) {
          const nameEnd = line.indexOf('"', nameStart);
          const isDepth = line.lastIndexOf('@depth', nameEnd) > nameStart;
          if (isDepth && !options.includeDepth) {
            stats.depthSkipped += 1;
            continue;
          }
        } else if (line.startsWith('{"lastUpdateId"', sp + 1) && !options.includeDepth) {
          stats.depthSkipped += 1;
          continue;
        }
        // Fast path for the two hot messages: numbers parsed in place, no object built from the JSON.
        if (isStream) {
          const dataAt = line.indexOf('"data":', nameStart);
          if (line.startsWith('"e":"bookTicker"', dataAt + 8)) {
            const b = after(line, '"b":', dataAt + 24);
            const B = after(line, '"B":', b);
            const a = after(line, '"a":', B);
            const A = after(line, '"A":', a);
            const E = after(line, '"E":', A);
            const bidPx = numberFrom(line, b);
            const bidQty = numberFrom(line, B);
            const askPx = numberFrom(line, a);
            const askQty = numberFrom(line, A);
            const eMs = numberFrom(line, E);
            if (bidPx > 0 && askPx > 0 && bidQty >= 0 && askQty >= 0 && eMs > 0) {
              stats.quotes += 1;
              emit({ kind: 'quote', ts: eMs * 1000, bidPx, bidQty, askPx, askQty });
              continue;
            }
          } else if (line.startsWith('"e":"trade"', dataAt + 8)) {
            const E = after(line, '"E":', dataAt + 19);
            const p = after(line, '"p":', E);
            const q = after(line, '"q":', p);
            const mAt = after(line, '"m":', q);
            const px = numberFrom(line, p);
            const qty = numberFrom(line, q);
            const eMs = numberFrom(line, E);
            const m = mAt < 0 ? -1 : line.charCodeAt(mAt) === 116 ? 1 : line.charCodeAt(mAt) === 102 ? 0 : -1;
            // Futures put X between q and m; spot has no X (every spot trade is a market trade).
            const xAt = q < 0 ? -1 : line.indexOf('"X":', q);
            const market = xAt < 0 || xAt > mAt ? 1 : line.startsWith('"MARKET"', xAt + 4) ? 1 : 0;
            if (px > 0 && qty > 0 && eMs > 0 && m >= 0 && market >= 0) {
              trade(() => localToMicros(Number(line.slice(0, sp))), eMs, px, qty, m === 1, market === 1);
              continue;
            }
          }
        }
        const localUs = localToMicros(Number(line.slice(0, sp)));
        if (!(localUs > 0)) {
          bad(lineNo, 'expected "<local_timestamp> <json>"');
          continue;
        }
        let msg: Record<string, unknown>;
        try {
          msg = JSON.parse(line.slice(sp + 1));
        } catch {
          bad(lineNo, 'malformed JSON');
          continue;
        }
        if (!isStream) {
          if ('lastUpdateId' in msg) {
            const snap: DepthEvent = { kind: 'depth', ts: Number(msg['E'] ?? 0) * 1000 || localUs - (stats.feedOffsetUs ?? 0), bids: levels(msg['bids']), asks: levels(msg['asks']), snapshot: true };
            stats.depth += 1;
            emit(snap);
          } else bad(lineNo, 'neither a stream message nor a depth snapshot');
          continue;
        }
        const d = msg['data'] as Record<string, unknown> | undefined;
        if (!d || typeof d !== 'object') {
          bad(lineNo, 'stream message without "data"');
          continue;
        }
        const e = d['e'];
        const E = d['E'];
        if (e === 'bookTicker' || (e === undefined && 'b' in d && 'a' in d && 'u' in d)) {
          const bidPx = Number(d['b']);
          const bidQty = Number(d['B']);
          const askPx = Number(d['a']);
          const askQty = Number(d['A']);
          if (!(bidPx > 0 && askPx > 0 && bidQty >= 0 && askQty >= 0)) {
            bad(lineNo, 'bookTicker with missing or non-numeric b/B/a/A');
            continue;
          }
          stats.quotes += 1;
          if (typeof E === 'number') emit({ kind: 'quote', ts: E * 1000, bidPx, bidQty, askPx, askQty });
          else {
            const q: MarketEvent = { kind: 'quote', ts: 0, bidPx, bidQty, askPx, askQty };
            if (stats.feedOffsetUs !== null) emit({ ...q, ts: localUs - stats.feedOffsetUs });
            else (waiting ??= []).push([localUs, q]);
          }
        } else if (e === 'trade') {
          const px = Number(d['p']);
          const qty = Number(d['q']);
          if (!(px > 0 && qty > 0) || typeof E !== 'number' || typeof d['m'] !== 'boolean') {
            bad(lineNo, 'trade with missing or non-numeric p/q/E/m');
            continue;
          }
          trade(() => localUs, E, px, qty, d['m'] as boolean, d['X'] === undefined || d['X'] === 'MARKET');
        } else if (e === 'depthUpdate') {
          stats.depth += 1;
          emit({ kind: 'depth', ts: typeof E === 'number' ? E * 1000 : localUs, bids: levels(d['b']), asks: levels(d['a']), snapshot: false });
        } else {
          bad(lineNo, `unknown stream event ${JSON.stringify(e)}`);
        }
      }
      if (out.length) {
        yield out;
        out = [];
      }
    }
    if (stats.feedOffsetUs === null) settleOffset();
    reorder.flush(out);
    stats.late = reorder.late;
    if (out.length) yield out;
  })();
}
