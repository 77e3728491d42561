/**
 * Tardis quotes and trades files that end far apart (issue 13 item 11): by default the replay stops where the
 * first ends, says so, and records both files; `untilLast` replays everything.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureDataFile, sharedDataFile } from './market-data-files.js';
import type { MarketEvent } from './market-event.js';
import { openReplay } from './replay.js';
import { tardisOverlapWarning } from './tardis-csv-reader.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const QUOTES = fixtureDataFile(ROOT, 'tardis/binance-futures_quotes_BTCUSDT_2020-02-22.head.csv');
const TRADES = fixtureDataFile(ROOT, 'tardis/binance-futures_trades_BTCUSDT_2020-02-22.head.csv');

async function drain(spec: string, options: object = {}) {
  const r = openReplay(spec, 'tardis', options);
  const events: MarketEvent[] = [];
  for await (const b of r.events) for (const e of b) events.push(e);
  return { events, stats: r.stats };
}

/** Column `i` (exchange timestamp is 2) of each data row. */
const column = (file: string, i: number) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((r) => Number(r.split(',')[i]));

describe('Tardis files that end apart', () => {
  // The committed pair: 1,500 quotes to 1582329638.703 s, 300 trades to 1582329724.753 s (86.05 s more).
  const quoteTs = column(QUOTES, 2);
  const tradeTs = column(TRADES, 2);
  const lastQuote = quoteTs.at(-1)!;
  const tradesInside = tradeTs.filter((t) => t <= lastQuote).length;

  it('by default stops where the quotes end: the trades after are read, counted, not replayed', async () => {
    const { events, stats } = await drain(QUOTES);
    expect(Math.max(...events.map((e) => e.ts))).toBe(lastQuote);
    expect(stats.quotes).toBe(1500);
    expect(stats.trades).toBe(tradesInside);
    expect(stats.tardis).toEqual({
      quotes: { file: QUOTES, rows: 1500, first: quoteTs[0], last: lastQuote },
      trades: { file: TRADES, rows: 300, first: tradeTs[0], last: tradeTs.at(-1) },
      overlapEnd: lastQuote,
      untilLast: false,
      rowsAfterOverlap: 300 - tradesInside,
      spanAfterOverlapUs: 1582329724753000 - 1582329638703000,
    });
    expect(tardisOverlapWarning(stats.tardis)).toBe(
      `tardis: the quotes (binance-futures_quotes_BTCUSDT_2020-02-22.head.csv) end 86.0 s before the trades (binance-futures_trades_BTCUSDT_2020-02-22.head.csv); replay stopped where the quotes end (${300 - tradesInside} trades rows left out; --until-last replays them)`,
    );
  });

  it('untilLast replays every row of both files, and the warning says so', async () => {
    const { events, stats } = await drain(`${QUOTES},${TRADES}`, { untilLast: true });
    expect(stats.quotes + stats.trades).toBe(1800);
    expect(events).toHaveLength(1800);
    expect(stats.tardis).toMatchObject({ untilLast: true, rowsAfterOverlap: 0, overlapEnd: lastQuote });
    expect(tardisOverlapWarning(stats.tardis)).toMatch(/; --until-last: replayed to the end of the trades, 86\.0 s without quotes$/);
  });

  const header = { q: 'exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount', t: 'exchange,symbol,timestamp,local_timestamp,id,side,price,amount' };
  function pair(quoteTimes: number[], tradeTimes: number[]): string {
    const d = mkdtempSync(join(tmpdir(), 'mm-tardis-'));
    writeFileSync(join(d, 'x_quotes_X.csv'), [header.q, ...quoteTimes.map((t) => `b,X,${t},${t},1,101,100,1`)].join('\n') + '\n');
    writeFileSync(join(d, 'x_trades_X.csv'), [header.t, ...tradeTimes.map((t, i) => `b,X,${t},${t},${i},buy,101,1`)].join('\n') + '\n');
    return join(d, 'x_quotes_X.csv');
  }

  it('trades that end first cut the quotes after them; a trade at the last quote time is kept', async () => {
    const spec = pair([1e6, 2e6, 3e6, 100e6, 200e6], [1.5e6, 3e6]);
    const { events, stats } = await drain(spec);
    expect(events.map((e) => [e.kind, e.ts])).toEqual([
      ['quote', 1e6],
      ['trade', 1.5e6],
      ['quote', 2e6],
      ['quote', 3e6],
      ['trade', 3e6],
    ]);
    expect(stats.tardis).toMatchObject({ overlapEnd: 3e6, rowsAfterOverlap: 2, spanAfterOverlapUs: 197e6 });
    expect(tardisOverlapWarning(stats.tardis)).toMatch(/^tardis: the trades \(x_trades_X\.csv\) end 197 s before the quotes/);
  });

  it('files that end together lose nothing and say nothing', async () => {
    const { events, stats } = await drain(pair([1e6, 2e6, 3e6], [1.5e6, 3e6]));
    expect(events).toHaveLength(5);
    expect(stats.tardis).toMatchObject({ overlapEnd: 3e6, rowsAfterOverlap: 0, spanAfterOverlapUs: 0 });
    expect(tardisOverlapWarning(stats.tardis)).toBeNull();
    // A short tail (under a minute) is cut without a warning line; the stats still say it.
    const short = await drain(pair([1e6, 2e6, 3e6], [1.5e6, 30e6]));
    expect(short.stats.tardis).toMatchObject({ rowsAfterOverlap: 1, spanAfterOverlapUs: 27e6 });
    expect(tardisOverlapWarning(short.stats.tardis)).toBeNull();
  });

  const SHARED = sharedDataFile(ROOT, 'tardis/binance-futures_quotes_BTCUSDT_2020-02-22.csv');
  it.runIf(SHARED)('the shared pair: quotes end at 226 s, 502 trades overlap them, 9,497 left out', async () => {
    const { stats } = await drain(SHARED!);
    expect(stats).toMatchObject({ quotes: 9_999, trades: 502 });
    expect(stats.tardis).toMatchObject({ rowsAfterOverlap: 9_999 - 502 });
    expect(tardisOverlapWarning(stats.tardis)).toMatch(/the quotes .* end 7321 s before the trades/);
  });
});
