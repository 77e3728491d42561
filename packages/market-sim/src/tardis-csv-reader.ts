/**
 * Tardis.dev normalised CSV replay: a quotes file and a trades file, each in time order, merged by exchange
 * `timestamp` (µs); `local_timestamp` is the receive time, put on the exchange's clock by `ClockAligner` (the same
 * offset rule as the Binance reader). Columns are found by header name, so column order does not matter. The files hold plain
 * numbers without quoting, so lines are split on commas directly (a CSV library would parse quoting we never
 * see, at several times the cost).
 *
 * The two files need not cover the same time (the shared sample: quotes end at 226 s, trades run 2 h). By
 * default the replay stops where the first file ends (trades with no book, or a book with no trades, are not
 * the market); the rest of the longer file is still read (checked, counted) but not replayed. `untilLast`
 * replays it all. Both files, their spans and what was left out are in the stats (`tardis`).
 */
import { readLineBatches } from './line-reader.js';
import { MarketDataError, type EventStream, type MarketEvent } from './market-event.js';
import { emptyStats, type ReplayOptions, type ReplayStats, type TardisFile, type TardisFiles } from './internal/binance-ws-reader.js';
import { ClockAligner } from './internal/clock-align.js';

type Row = (cols: string[]) => MarketEvent | string;

function columns(header: string, needed: string[], path: string): Record<string, number> {
  const names = header.trim().split(',');
  const idx: Record<string, number> = {};
  for (const n of needed) {
    const i = names.indexOf(n);
    if (i < 0) throw new MarketDataError(`${path}:1: missing column "${n}" (header: ${header.trim()})`);
    idx[n] = i;
  }
  return idx;
}

async function* rows(path: string, needed: string[], make: (idx: Record<string, number>) => Row, options: ReplayOptions, stats: ReplayStats): AsyncGenerator<MarketEvent> {
  let row: Row | undefined;
  let lastTs = -Infinity;
  for await (const { lines, firstLine } of readLineBatches(path)) {
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k]!;
      const lineNo = firstLine + k;
      if (!row) {
        row = make(columns(line, needed, path));
        continue;
      }
      if (line.trim() === '') continue;
      stats.lines += 1;
      const r = row(line.split(','));
      let why = typeof r === 'string' ? r : r.ts < lastTs ? `timestamp ${r.ts} goes back in time (previous ${lastTs})` : '';
      if (why) {
        why = `${path}:${lineNo}: ${why}`;
        if (!options.skipBadLines) throw new MarketDataError(`${why} (use --skip-bad-lines to count and skip such lines)`);
        stats.badLines += 1;
        if (stats.badLineSamples.length < 5) stats.badLineSamples.push(why);
        continue;
      }
      const e = r as MarketEvent;
      lastTs = e.ts;
      yield e;
    }
  }
  if (!row) throw new MarketDataError(`${path}: empty file (expected a CSV header)`);
}

const quoteRow = (idx: Record<string, number>): Row => (c) => {
  const ts = Number(c[idx['timestamp']!]);
  const localTs = Number(c[idx['local_timestamp']!]);
  const bidPx = Number(c[idx['bid_price']!]);
  const bidQty = Number(c[idx['bid_amount']!]);
  const askPx = Number(c[idx['ask_price']!]);
  const askQty = Number(c[idx['ask_amount']!]);
  if (!(ts > 0 && localTs > 0 && bidPx > 0 && askPx > 0 && bidQty >= 0 && askQty >= 0)) return 'malformed quote row';
  return { kind: 'quote', ts, localTs, bidPx, bidQty, askPx, askQty };
};

const tradeRow = (idx: Record<string, number>): Row => (c) => {
  const ts = Number(c[idx['timestamp']!]);
  const localTs = Number(c[idx['local_timestamp']!]);
  const px = Number(c[idx['price']!]);
  const qty = Number(c[idx['amount']!]);
  const side = c[idx['side']!];
  if (!(ts > 0 && localTs > 0 && px > 0 && qty > 0) || (side !== 'buy' && side !== 'sell')) return 'malformed trade row';
  return { kind: 'trade', ts, localTs, px, qty, side: side === 'buy' ? 1 : -1 };
};

/** The trades file next to a quotes file: `..._quotes_...` -> `..._trades_...`. */
export function tardisTradesPathFor(quotesPath: string): string {
  const i = quotesPath.lastIndexOf('quotes');
  if (i < 0) throw new MarketDataError(`${quotesPath}: cannot tell the trades file; pass "QUOTES.csv,TRADES.csv"`);
  return quotesPath.slice(0, i) + 'trades' + quotesPath.slice(i + 'quotes'.length);
}

/** `quotes.csv,trades.csv`, or a quotes file whose trades file is named alike. */
export function readTardisCsv(spec: string, options: ReplayOptions = {}, stats: ReplayStats = emptyStats()): EventStream {
  const [quotesPath, tradesPath = tardisTradesPathFor(spec)] = spec.split(',');
  const file = (path: string): TardisFile => ({ file: path, rows: 0, first: null, last: null });
  const files: TardisFiles = { quotes: file(quotesPath!), trades: file(tradesPath!), overlapEnd: null, untilLast: Boolean(options.untilLast), rowsAfterOverlap: 0, spanAfterOverlapUs: 0 };
  stats.tardis = files;
  const seen = (f: TardisFile, e: MarketEvent) => {
    f.rows += 1;
    f.first ??= e.ts;
    f.last = e.ts;
  };
  return (async function* () {
    const q = rows(quotesPath!, ['timestamp', 'local_timestamp', 'bid_price', 'bid_amount', 'ask_price', 'ask_amount'], quoteRow, options, stats);
    const t = rows(tradesPath!, ['timestamp', 'local_timestamp', 'side', 'price', 'amount'], tradeRow, options, stats);
    let nq = await q.next();
    let nt = await t.next();
    const clock = new ClockAligner(stats);
    let batch: MarketEvent[] = [];
    while (!nq.done || !nt.done) {
      // Quotes first on equal timestamps: the book a trade printed against.
      const takeQuote = !nq.done && (nt.done || nq.value.ts <= nt.value.ts);
      const e = (takeQuote ? nq.value : nt.value) as MarketEvent;
      const f = takeQuote ? files.quotes : files.trades;
      if (files.overlapEnd === null && (nq.done || nt.done)) files.overlapEnd = (nq.done ? files.quotes : files.trades).last;
      seen(f, e);
      if (files.untilLast || files.overlapEnd === null || e.ts <= files.overlapEnd) {
        clock.push(e, batch);
        if (takeQuote) stats.quotes += 1;
        else stats.trades += 1;
      } else {
        files.rowsAfterOverlap += 1;
      }
      if (takeQuote) nq = await q.next();
      else nt = await t.next();
      if (batch.length >= 4096) {
        yield batch;
        batch = [];
      }
    }
    if (files.overlapEnd === null) files.overlapEnd = Math.min(files.quotes.last ?? -Infinity, files.trades.last ?? -Infinity);
    if (!(files.overlapEnd > -Infinity)) files.overlapEnd = null;
    const end = Math.max(files.quotes.last ?? -Infinity, files.trades.last ?? -Infinity);
    files.spanAfterOverlapUs = files.overlapEnd === null || !(end > files.overlapEnd) ? 0 : end - files.overlapEnd;
    clock.flush(batch);
    if (batch.length) yield batch;
  })();
}

/**
 * The warning for a Tardis replay whose files end far apart (more than `minUs` of market time, default 60 s),
 * or null: what ends where, and what was done about it.
 */
export function tardisOverlapWarning(files: TardisFiles | undefined, minUs = 60_000_000): string | null {
  if (!files || files.overlapEnd === null || files.spanAfterOverlapUs <= minUs) return null;
  const short = files.quotes.last === files.overlapEnd ? 'quotes' : 'trades';
  const long = short === 'quotes' ? 'trades' : 'quotes';
  const s = (us: number) => `${(us / 1e6).toFixed(us >= 1e8 ? 0 : 1)} s`;
  const fileOf = (k: 'quotes' | 'trades') => files[k].file.split('/').pop();
  const head = `tardis: the ${short} (${fileOf(short)}) end ${s(files.spanAfterOverlapUs)} before the ${long} (${fileOf(long)})`;
  return files.untilLast
    ? `${head}; --until-last: replayed to the end of the ${long}, ${s(files.spanAfterOverlapUs)} without ${short}`
    : `${head}; replay stopped where the ${short} end (${files.rowsAfterOverlap} ${long} rows left out; --until-last replays them)`;
}
