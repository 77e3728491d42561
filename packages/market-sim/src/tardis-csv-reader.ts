/**
 * Tardis.dev normalised CSV replay: a quotes file and a trades file, each in time order, merged by exchange
 * `timestamp` (µs). Columns are found by header name, so column order does not matter. The files hold plain
 * numbers without quoting, so lines are split on commas directly (a CSV library would parse quoting we never
 * see, at several times the cost).
 */
import { readLineBatches } from './line-reader.js';
import { MarketDataError, type EventStream, type MarketEvent } from './market-event.js';
import { emptyStats, type ReplayOptions, type ReplayStats } from './binance-ws-reader.js';

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
  const bidPx = Number(c[idx['bid_price']!]);
  const bidQty = Number(c[idx['bid_amount']!]);
  const askPx = Number(c[idx['ask_price']!]);
  const askQty = Number(c[idx['ask_amount']!]);
  if (!(ts > 0 && bidPx > 0 && askPx > 0 && bidQty >= 0 && askQty >= 0)) return 'malformed quote row';
  return { kind: 'quote', ts, bidPx, bidQty, askPx, askQty };
};

const tradeRow = (idx: Record<string, number>): Row => (c) => {
  const ts = Number(c[idx['timestamp']!]);
  const px = Number(c[idx['price']!]);
  const qty = Number(c[idx['amount']!]);
  const side = c[idx['side']!];
  if (!(ts > 0 && px > 0 && qty > 0) || (side !== 'buy' && side !== 'sell')) return 'malformed trade row';
  return { kind: 'trade', ts, px, qty, side: side === 'buy' ? 1 : -1 };
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
  return (async function* () {
    const q = rows(quotesPath!, ['timestamp', 'bid_price', 'bid_amount', 'ask_price', 'ask_amount'], quoteRow, options, stats);
    const t = rows(tradesPath!, ['timestamp', 'side', 'price', 'amount'], tradeRow, options, stats);
    let nq = await q.next();
    let nt = await t.next();
    let batch: MarketEvent[] = [];
    while (!nq.done || !nt.done) {
      // Quotes first on equal timestamps: the book a trade printed against.
      if (!nq.done && (nt.done || nq.value.ts <= nt.value.ts)) {
        batch.push(nq.value);
        stats.quotes += 1;
        nq = await q.next();
      } else if (!nt.done) {
        batch.push(nt.value);
        stats.trades += 1;
        nt = await t.next();
      }
      if (batch.length >= 4096) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  })();
}
