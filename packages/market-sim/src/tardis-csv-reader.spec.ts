// The Tardis reader's refusals and counts on small hand-made files: missing columns, malformed rows counted
// (at most five quoted), an empty file, a quotes path without "quotes", an empty side, and batches of at most
// 4,096 events.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from './market-event.js';
import { emptyStats, type ReplayOptions } from './internal/binance-ws-reader.js';
import { readTardisCsv } from './tardis-csv-reader.js';

const Q = 'exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount';
const T = 'exchange,symbol,timestamp,local_timestamp,id,side,price,amount';
const q = (ts: number) => `x,y,${ts},${ts + 5},1,101,100,2`;
const t = (ts: number, side = 'buy') => `x,y,${ts},${ts + 5},1,${side},100.5,0.5`;

function pair(quotes: string[], trades: string[], crlf = false) {
  const d = mkdtempSync(join(tmpdir(), 'mm-tardis-'));
  const eol = crlf ? '\r\n' : '\n';
  writeFileSync(join(d, 'x_quotes.csv'), quotes.map((l) => l + eol).join(''));
  writeFileSync(join(d, 'x_trades.csv'), trades.map((l) => l + eol).join(''));
  return { quotes: join(d, 'x_quotes.csv'), trades: join(d, 'x_trades.csv') };
}

async function drain(spec: string, options: ReplayOptions = {}) {
  const stats = emptyStats();
  const batches: MarketEvent[][] = [];
  for await (const b of readTardisCsv(spec, options, stats)) batches.push(b);
  return { batches, events: batches.flat(), stats };
}

describe('tardis reader refusals', () => {
  it('a missing column names it and the header (trimmed of a CRLF)', async () => {
    const f = pair([Q.replace(',bid_amount', ''), q(1)], [T], true);
    await expect(drain(f.quotes)).rejects.toThrow(`${f.quotes}:1: missing column "bid_amount" (header: ${Q.replace(',bid_amount', '')})`);
  });

  it('an empty file has no header', async () => {
    const f = pair([Q, q(1)], []);
    await expect(drain(f.quotes)).rejects.toThrow(`${f.trades}: empty file (expected a CSV header)`);
  });

  it('a quotes path without "quotes" cannot name its trades file', () => {
    expect(() => readTardisCsv('/x/book.csv')).toThrow('/x/book.csv: cannot tell the trades file; pass "QUOTES.csv,TRADES.csv"');
  });

  it('malformed rows: the first is an error; with skipBadLines all are counted, the first five quoted', async () => {
    // Seven bad rows: four quotes (a zero bid, a missing ask, text, a negative size), three trades (side "hold",
    // a zero price, an empty amount).
    const badQuotes = ['x,y,2,7,1,101,0,2', 'x,y,3,8,1,,100,2', 'x,y,4,9,1,abc,100,2', 'x,y,5,10,-1,101,100,2'];
    const badTrades = [t(2, 'hold'), 'x,y,3,8,1,buy,0,0.5', 'x,y,4,9,1,sell,100.5,'];
    const f = pair([Q, q(1), ...badQuotes, q(6)], [T, t(1), ...badTrades, t(6, 'sell')]);
    await expect(drain(f.quotes)).rejects.toThrow(`${f.quotes}:3: malformed quote row (use --skip-bad-lines to count and skip such lines)`);
    const { events, stats } = await drain(f.quotes, { skipBadLines: true });
    expect(events.map((e) => [e.kind, e.ts])).toEqual([
      ['quote', 1],
      ['trade', 1],
      ['quote', 6],
      ['trade', 6],
    ]);
    expect(stats.badLines).toBe(7);
    // Read in merge order: after the quote at 1 is taken, the quotes file is read on to its next good row (the
    // four bad ones first), then after the trade at 1 the trades file (its first bad row is the fifth sample).
    expect(stats.badLineSamples).toEqual([
      `${f.quotes}:3: malformed quote row`,
      `${f.quotes}:4: malformed quote row`,
      `${f.quotes}:5: malformed quote row`,
      `${f.quotes}:6: malformed quote row`,
      `${f.trades}:3: malformed trade row`,
    ]);
  });
});

describe('tardis reader spans and batches', () => {
  it('a side with no rows: no overlap, nothing after it; every row of the other side replayed', async () => {
    for (const [quotes, trades] of [
      [[Q], [T, t(1), t(2)]],
      [[Q, q(1), q(2)], [T]],
    ]) {
      const f = pair(quotes!, trades!);
      const { events, stats } = await drain(`${f.quotes},${f.trades}`);
      expect(events.map((e) => e.ts)).toEqual([1, 2]);
      expect(stats.tardis).toMatchObject({ overlapEnd: null, rowsAfterOverlap: 0, spanAfterOverlapUs: 0 });
    }
  });

  it('events come in batches of at most 4,096 (plus what one clock block releases), none lost', async () => {
    // 6,000 quotes 10 ms apart (60 s: six 10-s clock blocks) and one trade at the end.
    const quotes = [Q];
    for (let i = 1; i <= 6000; i++) quotes.push(q(i * 10_000));
    const f = pair(quotes, [T, t(60_000_000)]);
    const { batches, events } = await drain(f.quotes);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches[0]!.length).toBeGreaterThanOrEqual(4096);
    expect(events).toHaveLength(6001);
    expect(events.every((e) => e.kind === 'quote' || e.kind === 'trade')).toBe(true);
  });
});
