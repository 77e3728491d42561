
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sharedDataFile } from './market-data-files.js';
import { openReplay } from './replay.js';
import type { MarketEvent } from './market-event.js';

// The full captures (skipped with a warning where ../shared is missing; replay-fixtures.spec.ts runs the slices).
const ROOT = resolve(import.meta.dirname, '../../..');
const BINANCE = sharedDataFile(ROOT, 'binance-usdm/btcusdt_20240808.gz');
const TARDIS_QUOTES = sharedDataFile(ROOT, 'tardis/binance-futures_quotes_BTCUSDT_2020-02-22.csv');

async function drain(file: string, format: string, options = {}) {
  const r = openReplay(file, format, options);
  const events: MarketEvent[] = [];
  for await (const b of r.events) for (const e of b) events.push(e);
  return { events, stats: r.stats };
}

function nonDecreasing(events: MarketEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i]!.ts < events[i - 1]!.ts) return false;
  return true;
}

const tmp = () => mkdtempSync(join(tmpdir(), 'mm-replay-'));
const line = (local: number, msg: object) => `${local} ${JSON.stringify(msg)}`;
const bookTicker = (E: number | undefined, b = '100.0', a = '100.1') => ({ stream: 'x@bookTicker', data: { e: 'bookTicker', u: 1, s: 'X', b, B: '1', a, A: '2', ...(E ? { E, T: E } : {}) } });
const tradeMsg = (E: number, p = '100.1', m = false, X = 'MARKET') => ({ stream: 'x@trade', data: { e: 'trade', E, T: E, s: 'X', t: 1, p, q: '0.5', X, m } });

describe.runIf(BINANCE && TARDIS_QUOTES)('replay of the shared data', () => {
  it('Binance USD-M capture: 66,089 quotes and 21,313 trades in non-decreasing exchange time', async () => {
    const { events, stats } = await drain(BINANCE!, 'binance-ws');
    expect(stats.quotes).toBe(66_089);
    expect(stats.trades).toBe(21_313);
    expect(stats.depthSkipped).toBe(6_552);
    expect(events.filter((e) => e.kind === 'quote')).toHaveLength(66_089);
    expect(nonDecreasing(events)).toBe(true);
    expect(stats.late).toBe(0);
    // The local clock runs ~1.27 s behind the exchange in this file.
    expect(stats.feedOffsetUs! / 1e6).toBeCloseTo(-1.27, 1);
    // And drifts: the 1st percentile of local - exchange per 30 s goes from -1.27047 s to -1.27209 s over the
    // capture (a separate pass over the file), about -5 µs per second; the offset line follows it.
    expect(stats.clockOffsetUs! / 1e6).toBeCloseTo(-1.2705, 3);
    expect(stats.clockDriftUsPerS).toBeGreaterThan(-7);
    expect(stats.clockDriftUsPerS).toBeLessThan(-3);
    // Only events below their block's 1st percentile (about 1%) are clamped to zero latency.
    expect(stats.clockClamped / (stats.quotes + stats.trades)).toBeLessThan(0.02);
    const lat = events.map((e) => e.localTs - e.ts).sort((a, b) => a - b);
    expect(lat[0]).toBe(0);
    // Median feed latency above the floor: the raw median minus the floor is ~1.3-1.9 ms in every 30 s block.
    expect(lat[lat.length >> 1]).toBeGreaterThan(800);
    expect(lat[lat.length >> 1]).toBeLessThan(2500);
  });

  it('Tardis quotes and trades merge into time order (to the end of both with untilLast)', async () => {
    const { events, stats } = await drain(TARDIS_QUOTES!, 'tardis', { untilLast: true });
    expect(stats.quotes).toBe(9_999);
    expect(stats.trades).toBe(9_999);
    expect(nonDecreasing(events)).toBe(true);
    expect(events.findIndex((e) => e.kind === 'trade')).toBeGreaterThan(0);
  });
});

describe('binance-ws reader', () => {
  it('reads plain and gzip, µs and ns local stamps, drops non-MARKET trades', async () => {
    const d = tmp();
    const text = [
      line(1_700_000_000_000_000, bookTicker(1_700_000_001_000)),
      line(1_700_000_000_500_000_000, tradeMsg(1_700_000_001_001)), // ns stamp
      line(1_700_000_000_600_000, tradeMsg(1_700_000_001_002, '100.1', true, 'INSURANCE_FUND')),
    ].join('\n');
    writeFileSync(join(d, 'a.txt'), text + '\n');
    writeFileSync(join(d, 'a.gz'), gzipSync(text));
    for (const f of ['a.txt', 'a.gz']) {
      const { events, stats } = await drain(join(d, f), 'binance-ws');
      expect(events.map((e) => e.kind)).toEqual(['quote', 'trade']);
      expect(events[1]).toMatchObject({ ts: 1_700_000_001_001_000, side: 1, px: 100.1, qty: 0.5 });
      expect(stats.nonMarketTrades).toBe(1);
    }
  });

  it('puts feeds back into exchange-time order', async () => {
    const d = tmp();
    writeFileSync(join(d, 'a.txt'), [line(1, bookTicker(1_000_010)), line(2, tradeMsg(1_000_000)), line(3, bookTicker(1_000_020))].join('\n'));
    const { events } = await drain(join(d, 'a.txt'), 'binance-ws');
    expect(events.map((e) => e.ts)).toEqual([1_000_000_000, 1_000_010_000, 1_000_020_000]);
  });

  it('spot bookTicker without E: local time corrected by the offset measured on trades', async () => {
    const d = tmp();
    const offsetMs = 1270;
    const lines = [line((1_000_000 + offsetMs) * 1000, bookTicker(undefined))];
    for (let i = 1; i <= 30; i++) lines.push(line((1_000_000 + i + offsetMs) * 1000, tradeMsg(1_000_000 + i)));
    writeFileSync(join(d, 'spot.txt'), lines.join('\n'));
    const { events, stats } = await drain(join(d, 'spot.txt'), 'binance-ws');
    expect(stats.feedOffsetUs).toBe(offsetMs * 1000);
    expect(events[0]).toMatchObject({ kind: 'quote', ts: 1_000_000_000 });
  });

  it('separates the capture\'s clock offset from the feed latency (local 1.27 s behind, hand-set latencies)', async () => {
    const d = tmp();
    // Exchange times E (ms) and feed latencies (µs); the recorder's clock reads 1.27 s behind the exchange's.
    const rows: Array<[number, number, 'q' | 't']> = [
      [1_700_000_000_000, 2_000, 'q'],
      [1_700_000_000_001, 300, 't'],
      [1_700_000_000_002, 5_300, 'q'],
      [1_700_000_000_003, 800, 't'],
    ];
    const lines = rows.map(([E, lat, k]) => line(E * 1000 - 1_270_000 + lat, k === 'q' ? bookTicker(E) : tradeMsg(E)));
    writeFileSync(join(d, 'a.txt'), lines.join('\n'));
    const { events, stats } = await drain(join(d, 'a.txt'), 'binance-ws');
    // One block of under 100 samples: its 1st percentile is its least local - exchange, -1.27 s + 300 µs.
    expect(stats.clockOffsetUs).toBe(-1_270_000 + 300);
    expect(events.map((e) => e.localTs - e.ts)).toEqual([1_700, 0, 5_000, 500]);
  });

  it('spot quotes without E: dated at local - the median trade offset, local time on the offset line', async () => {
    const d = tmp();
    // 30 trades, local - exchange = 1.270 s + (i mod 3) ms: the first 25 have median 1.271 s, the floor is 1.270 s.
    const lines = [line((1_000_000 + 1270) * 1000, bookTicker(undefined))];
    for (let i = 1; i <= 30; i++) lines.push(line((1_000_000 + i) * 1000 + 1_270_000 + (i % 3) * 1000, tradeMsg(1_000_000 + i)));
    writeFileSync(join(d, 'spot.txt'), lines.join('\n'));
    const { events, stats } = await drain(join(d, 'spot.txt'), 'binance-ws');
    expect(stats.feedOffsetUs).toBe(1_271_000);
    expect(stats.clockOffsetUs).toBe(1_270_000);
    // The quote: ts = 1_001_270_000 - 1_271_000; local = 1_001_270_000 - 1_270_000; feed latency 1 ms.
    expect(events[0]).toMatchObject({ kind: 'quote', ts: 999_999_000, localTs: 1_000_000_000 });
  });

  it('a garbage line is an error naming file and line, or counted with skipBadLines', async () => {
    const d = tmp();
    const f = join(d, 'bad.txt');
    writeFileSync(f, [line(1, bookTicker(1000)), 'garbage here', line(3, bookTicker(1001))].join('\n'));
    await expect(drain(f, 'binance-ws')).rejects.toThrow(`${f}:2: expected "<local_timestamp> <json>"`);
    const { events, stats } = await drain(f, 'binance-ws', { skipBadLines: true });
    expect(events).toHaveLength(2);
    expect(stats.badLines).toBe(1);
    expect(stats.badLineSamples[0]).toBe(`${f}:2: expected "<local_timestamp> <json>"`);
  });

  it('a truncated gzip is a clear error', async () => {
    const d = tmp();
    const lines = Array.from({ length: 5000 }, (_, i) => line(i + 1, bookTicker(1000 + i)));
    const gz = gzipSync(lines.join('\n'));
    const f = join(d, 'cut.gz');
    writeFileSync(f, gz.subarray(0, gz.length >> 1));
    await expect(drain(f, 'binance-ws')).rejects.toThrow(/cut\.gz: truncated or corrupt gzip after line \d+/);
  });

  it('skips and counts known streams it does not use (markPrice, aggTrade, forceOrder, kline, tickers); an unknown one is a bad line', async () => {
    const d = tmp();
    const f = join(d, 'streams.txt');
    // Real message shapes (abridged) of the streams a USD-M capture may carry beside bookTicker and trade.
    const mark = { stream: 'btcusdt@markPrice@1s', data: { e: 'markPriceUpdate', E: 1_000_500, s: 'BTCUSDT', p: '100.05', i: '100.04', P: '100.1', r: '0.0001', T: 1_028_800 } };
    const agg = { stream: 'btcusdt@aggTrade', data: { e: 'aggTrade', E: 1_000_600, s: 'BTCUSDT', a: 1, p: '100.1', q: '0.5', f: 1, l: 2, T: 1_000_600, m: false } };
    const force = { stream: 'btcusdt@forceOrder', data: { e: 'forceOrder', E: 1_000_700, o: { s: 'BTCUSDT', S: 'SELL', q: '0.1', p: '99', ap: '99.5', X: 'FILLED' } } };
    const kline = { stream: 'btcusdt@kline_1m', data: { e: 'kline', E: 1_000_800, s: 'BTCUSDT', k: { t: 1, T: 2, i: '1m', o: '100', c: '100.1' } } };
    const mini = { stream: 'btcusdt@miniTicker', data: { e: '24hrMiniTicker', E: 1_000_900, s: 'BTCUSDT', c: '100.1' } };
    writeFileSync(
      f,
      [line(1, bookTicker(1_000_000)), line(2, mark), line(3, agg), line(4, mark), line(5, force), line(6, kline), line(7, mini), line(8, tradeMsg(1_001_000))].join('\n'),
    );
    const { events, stats } = await drain(f, 'binance-ws');
    expect(events.map((e) => e.kind)).toEqual(['quote', 'trade']);
    expect(stats.skippedStreams).toEqual({ markPrice: 2, aggTrade: 1, forceOrder: 1, kline: 1, miniTicker: 1 });
    expect(stats.badLines).toBe(0);
    // The same messages without the stream name's help (read whole) are skipped by their event type.
    const g = join(d, 'bare.txt');
    writeFileSync(g, [line(1, bookTicker(1_000_000)), line(2, { stream: 'btcusdt@unknownThing', data: mark.data })].join('\n'));
    expect((await drain(g, 'binance-ws')).stats.skippedStreams).toEqual({ markPrice: 1 });
    const h = join(d, 'unknown.txt');
    writeFileSync(h, [line(1, bookTicker(1_000_000)), line(2, { stream: 'btcusdt@somethingNew', data: { e: 'somethingNew', E: 1 } })].join('\n'));
    await expect(drain(h, 'binance-ws')).rejects.toThrow(`${h}:2: unknown stream event "somethingNew"`);
  });

  it('an unknown format is refused', () => {
    expect(() => openReplay('x', 'csv')).toThrow(/unknown replay format "csv" \(known: binance-ws, tardis\)/);
  });
});

describe('tardis reader', () => {
  it('names the file and line of a row that goes back in time', async () => {
    const d = tmp();
    writeFileSync(join(d, 'q_quotes.csv'), 'exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount\nx,y,10,11,1,101,100,1\nx,y,5,12,1,101,100,1\n');
    writeFileSync(join(d, 'q_trades.csv'), 'exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n');
    await expect(drain(join(d, 'q_quotes.csv'), 'tardis')).rejects.toThrow(/q_quotes\.csv:3: timestamp 5 goes back in time/);
  });
});

