/**
 * Binance websocket capture replay (`<local_ts> <json>` per line, plain or gzip): bookTicker -> quotes, trade
 * -> trades (only `X == "MARKET"`; liquidations off the book are dropped). Depth diffs are skipped by looking at
 * the stream name, without parsing their (up to 40 KB) JSON, unless asked for (`includeDepth`); then the REST
 * snapshot line (no `stream` key) and the diffs go through Binance's sequencing (`binance-depth-sequencer.ts`:
 * gaps and resyncs counted), and a partial-book stream (`@depth5|10|20`) is a snapshot of its top levels. Exchange time is `E` (ms); spot bookTicker has none, so its time is the local
 * receive time corrected by the median local - exchange of the first trades (`feedOffsetUs`). Local stamps are ns
 * or µs, told apart by size; every event's local time is put on the exchange's clock by `ClockAligner` (the
 * capture's clock offset and drift, measured on quotes and trades, taken out; the rest is feed latency).
 */
import { ClockAligner, emptyClockStats, type ClockStats } from './clock-align.js';
import { BinanceDepthSequencer, emptyDepthCounts, type DepthCounts, type Level } from './binance-depth-sequencer.js';
import { headLines } from '../capture-info.js';
import { DepthTouch } from './depth-touch.js';
import { readTextChunks } from '../line-reader.js';
import { MarketDataError, type DepthEvent, type EventStream, type MarketEvent } from '../market-event.js';
import { ReorderBuffer } from './reorder-buffer.js';

export interface ReplayOptions {
  /** Count and report malformed lines instead of failing on the first. */
  skipBadLines?: boolean;
  /** Emit depth diffs and the snapshot as depth events. */
  includeDepth?: boolean;
  /**
   * Make the quotes from the depth book's touch (`depth-touch.ts`), whatever `includeDepth` says. Default: when
   * the capture's first lines have depth and no bookTicker (a capture without bookTicker has no other touch).
   */
  touchFromDepth?: boolean;
  /** How far exchange times may step back between feeds, µs (default 1 s). */
  reorderWindowUs?: number;
  /** Tardis: replay to the end of the longer file, past the end of the other (default: stop where one ends). */
  untilLast?: boolean;
}

export interface ReplayStats extends DepthCounts, ClockStats {
  lines: number;
  quotes: number;
  trades: number;
  /** Depth lines read (diffs, snapshots, partial books); what became of them is in the depth counts. */
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
  /** Lines of known streams the engine does not use (markPrice, aggTrade, kline, ...), skipped, per stream kind. */
  skippedStreams: Record<string, number>;
  /** Quotes made from the depth book's touch (a capture without bookTicker); absent when the touch is bookTicker's. */
  quotesFromDepth?: number;
  /** Tardis: each file, its span, and where the replay stopped (`tardis-csv-reader.ts`). */
  tardis?: TardisFiles;
}

/** A Tardis file as read: its path, its rows and the exchange times of its first and last, µs. */
export interface TardisFile {
  file: string;
  rows: number;
  first: number | null;
  last: number | null;
}

export interface TardisFiles {
  quotes: TardisFile;
  trades: TardisFile;
  /** Where the two files overlap to (the earlier of their last times), µs. */
  overlapEnd: number | null;
  /** Replayed past the overlap (`--until-last`), or stopped there (the default). */
  untilLast: boolean;
  /** Rows after the overlap left out (0 with --until-last), and the market time they ran to past it, µs. */
  rowsAfterOverlap: number;
  spanAfterOverlapUs: number;
}

export function emptyStats(): ReplayStats {
  return { lines: 0, quotes: 0, trades: 0, depth: 0, depthSkipped: 0, ...emptyDepthCounts(), nonMarketTrades: 0, badLines: 0, badLineSamples: [], late: 0, feedOffsetUs: null, skippedStreams: {}, ...emptyClockStats() };
}

/** Local receive stamps: nanoseconds since the epoch are > 1e17 today, microseconds ~1.7e15. */
export function localToMicros(raw: number): number {
  return raw > 1e17 ? Math.floor(raw / 1000) : raw;
}

/**
 * The local stamp at `start` (`digits` long) in µs, read in place: 18 digits or more are nanoseconds (the last
 * three dropped, so the µs stay exact where a double of the ns would not), fewer are microseconds; NaN if a
 * character is not a digit.
 */
export function localMicrosAt(text: string, start: number, digits: number): number {
  const end = start + (digits >= 18 ? digits - 3 : digits);
  let v = 0;
  for (let p = start; p < start + digits; p++) {
    const c = text.charCodeAt(p);
    if (c < 48 || c > 57) return NaN;
    if (p < end) v = v * 10 + (c - 48);
  }
  return v;
}

const OFFSET_SAMPLE = 25;

/**
 * Whether a capture's first lines have depth and no bookTicker (its quotes must then come from depth). A
 * bookTicker line names its stream or event type, or (spot, unwrapped) carries the string sizes `B` and `A`,
 * which depth messages never do.
 */
export function depthWithoutBookTicker(lines: readonly string[]): boolean {
  let depth = false;
  for (const l of lines) {
    if (l.includes('bookTicker') || (l.includes('"B":"') && l.includes('"A":"'))) return false;
    if (!depth && (l.includes('@depth') || l.includes('"depthUpdate"') || l.includes('"lastUpdateId"'))) depth = true;
  }
  return depth;
}

/**
 * Binance streams the engine has no use for, by the stream name's kind (`<symbol>@<kind>[@<speed>|_<interval>]`):
 * their lines are skipped and counted, never bad lines. The kinds of Binance's spot, USD-M and COIN-M market
 * streams other than bookTicker, trade and depth.
 */
export const UNUSED_STREAM_KINDS: ReadonlySet<string> = new Set([
  'markPrice',
  'aggTrade',
  'forceOrder',
  'kline',
  'continuousKline',
  'indexPriceKline',
  'markPriceKline',
  'ticker',
  'miniTicker',
  'avgPrice',
  'compositeIndex',
  'indexPrice',
  'contractInfo',
  'assetIndex',
  'rollingWindowTicker',
]);

/** The same streams by their message's event type `e`, for lines read whole. */
const UNUSED_EVENT_TYPES: Readonly<Record<string, string>> = {
  markPriceUpdate: 'markPrice',
  aggTrade: 'aggTrade',
  forceOrder: 'forceOrder',
  kline: 'kline',
  continuous_kline: 'continuousKline',
  indexPrice_kline: 'indexPriceKline',
  markPrice_kline: 'markPriceKline',
  '24hrTicker': 'ticker',
  '24hrMiniTicker': 'miniTicker',
  avgPrice: 'avgPrice',
  compositeIndex: 'compositeIndex',
  indexPriceUpdate: 'indexPrice',
  contractInfo: 'contractInfo',
  assetIndexUpdate: 'assetIndex',
};

/** `markPrice@1s` -> `markPrice`, `kline_1m` -> `kline`, `ticker_1h` -> `ticker`. */
export function streamKind(afterAt: string): string {
  const at = afterAt.indexOf('@');
  const head = at < 0 ? afterAt : afterAt.slice(0, at);
  const us = head.indexOf('_');
  return us < 0 ? head : head.slice(0, us);
}

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

/** Where the last `numberFrom` stopped: the character after the digits (a closing quote, a comma, a brace). */
let numberEnd = -1;

/**
 * The value start of one-letter key `k` (a char code) when it comes right after the value that ended at
 * `numberEnd` (`..."1.5","k":` or `...15,"k":`), else -1. Binance writes its keys in a fixed order, so most
 * keys are found without searching.
 */
function nextKey(text: string, k: number): number {
  let p = numberEnd;
  if (p < 0) return -1;
  if (text.charCodeAt(p) === 34) p++;
  return text.charCodeAt(p) === 44 && text.charCodeAt(p + 1) === 34 && text.charCodeAt(p + 2) === k && text.charCodeAt(p + 3) === 34 && text.charCodeAt(p + 4) === 58
    ? p + 5
    : -1;
}

/**
 * The number starting at `p` (`"1.5"` or `15`), parsed in place, or NaN. Digits as an integer divided by a
 * power of ten: both exact below 2^53, so the quotient is the correctly rounded double, as Number("1.5").
 */
export function numberFrom(line: string, p: number): number {
  numberEnd = -1;
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
  numberEnd = p;
  return scale === 1 ? int : int / scale;
}

/** `[["px","qty"], ...]` as numbers; null when not such a list (a bad line). */
function levels(v: unknown): Level[] | null {
  if (!Array.isArray(v)) return null;
  const out: Level[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const l = v[i];
    const px = Array.isArray(l) ? Number(l[0]) : NaN;
    const qty = Array.isArray(l) ? Number(l[1]) : NaN;
    if (!(px > 0 && qty >= 0)) return null;
    out[i] = [px, qty];
  }
  return out;
}

const isUpdateId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * The parser behind `readBinanceWs`, one piece of text at a time: plain methods rather than the async
 * generator's body, so the hot loop is optimised like any function. Released events collect in `out`.
 */
class BinanceWsParser {
  out: MarketEvent[] = [];
  /** Lines walked so far (the line number of the last one). */
  lines = 0;
  private readonly reorder: ReorderBuffer;
  private readonly depthSeq: BinanceDepthSequencer;
  private readonly emitDepth = (e: DepthEvent) => this.depthOut(e);
  /** The touch from depth, for a capture without bookTicker (null: quotes are bookTicker's). */
  private readonly touch: DepthTouch | null;
  /** Depth lines are parsed: asked for, or the touch comes from them. */
  private readonly parseDepth: boolean;
  private readonly clock: ClockAligner;
  /** Events out of the reorder buffer, on their way to the clock aligner. */
  private readonly ordered: MarketEvent[] = [];
  /** Spot quotes dated from their local stamp: not samples of the clock offset. */
  private readonly undated = new WeakSet<MarketEvent>();
  private readonly offsets: number[] = [];
  /**
   * Spot quotes wait here (as [localUs, event]) until the feed offset is known; from the first such quote on,
   * every other event waits with them (localUs NaN: its time is already exchange time), so none is released
   * ahead of a quote that belongs before it (depth at 10 diffs/s would push the reorder window past them).
   */
  private waiting: Array<[number, MarketEvent]> | null = null;

  constructor(
    private readonly path: string,
    private readonly options: ReplayOptions,
    private readonly stats: ReplayStats,
  ) {
    this.reorder = new ReorderBuffer(options.reorderWindowUs ?? 1_000_000);
    this.depthSeq = new BinanceDepthSequencer(stats);
    this.clock = new ClockAligner(stats);
    this.touch = (options.touchFromDepth ?? depthWithoutBookTicker(headLines(path))) ? new DepthTouch() : null;
    if (this.touch) stats.quotesFromDepth = 0;
    this.parseDepth = options.includeDepth === true || this.touch !== null;
  }

  /**
   * The lines of `text[start, pieceEnd)`, walked by position: the two hot messages are parsed where they lie
   * and depth lines are stepped over, so most lines never become strings of their own.
   */
  parse(text: string, start: number, pieceEnd: number): void {
    for (let end = text.indexOf('\n', start); end >= 0 && end < pieceEnd; start = end + 1, end = text.indexOf('\n', start)) {
      const lineNo = ++this.lines;
      if (end === start) continue;
      this.stats.lines += 1;
      // Local stamps are 19 digits (ns) or 16 (µs): try those before searching.
      const sp = text.charCodeAt(start + 19) === 32 ? 19 : text.charCodeAt(start + 16) === 32 ? 16 : text.indexOf(' ', start) - start;
      const c0 = text.charCodeAt(start);
      if (sp <= 0 || sp > 20 || sp >= end - start || c0 < 48 || c0 > 57) {
        this.bad(lineNo, 'expected "<local_timestamp> <json>"');
        continue;
      }
      const json = start + sp + 1;
      // `{"stream":"<symbol>@<kind>"`: the kind tells what the line is without parsing the rest.
      const isStream = text.startsWith('{"stream":"', json);
      let nameEnd = -1;
      if (isStream) {
        nameEnd = text.indexOf('"', json + 11);
        const at = text.indexOf('@', json + 11);
        if (nameEnd < end && at >= 0 && at < nameEnd) {
          const k = text.charCodeAt(at + 1);
          if (k === 100 && text.startsWith('depth', at + 1)) {
            if (!this.parseDepth) {
              this.stats.depthSkipped += 1;
              continue;
            }
          } else if (!(k === 98 && text.startsWith('bookTicker"', at + 1)) && !(k === 116 && text.startsWith('trade"', at + 1))) {
            const kind = streamKind(text.slice(at + 1, nameEnd));
            if (UNUSED_STREAM_KINDS.has(kind)) {
              this.skipStream(kind);
              continue;
            }
          }
        }
      } else if (text.startsWith('{"lastUpdateId"', json) && !this.parseDepth) {
        this.stats.depthSkipped += 1;
        continue;
      }
      // Fast path for the two hot messages in Binance's own key order: numbers parsed in place.
      if (isStream && nameEnd < end) {
        if (text.startsWith(',"data":{"e":"bookTicker"', nameEnd + 1)) {
          // u and s come first; from b on, each key follows the previous value.
          const bidPx = numberFrom(text, after(text, '"b":', nameEnd + 25));
          const bidQty = numberFrom(text, nextKey(text, 66));
          const askPx = numberFrom(text, nextKey(text, 97));
          const askQty = numberFrom(text, nextKey(text, 65));
          numberFrom(text, nextKey(text, 84));
          const E = nextKey(text, 69);
          const eMs = numberFrom(text, E);
          const localUs = localMicrosAt(text, start, sp);
          if (E < end && bidPx > 0 && askPx > 0 && bidQty >= 0 && askQty >= 0 && eMs > 0 && localUs > 0) {
            this.stats.quotes += 1;
            this.emit({ kind: 'quote', ts: eMs * 1000, localTs: localUs, bidPx, bidQty, askPx, askQty });
            continue;
          }
        } else if (text.startsWith(',"data":{"e":"trade"', nameEnd + 1)) {
          // E follows "e":"trade"; T, s and t are skipped by one search for p; q, X and m follow in turn.
          numberEnd = nameEnd + 20;
          const eMs = numberFrom(text, nextKey(text, 69));
          const px = numberFrom(text, after(text, '"p":', numberEnd));
          const qty = numberFrom(text, nextKey(text, 113));
          let market = 1;
          const x = nextKey(text, 88);
          if (x >= 0) {
            // Futures: X (MARKET, or INSURANCE_FUND for liquidations) before m. Spot has no X.
            market = text.startsWith('"MARKET"', x) ? 1 : 0;
            numberEnd = text.indexOf('"', x + 1);
          }
          const mAt = nextKey(text, 109);
          const m = mAt < 0 || mAt >= end ? -1 : text.charCodeAt(mAt) === 116 ? 1 : text.charCodeAt(mAt) === 102 ? 0 : -1;
          const localUs = localMicrosAt(text, start, sp);
          if (px > 0 && qty > 0 && eMs > 0 && m >= 0 && localUs > 0) {
            this.trade(localUs, eMs, px, qty, m === 1, market === 1);
            continue;
          }
        }
      }
      // Anything else (another venue's key order, errors, depth when asked for): the line parsed whole.
      this.parseWhole(text.slice(start, end), sp, isStream, lineNo);
    }
  }

  finish(): void {
    if (this.stats.feedOffsetUs === null) this.settleOffset();
    this.reorder.flush(this.ordered);
    this.align();
    this.clock.flush(this.out);
    this.stats.late = this.reorder.late;
  }

  private parseWhole(line: string, sp: number, isStream: boolean, lineNo: number): void {
    const localUs = localMicrosAt(line, 0, sp);
    if (!(localUs > 0)) {
      this.bad(lineNo, 'expected "<local_timestamp> <json>"');
      return;
    }
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(line.slice(sp + 1));
    } catch {
      this.bad(lineNo, 'malformed JSON');
      return;
    }
    if (!isStream) {
      if ('lastUpdateId' in msg) {
        const bids = levels(msg['bids']);
        const asks = levels(msg['asks']);
        const id = msg['lastUpdateId'];
        if (!bids || !asks || !isUpdateId(id)) {
          this.bad(lineNo, 'depth snapshot with missing or non-numeric lastUpdateId/bids/asks');
          return;
        }
        this.stats.depth += 1;
        this.depthSeq.snapshot({ ts: this.depthTs(msg['E'], localUs), localTs: localUs, lastUpdateId: id, bids, asks }, this.emitDepth);
      } else this.bad(lineNo, 'neither a stream message nor a depth snapshot');
      return;
    }
    const d = msg['data'] as Record<string, unknown> | undefined;
    if (!d || typeof d !== 'object') {
      this.bad(lineNo, 'stream message without "data"');
      return;
    }
    const e = d['e'];
    const E = d['E'];
    if (e === 'bookTicker' || (e === undefined && 'b' in d && 'a' in d && 'u' in d)) {
      const bidPx = Number(d['b']);
      const bidQty = Number(d['B']);
      const askPx = Number(d['a']);
      const askQty = Number(d['A']);
      if (!(bidPx > 0 && askPx > 0 && bidQty >= 0 && askQty >= 0)) {
        this.bad(lineNo, 'bookTicker with missing or non-numeric b/B/a/A');
        return;
      }
      this.stats.quotes += 1;
      if (typeof E === 'number') this.emit({ kind: 'quote', ts: E * 1000, localTs: localUs, bidPx, bidQty, askPx, askQty });
      else {
        // Spot: no exchange time. Its local stamp is not a sample of the clock offset (its feed latency is the
        // median trade offset above the offset line).
        const q: MarketEvent = { kind: 'quote', ts: 0, localTs: localUs, bidPx, bidQty, askPx, askQty };
        this.undated.add(q);
        if (this.stats.feedOffsetUs !== null) {
          q.ts = localUs - this.stats.feedOffsetUs;
          this.emit(q);
        } else (this.waiting ??= []).push([localUs, q]);
      }
    } else if (e === 'trade') {
      const px = Number(d['p']);
      const qty = Number(d['q']);
      if (!(px > 0 && qty > 0) || typeof E !== 'number' || typeof d['m'] !== 'boolean') {
        this.bad(lineNo, 'trade with missing or non-numeric p/q/E/m');
        return;
      }
      this.trade(localUs, E, px, qty, d['m'] as boolean, d['X'] === undefined || d['X'] === 'MARKET');
    } else if (e === 'depthUpdate' || (e === undefined && 'lastUpdateId' in d)) {
      this.depth(d, String(msg['stream']), localUs, lineNo);
    } else if (typeof e === 'string' && UNUSED_EVENT_TYPES[e] !== undefined) {
      this.skipStream(UNUSED_EVENT_TYPES[e]!);
    } else {
      this.bad(lineNo, `unknown stream event ${JSON.stringify(e)}`);
    }
  }

  /**
   * A depth message: a diff (`depthUpdate` with U/u, and pu on futures) to the sequencer, or a partial-book
   * stream's top levels (`<symbol>@depth<N>`: spot sends `lastUpdateId` with bids/asks, futures a depthUpdate)
   * as a snapshot of them.
   */
  private depth(d: Record<string, unknown>, stream: string, localUs: number, lineNo: number): void {
    const bids = levels(d['b'] ?? d['bids']);
    const asks = levels(d['a'] ?? d['asks']);
    if (!bids || !asks) {
      this.bad(lineNo, 'depth message with missing or non-numeric levels');
      return;
    }
    const ts = this.depthTs(d['E'], localUs);
    if (/@depth\d/.test(stream)) {
      this.stats.depth += 1;
      this.depthOut({ kind: 'depth', ts, localTs: localUs, bids, asks, snapshot: true });
      return;
    }
    const U = d['U'];
    const u = d['u'];
    const pu = d['pu'];
    if (!isUpdateId(U) || !isUpdateId(u) || u < U || (pu !== undefined && !isUpdateId(pu))) {
      this.bad(lineNo, 'depthUpdate with missing or non-numeric U/u/pu');
      return;
    }
    this.stats.depth += 1;
    this.depthSeq.diff(pu === undefined ? { ts, localTs: localUs, U, u, bids, asks } : { ts, localTs: localUs, U, u, pu, bids, asks }, this.emitDepth);
  }

  /** Exchange time of a depth message: its `E` (ms), else the local stamp less the feed offset. */
  private depthTs(E: unknown, localUs: number): number {
    return typeof E === 'number' && E > 0 ? E * 1000 : localUs - (this.stats.feedOffsetUs ?? 0);
  }

  /**
   * A sequenced depth event: on to the engine when depth was asked for, and its book's touch as a quote when the
   * quotes come from depth. Such a quote is not a sample of the clock offset (depth is not).
   */
  private depthOut(e: DepthEvent): void {
    if (this.options.includeDepth) this.emit(e);
    const q = this.touch?.apply(e);
    if (q) {
      this.stats.quotesFromDepth! += 1;
      this.undated.add(q);
      this.emit(q);
    }
  }

  private skipStream(kind: string): void {
    const s = this.stats.skippedStreams;
    s[kind] = (s[kind] ?? 0) + 1;
  }

  private bad(lineNo: number, why: string): void {
    const msg = `${this.path}:${lineNo}: ${why}`;
    if (!this.options.skipBadLines) throw new MarketDataError(`${msg} (use --skip-bad-lines to count and skip such lines)`);
    this.stats.badLines += 1;
    if (this.stats.badLineSamples.length < 5) this.stats.badLineSamples.push(msg);
  }

  /** Into exchange-time order, then onto the exchange's clock. */
  private emit(e: MarketEvent): void {
    if (this.waiting) this.waiting.push([NaN, e]);
    else {
      this.reorder.push(e, this.ordered);
      if (this.ordered.length) this.align();
    }
  }

  /** Quotes and trades with their own exchange time are the offset's samples (depth is not: on or off, the same clock). */
  private align(): void {
    const ordered = this.ordered;
    for (let i = 0; i < ordered.length; i++) {
      const e = ordered[i]!;
      this.clock.push(e, this.out, e.kind !== 'depth' && !this.undated.has(e));
    }
    ordered.length = 0;
  }

  /** A trade: counted, its local-minus-exchange offset sampled until the feed offset is settled. */
  private trade(localUs: number, eMs: number, px: number, qty: number, buyerIsMaker: boolean, isMarket: boolean): void {
    if (!isMarket) {
      this.stats.nonMarketTrades += 1;
      return;
    }
    if (this.stats.feedOffsetUs === null) {
      this.offsets.push(localUs - eMs * 1000);
      if (this.offsets.length >= OFFSET_SAMPLE) this.settleOffset();
    }
    this.stats.trades += 1;
    // The buyer was the maker, so the seller was the aggressor.
    this.emit({ kind: 'trade', ts: eMs * 1000, localTs: localUs, px, qty, side: buyerIsMaker ? -1 : 1 });
  }

  private settleOffset(): void {
    const sorted = [...this.offsets].sort((a, b) => a - b);
    const offset = sorted.length ? sorted[sorted.length >> 1]! : 0;
    this.stats.feedOffsetUs = offset;
    const waiting = this.waiting;
    this.waiting = null;
    if (!waiting) return;
    // Dated in place (a spot quote keeps its identity: it is not an offset sample).
    const events = waiting.map(([local, e]) => {
      if (local === local) e.ts = local - offset;
      return e;
    });
    // Stable: events at one time keep their order.
    events.sort((a, b) => a.ts - b.ts);
    for (const e of events) this.emit(e);
  }
}

export function readBinanceWs(path: string, options: ReplayOptions = {}, stats: ReplayStats = emptyStats()): EventStream {
  return (async function* () {
    const parser = new BinanceWsParser(path, options, stats);
    for await (const piece of readTextChunks(path, parser)) {
      parser.parse(piece.text, piece.start, piece.end);
      if (parser.out.length) {
        yield parser.out;
        parser.out = [];
      }
    }
    parser.finish();
    if (parser.out.length) yield parser.out;
  })();
}
