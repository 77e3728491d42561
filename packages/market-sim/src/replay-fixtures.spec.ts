/**
 * The readers on the committed slices of the real captures (fixtures/market-data): the events each yields are
 * counted against a plain second reading of the raw lines in the test, and Tardis's taker side is mapped to the
 * aggressor. The full captures' tests live in replay.spec.ts (where ../shared/data exists).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixtureDataFile } from './market-data-files.js';
import type { MarketEvent } from './market-event.js';
import { openReplay } from './replay.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const fixtureData = (rel: string) => fixtureDataFile(ROOT, rel);

async function drain(file: string, format: string) {
  const r = openReplay(file, format);
  const events: MarketEvent[] = [];
  for await (const b of r.events) for (const e of b) events.push(e);
  return { events, stats: r.stats };
}

/** Quotes and market trades in a binance-ws capture, by reading each line's JSON directly. */
function countBinance(file: string): { quotes: number; trades: number } {
  let quotes = 0;
  let trades = 0;
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
    if (!line) continue;
    const msg = JSON.parse(line.slice(line.indexOf(' ') + 1)) as { stream?: string; data?: { e?: string; X?: string } };
    if (msg.data?.e === 'bookTicker' || msg.stream?.endsWith('@bookTicker')) quotes += 1;
    else if (msg.data?.e === 'trade' && (msg.data.X === undefined || msg.data.X === 'MARKET')) trades += 1;
  }
  return { quotes, trades };
}

const kinds = (events: MarketEvent[]) => ({
  quotes: events.filter((e) => e.kind === 'quote').length,
  trades: events.filter((e) => e.kind === 'trade').length,
});

const nonDecreasing = (events: MarketEvent[]) => events.every((e, i) => i === 0 || e.ts >= events[i - 1]!.ts);

describe('replay of the committed slices', () => {
  for (const rel of ['binance-usdm/btcusdt_20240808.head.gz', 'binance-usdm/ethusdt_20240718.head.gz', 'binance-spot/btcusdt_20230405.head.dat.gz']) {
    it(`${rel}: every quote and market trade, in non-decreasing exchange time`, async () => {
      const file = fixtureData(rel);
      const expected = countBinance(file);
      expect(expected.quotes).toBeGreaterThan(500);
      expect(expected.trades).toBeGreaterThan(300);
      const { events, stats } = await drain(file, 'binance-ws');
      expect(kinds(events)).toEqual(expected);
      expect(stats.quotes).toBe(expected.quotes);
      expect(stats.trades).toBe(expected.trades);
      expect(nonDecreasing(events)).toBe(true);
      for (const e of events) {
        if (e.kind === 'quote') expect(e.bidPx).toBeLessThan(e.askPx);
      }
    });
  }

  it('the USD-M BTCUSDT slice: prices in the capture\'s range, local clock ~1.27 s behind the exchange', async () => {
    const { events, stats } = await drain(fixtureData('binance-usdm/btcusdt_20240808.head.gz'), 'binance-ws');
    const px = events.filter((e) => e.kind === 'trade').map((e) => (e as { px: number }).px);
    expect(Math.min(...px)).toBeGreaterThanOrEqual(61_590.3);
    expect(Math.max(...px)).toBeLessThanOrEqual(61_839.9);
    expect(stats.feedOffsetUs! / 1e6).toBeCloseTo(-1.27, 1);
  });

  it('the Tardis pair: rows become quotes and trades in time order, the taker side becomes the aggressor', async () => {
    const quotesFile = fixtureData('tardis/binance-futures_quotes_BTCUSDT_2020-02-22.head.csv');
    const { events, stats } = await drain(quotesFile, 'tardis');
    const quotes = events.filter((e) => e.kind === 'quote');
    expect(quotes).toHaveLength(1500);
    // The rows' local - exchange is 117.6 ms at the least in the first 10 s (awk over both files) and mostly
    // 118-130 ms: the offset line (1st percentile per block) starts there; the first row's 2.406 s is latency.
    expect(stats.clockOffsetUs).toBeGreaterThanOrEqual(117_629);
    expect(stats.clockOffsetUs).toBeLessThan(118_500);
    // First quote row: ...,1582329601096000,1582329603502092,ask_amount 0.84,ask 9682,bid 9681.92,bid_amount 0.67
    // (before the first block's middle the offset is that block's own).
    const offset = stats.clockOffsetUs!;
    expect(quotes[0]).toEqual({ kind: 'quote', ts: 1582329601096000, localTs: 1582329603502092 - offset, bidPx: 9681.92, bidQty: 0.67, askPx: 9682, askQty: 0.84 });
    // First trade row: ...,1582329602111000,1582329602418379,42377944,buy,9682,0.132: a buyer lifted the ask (+1).
    const trades = events.filter((e) => e.kind === 'trade');
    expect(trades[0]).toEqual({ kind: 'trade', ts: 1582329602111000, localTs: 1582329602418379 - offset, px: 9682, qty: 0.132, side: 1 });
    for (const e of events) expect(e.localTs).toBeGreaterThanOrEqual(e.ts);
    // Every sell row is a seller hitting the bid (-1): count them from the raw rows.
    const rows = readFileSync(fixtureData('tardis/binance-futures_trades_BTCUSDT_2020-02-22.head.csv'), 'utf8').trim().split('\n').slice(1);
    const lastQuoteTs = quotes.at(-1)!.ts;
    const inQuotes = rows.map((r) => r.split(',')).filter((c) => Number(c[2]) <= lastQuoteTs);
    const sellsInQuotes = inQuotes.filter((c) => c[5] === 'sell').length;
    const tradesInQuotes = trades.filter((t) => t.ts <= lastQuoteTs);
    expect(tradesInQuotes).toHaveLength(inQuotes.length);
    expect(tradesInQuotes.filter((t) => (t as { side: number }).side === -1)).toHaveLength(sellsInQuotes);
    expect(sellsInQuotes).toBeGreaterThan(0);
    expect(nonDecreasing(events)).toBe(true);
  });
});
