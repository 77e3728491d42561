// The Binance ws reader's edges that the capture tests never meet: ns/µs stamps by size, the depth-only
// check, the lines read whole (another key order) and each of their error lines, and X on such lines.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../market-event.js';
import { depthWithoutBookTicker, emptyStats, localToMicros, readBinanceWs, type ReplayOptions } from './binance-ws-reader.js';

async function drain(file: string, options: ReplayOptions = {}) {
  const stats = emptyStats();
  const events: MarketEvent[] = [];
  for await (const b of readBinanceWs(file, options, stats)) events.push(...b);
  return { events, stats };
}

function fileOf(lines: string[]): string {
  const f = join(mkdtempSync(join(tmpdir(), 'mm-ws-')), 'cap.txt');
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

const quote = (E: number) => `{"stream":"x@bookTicker","data":{"e":"bookTicker","u":1,"s":"X","b":"100","B":"1","a":"101","A":"2","T":${E},"E":${E}}}`;

describe('localToMicros', () => {
  it('nanoseconds (above 1e17) become whole microseconds; microseconds, and 1e17 itself, stay', () => {
    // 1,700,000,000,000,001,500 ns (the double nearest it is ...1,536) is 1,700,000,000,000,001 µs, floored.
    expect(localToMicros(1_700_000_000_000_000_000)).toBe(1_700_000_000_000_000);
    expect(localToMicros(1_700_000_000_000_001_500)).toBe(1_700_000_000_000_001);
    expect(localToMicros(1_700_000_000_123_456)).toBe(1_700_000_000_123_456);
    expect(localToMicros(1e17)).toBe(1e17);
  });
});

describe('depthWithoutBookTicker', () => {
  it('depth and no bookTicker: true; a spot bookTicker (string B and A) anywhere: false; B alone is not one', () => {
    const depth = '1 {"stream":"x@depth@100ms","data":{"e":"depthUpdate"}}';
    expect(depthWithoutBookTicker([depth, '2 {"B":"1","x":2}'])).toBe(true);
    expect(depthWithoutBookTicker([depth, '2 {"u":1,"b":"1","B":"1","a":"2","A":"1"}'])).toBe(false);
    expect(depthWithoutBookTicker(['2 {"B":"1","x":2}'])).toBe(false);
  });
});

describe('lines read whole', () => {
  // Each line below fails the fast path and is read whole; with skipBadLines each is counted with its reason.
  const bad: Array<[string, string]> = [
    [`12a4 ${quote(1_000)}`, 'expected "<local_timestamp> <json>"'],
    ['5 {"stream":"x@bookTicker","data":', 'malformed JSON'],
    ['6 {"foo":1}', 'neither a stream message nor a depth snapshot'],
    ['7 {"stream":"x@bookTicker"}', 'stream message without "data"'],
    ['8 {"stream":"x@bookTicker","data":5}', 'stream message without "data"'],
    ['9 {"stream":"x@bookTicker","data":{"e":"bookTicker","u":1,"s":"X","b":"abc","B":"1","a":"101","A":"2","E":1000}}', 'bookTicker with missing or non-numeric b/B/a/A'],
    ['10 {"stream":"x@trade","data":{"e":"trade","E":1000,"T":1000,"s":"X","t":1,"p":"x","q":"1","X":"MARKET","m":false}}', 'trade with missing or non-numeric p/q/E/m'],
    // m neither true nor false: not a trade the fast path takes, and not one read whole.
    ['11 {"stream":"x@trade","data":{"e":"trade","E":1000,"T":1000,"s":"X","t":1,"p":"100","q":"1","X":"MARKET","m":0}}', 'trade with missing or non-numeric p/q/E/m'],
  ];

  for (const [text, why] of bad) {
    it(`${why}: ${text.slice(0, 40)}...`, async () => {
      const f = fileOf([`1 ${quote(1_000)}`, text]);
      await expect(drain(f)).rejects.toThrow(`${f}:2: ${why} (use --skip-bad-lines to count and skip such lines)`);
      const { events, stats } = await drain(f, { skipBadLines: true });
      expect(events.map((e) => e.kind)).toEqual(['quote']);
      expect([stats.badLines, stats.badLineSamples]).toEqual([1, [`${f}:2: ${why}`]]);
    });
  }

  it('trades in another key order (E after T): MARKET and no X are trades, INSURANCE_FUND is dropped', async () => {
    const t = (E: number, X: string | undefined, m: boolean) =>
      `{"stream":"x@trade","data":{"e":"trade","T":${E},"E":${E},"s":"X","t":1,"p":"100.5","q":"0.25",${X === undefined ? '' : `"X":"${X}",`}"m":${m}}}`;
    const f = fileOf([`1 ${quote(1_000)}`, `2 ${t(1_001, 'MARKET', false)}`, `3 ${t(1_002, undefined, true)}`, `4 ${t(1_003, 'INSURANCE_FUND', false)}`, `5 ${t(1_004, '', false)}`]);
    const { events, stats } = await drain(f);
    expect(events.filter((e) => e.kind === 'trade').map((e) => [e.ts, (e as { side: number }).side])).toEqual([
      [1_001_000, 1],
      [1_002_000, -1],
    ]);
    expect([stats.trades, stats.nonMarketTrades]).toEqual([2, 2]);
  });
});
