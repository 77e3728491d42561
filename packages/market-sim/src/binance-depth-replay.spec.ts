/**
 * Depth through the Binance reader (`includeDepth`): small hand-made captures (a USD-M gap, a spot gap, a
 * snapshot after the diffs that bridge it, bad depth lines), the committed slices against a plain second reading
 * of their raw lines, and every shared capture to the end with depth on (where ../shared exists).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixtureDataFile, sharedDataFile } from './market-data-files.js';
import type { DepthEvent, MarketEvent } from './market-event.js';
import { openReplay } from './replay.js';

const ROOT = resolve(import.meta.dirname, '../../..');

async function drain(file: string, options: object = { includeDepth: true }) {
  const r = openReplay(file, 'binance-ws', options);
  const events: MarketEvent[] = [];
  for await (const b of r.events) for (const e of b) events.push(e);
  return { events, stats: r.stats, depth: events.filter((e): e is DepthEvent => e.kind === 'depth') };
}

const line = (local: number, msg: object) => `${local} ${JSON.stringify(msg)}`;
const futDiff = (E: number, U: number, u: number, pu: number, b: Array<[string, string]> = [['100.0', '1']]) => ({
  stream: 'x@depth@0ms',
  data: { e: 'depthUpdate', E, T: E, s: 'X', U, u, pu, b, a: [] },
});
const spotDiff = (E: number, U: number, u: number) => ({ stream: 'x@depth@100ms', data: { e: 'depthUpdate', E, s: 'X', U, u, b: [['100.00', '1']], a: [['100.10', '2']] } });
const snapshotLine = (id: number, E: number) => ({ lastUpdateId: id, E, T: E, bids: [['100.0', '5']], asks: [['100.1', '6']] });

function capture(lines: string[]): string {
  const f = join(mkdtempSync(join(tmpdir(), 'mm-depth-')), 'cap.txt');
  writeFileSync(f, lines.join('\n') + '\n');
  return f;
}

describe('binance-ws depth', () => {
  it('USD-M: the snapshot after the diff that bridges it, then a pu gap: counted, flagged, the book told', async () => {
    const f = capture([
      line(1, futDiff(1_000, 11, 20, 10)),
      line(2, futDiff(1_001, 21, 30, 20)),
      line(3, snapshotLine(25, 999)),
      line(4, futDiff(1_002, 31, 40, 30)),
      line(5, futDiff(1_003, 45, 50, 44)), // pu 44 is not 40
      line(6, futDiff(1_004, 51, 60, 50)),
    ]);
    const { stats, depth } = await drain(f);
    expect(depth.map((e) => (e.snapshot ? 'S' : e.gap ? 'gap' : 'diff'))).toEqual(['diff', 'diff', 'S', 'diff', 'diff', 'gap', 'diff']);
    expect(depth.map((e) => e.ts)).toEqual([1_000_000, 1_001_000, 1_001_000, 1_001_000, 1_002_000, 1_003_000, 1_004_000]);
    expect(stats).toMatchObject({ depth: 6, depthDiffs: 5, depthGaps: 1, depthResyncs: 1, depthDropped: 0, depthUnusedSnapshots: 0, badLines: 0 });
  });

  it('spot: U must be the previous u + 1', async () => {
    const f = capture([line(1, spotDiff(1_000, 11, 20)), line(2, spotDiff(1_100, 21, 30)), line(3, spotDiff(1_200, 32, 40)), line(4, spotDiff(1_300, 41, 50))]);
    const { stats, depth } = await drain(f);
    expect(depth.map((e) => Boolean(e.gap))).toEqual([false, false, true, false]);
    expect(depth[0]!.asks).toEqual([[100.1, 2]]);
    expect(stats).toMatchObject({ depthDiffs: 4, depthGaps: 1, depthResyncs: 0 });
  });

  it('a partial-book stream (@depth5) is a snapshot of its levels', async () => {
    const f = capture([line(1, { stream: 'x@depth5@100ms', data: { lastUpdateId: 7, bids: [['100.0', '1']], asks: [['100.1', '2']] } })]);
    const { depth, stats } = await drain(f);
    expect(depth).toEqual([{ kind: 'depth', ts: 1, localTs: 1, bids: [[100, 1]], asks: [[100.1, 2]], snapshot: true }]);
    expect(stats.depthGaps).toBe(0);
  });

  it('depth off: depth lines are skipped unparsed, even malformed ones', async () => {
    const f = capture([line(1, futDiff(1_000, 11, 20, 10)), '2 {"stream":"x@depth@0ms","data":{"e":"depthUpdate",', line(3, snapshotLine(25, 999))]);
    // (A capture of depth alone would take its quotes from depth, reading it: depth-touch-replay.spec.ts.)
    const { depth, stats } = await drain(f, { touchFromDepth: false });
    expect(depth).toEqual([]);
    expect(stats).toMatchObject({ depthSkipped: 3, depth: 0, badLines: 0 });
  });

  it('a depth line without its ids or with bad levels is a bad line naming file and line', async () => {
    const noIds = { stream: 'x@depth@0ms', data: { e: 'depthUpdate', E: 1, b: [], a: [] } };
    const f = capture([line(1, futDiff(1_000, 11, 20, 10)), line(2, noIds)]);
    await expect(drain(f)).rejects.toThrow(`${f}:2: depthUpdate with missing or non-numeric U/u/pu`);
    const g = capture([line(1, futDiff(1_000, 11, 20, 10, [['abc', '1']]))]);
    await expect(drain(g)).rejects.toThrow(`${g}:1: depth message with missing or non-numeric levels`);
    const h = capture([line(1, { lastUpdateId: 'x', bids: [], asks: [] })]);
    await expect(drain(h)).rejects.toThrow(`${h}:1: depth snapshot with missing or non-numeric lastUpdateId/bids/asks`);
    const { stats } = await drain(f, { includeDepth: true, skipBadLines: true });
    expect(stats).toMatchObject({ badLines: 1, depth: 1, depthDiffs: 1 });
  });
});

/** Depth lines of a capture read plainly: diffs, snapshots, and gaps by the rules written out again here. */
function depthByHand(file: string) {
  let diffs = 0;
  let snapshots = 0;
  let gaps = 0;
  let prev: number | null = null;
  for (const l of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
    if (!l) continue;
    const msg = JSON.parse(l.slice(l.indexOf(' ') + 1)) as { lastUpdateId?: number; data?: { e?: string; U: number; u: number; pu?: number } };
    if (msg.lastUpdateId !== undefined) snapshots += 1;
    const d = msg.data;
    if (d?.e !== 'depthUpdate') continue;
    diffs += 1;
    if (prev !== null && (d.pu !== undefined ? d.pu !== prev : d.U !== prev + 1)) gaps += 1;
    prev = d.u;
  }
  return { diffs, snapshots, gaps };
}

describe('depth of the committed slices', () => {
  for (const rel of ['binance-usdm/btcusdt_20240808.head.gz', 'binance-usdm/ethusdt_20240718.head.gz', 'binance-spot/btcusdt_20230405.head.dat.gz']) {
    it(`${rel}: every diff passed on, no gap, any snapshot bridged; quotes and trades as with depth off`, async () => {
      const file = fixtureDataFile(ROOT, rel);
      const hand = depthByHand(file);
      expect(hand.diffs).toBeGreaterThan(400);
      const on = await drain(file);
      const off = await drain(file, {});
      expect(on.stats).toMatchObject({ depth: hand.diffs + hand.snapshots, depthDiffs: hand.diffs, depthGaps: hand.gaps, depthResyncs: hand.snapshots, badLines: 0 });
      expect(hand.gaps).toBe(0);
      expect(on.events.filter((e) => e.kind !== 'depth')).toEqual(off.events);
      expect(on.events.every((e, i) => i === 0 || e.ts >= on.events[i - 1]!.ts)).toBe(true);
    });
  }
});

// Every shared Binance capture replays to the end with depth on, without --skip-bad-lines.
const SHARED = ['binance-usdm/btcusdt_20240808.gz', 'binance-usdm/ethusdt_20240718.gz', 'binance-spot/btcusdt_20230405.dat.gz'].map((rel) => [rel, sharedDataFile(ROOT, rel)] as const);

describe('depth of the shared captures', () => {
  for (const [rel, file] of SHARED) {
    it.runIf(file)(`${rel}: to the end with depth on, diffs and gaps as read by hand`, async () => {
      const hand = depthByHand(file!);
      const { stats } = await drain(file!);
      expect(stats).toMatchObject({ depthDiffs: hand.diffs, depthGaps: hand.gaps, depthResyncs: hand.snapshots, depthUnusedSnapshots: 0, badLines: 0 });
    });
  }
});
