/**
 * A capture with depth and no bookTicker (the committed USD-M slice with its bookTicker lines taken out): its
 * quotes are the depth book's touch, checked against a plain second reading of the depth lines in the test
 * (from the snapshot on: the diffs read before it whose last update id is not before its own laid over it, then
 * every later diff, each level set or removed, the best levels by a sort after each; the slice has no gap).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { depthWithoutBookTicker } from './internal/binance-ws-reader.js';
import { fixtureDataFile } from './market-data-files.js';
import type { MarketEvent } from './market-event.js';
import { openReplay } from './replay.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'depth-only-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = gunzipSync(readFileSync(fixtureDataFile(ROOT, 'binance-usdm/btcusdt_20240808.head.gz'))).toString('utf8').split('\n').filter(Boolean);
const depthOnly = lines.filter((l) => !l.includes('@bookTicker'));
const file = join(dir, 'btcusdt-depth-only.gz');
writeFileSync(file, gzipSync(depthOnly.join('\n') + '\n'));

/** The touch after each depth line, by the plain rules; only where it changed. */
function expectedTouches(): number[][] {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  let lastId = -1;
  const before: Array<{ u: number; b: string[][]; a: string[][] }> = [];
  const out: number[][] = [];
  const set = (side: Map<number, number>, levels: string[][]) => {
    for (const [p, q] of levels) {
      if (Number(q) > 0) side.set(Number(p), Number(q));
      else side.delete(Number(p));
    }
  };
  const touch = () => {
    const bid = Math.max(...bids.keys());
    const ask = Math.min(...asks.keys());
    const t = [bid, bids.get(bid)!, ask, asks.get(ask)!];
    const prev = out[out.length - 1];
    if (bid < ask && (!prev || prev.some((v, i) => v !== t[i]))) out.push(t);
  };
  for (const l of depthOnly) {
    const msg = JSON.parse(l.slice(l.indexOf(' ') + 1));
    if ('lastUpdateId' in msg) {
      bids.clear();
      asks.clear();
      set(bids, msg.bids);
      set(asks, msg.asks);
      lastId = msg.lastUpdateId;
      touch();
      for (const d of before.filter((d) => d.u >= lastId)) {
        set(bids, d.b);
        set(asks, d.a);
        touch();
      }
    } else if (msg.data?.e === 'depthUpdate') {
      if (lastId < 0) before.push({ u: msg.data.u, b: msg.data.b, a: msg.data.a });
      else {
        set(bids, msg.data.b);
        set(asks, msg.data.a);
        touch();
      }
    }
  }
  return out;
}

async function drain(includeDepth: boolean) {
  const r = openReplay(file, 'binance-ws', { includeDepth });
  const events: MarketEvent[] = [];
  for await (const b of r.events) for (const e of b) events.push(e);
  return { events, stats: r.stats };
}

describe('a capture with depth and no bookTicker', () => {
  it('is recognised from its first lines (and one with bookTicker is not)', () => {
    expect(depthWithoutBookTicker(depthOnly.slice(0, 200))).toBe(true);
    expect(depthWithoutBookTicker(lines.slice(0, 200))).toBe(false);
    // Trades alone: no depth, nothing to make a touch from.
    expect(depthWithoutBookTicker(lines.filter((l) => l.includes('@trade')).slice(0, 50))).toBe(false);
  });

  for (const includeDepth of [true, false]) {
    it(`quotes on the depth book's touch (depth events ${includeDepth ? 'on' : 'off'})`, async () => {
      const expected = expectedTouches();
      expect(expected.length).toBeGreaterThan(100);
      const { events, stats } = await drain(includeDepth);
      const quotes = events.filter((e) => e.kind === 'quote');
      expect(quotes.map((q) => [q.bidPx, q.bidQty, q.askPx, q.askQty])).toEqual(expected);
      expect(stats.quotes).toBe(0);
      expect(stats.quotesFromDepth).toBe(expected.length);
      expect(events.some((e) => e.kind === 'depth')).toBe(includeDepth);
      expect(events.every((e, i) => i === 0 || e.ts >= events[i - 1]!.ts)).toBe(true);
    });
  }

  it('a capture with bookTicker keeps its own quotes (no quotes from depth)', async () => {
    const r = openReplay(fixtureDataFile(ROOT, 'binance-usdm/btcusdt_20240808.head.gz'), 'binance-ws', { includeDepth: true });
    for await (const b of r.events) void b;
    expect(r.stats.quotesFromDepth).toBeUndefined();
    expect(r.stats.quotes).toBeGreaterThan(500);
  });
});
