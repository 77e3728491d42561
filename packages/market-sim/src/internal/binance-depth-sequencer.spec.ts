/**
 * Binance's depth sequencing by hand-made id sequences: USD-M (`pu` chains) and spot (`U` = previous `u` + 1), a
 * snapshot recorded after the diffs that bridge it (as in both shared USD-M captures), gaps, resyncs, drops.
 */
import { describe, expect, it } from 'vitest';
import { BinanceDepthSequencer, bridges, emptyDepthCounts, follows, inSnapshot, KEPT_DIFFS, type DepthDiff } from './binance-depth-sequencer.js';
import type { DepthEvent } from '../market-event.js';

const fut = (ts: number, U: number, u: number, pu: number, bid = 100): DepthDiff => ({ ts, localTs: ts, U, u, pu, bids: [[bid, u]], asks: [] });
const spot = (ts: number, U: number, u: number, bid = 100): DepthDiff => ({ ts, localTs: ts, U, u, bids: [[bid, u]], asks: [] });

function run() {
  const counts = emptyDepthCounts();
  const seq = new BinanceDepthSequencer(counts);
  const out: DepthEvent[] = [];
  const emit = (e: DepthEvent) => out.push(e);
  return { counts, out, diff: (d: DepthDiff) => seq.diff(d, emit), snap: (ts: number, id: number) => seq.snapshot({ ts, localTs: ts, lastUpdateId: id, bids: [[99, 1]], asks: [[101, 1]] }, emit) };
}

/** What went out, in short: S for a snapshot, the diff's `u` (its bid size here), with ! after a gap. */
const shape = (out: DepthEvent[]) => out.map((e) => (e.snapshot ? 'S' : `${e.bids[0]![1]}${e.gap ? '!' : ''}`));

describe('the rules', () => {
  it('USD-M: pu chains; the bridging diff spans lastUpdateId; u < lastUpdateId is in the snapshot', () => {
    expect(follows(fut(0, 11, 15, 10), 10)).toBe(true);
    expect(follows(fut(0, 11, 15, 9), 10)).toBe(false);
    // Futures ids are not consecutive across diffs: U may jump past the previous u + 1 without a gap.
    expect(follows(fut(0, 14, 15, 10), 10)).toBe(true);
    expect(bridges(fut(0, 11, 15, 10), 15)).toBe(true);
    expect(bridges(fut(0, 11, 15, 10), 11)).toBe(true);
    expect(bridges(fut(0, 11, 15, 10), 16)).toBe(false);
    expect(bridges(fut(0, 11, 15, 10), 10)).toBe(false);
    expect(inSnapshot(fut(0, 11, 15, 10), 16)).toBe(true);
    expect(inSnapshot(fut(0, 11, 15, 10), 15)).toBe(false);
  });

  it('spot: U is the previous u + 1; the bridging diff spans lastUpdateId + 1; u <= lastUpdateId is in the snapshot', () => {
    expect(follows(spot(0, 11, 15), 10)).toBe(true);
    expect(follows(spot(0, 12, 15), 10)).toBe(false);
    expect(bridges(spot(0, 11, 15), 14)).toBe(true);
    expect(bridges(spot(0, 11, 15), 15)).toBe(false);
    expect(bridges(spot(0, 11, 15), 10)).toBe(true);
    expect(bridges(spot(0, 11, 15), 9)).toBe(false);
    expect(inSnapshot(spot(0, 11, 15), 15)).toBe(true);
    expect(inSnapshot(spot(0, 11, 15), 14)).toBe(false);
  });
});

describe('BinanceDepthSequencer', () => {
  it('USD-M: a pu that is not the previous u is a gap, counted and flagged on the diff', () => {
    const r = run();
    r.diff(fut(1, 11, 20, 10));
    r.diff(fut(2, 22, 30, 20));
    r.diff(fut(3, 35, 40, 33)); // pu 33, previous u 30: updates 31..33 are missing
    r.diff(fut(4, 41, 50, 40));
    expect(shape(r.out)).toEqual(['20', '30', '40!', '50']);
    expect(r.counts).toMatchObject({ depthDiffs: 4, depthGaps: 1, depthResyncs: 0, depthDropped: 0 });
  });

  it('spot: a U that is not the previous u + 1 is a gap', () => {
    const r = run();
    r.diff(spot(1, 11, 20));
    r.diff(spot(2, 21, 30));
    r.diff(spot(3, 32, 40)); // 31 missing
    r.diff(spot(4, 41, 50));
    expect(shape(r.out)).toEqual(['20', '30', '40!', '50']);
    expect(r.counts).toMatchObject({ depthDiffs: 4, depthGaps: 1 });
  });

  it('a diff already applied (u not past the last one) is dropped, not a gap', () => {
    const r = run();
    r.diff(fut(1, 11, 20, 10));
    r.diff(fut(2, 21, 30, 20));
    r.diff(fut(3, 21, 30, 20)); // the same message again
    r.diff(fut(4, 31, 40, 30));
    expect(shape(r.out)).toEqual(['20', '30', '40']);
    expect(r.counts).toMatchObject({ depthDiffs: 3, depthDropped: 1, depthGaps: 0 });
  });

  it('a snapshot recorded after the diff that bridges it: applied, then the kept diffs it lacks laid over it', () => {
    // As the shared BTCUSDT capture: diffs ..850146, 850310..853551, 853748..856210, then the snapshot 852948.
    const r = run();
    r.diff(fut(10, 11, 20, 10));
    r.diff(fut(20, 21, 30, 20));
    r.diff(fut(30, 31, 40, 30));
    r.snap(25, 35); // contains up to 35: the diff 31..40 bridges it
    r.diff(fut(40, 41, 50, 40));
    expect(shape(r.out)).toEqual(['20', '30', '40', 'S', '40', '50']);
    // The snapshot and the diff laid over it go out no earlier than the newest diff already out.
    expect(r.out.slice(3, 5).map((e) => e.ts)).toEqual([30, 30]);
    expect(r.counts).toMatchObject({ depthDiffs: 4, depthResyncs: 1, depthGaps: 0, depthUnusedSnapshots: 0 });
  });

  it('a snapshot newer than every diff: diffs it contains are dropped, the next one must bridge it', () => {
    const r = run();
    r.diff(fut(10, 11, 20, 10));
    r.snap(15, 33);
    r.diff(fut(20, 21, 30, 20)); // u 30 < 33: in the snapshot
    r.diff(fut(30, 31, 40, 30)); // 31 <= 33 <= 40: bridges
    r.diff(fut(40, 41, 50, 40));
    expect(shape(r.out)).toEqual(['20', 'S', '40', '50']);
    expect(r.counts).toMatchObject({ depthDiffs: 3, depthDropped: 1, depthResyncs: 1, depthGaps: 0 });
  });

  it('a stream that does not continue a snapshot is a gap: the snapshot does not count as a resync', () => {
    const r = run();
    r.snap(5, 33);
    r.diff(fut(30, 36, 40, 35)); // 34..35 missing between the snapshot and the stream
    expect(shape(r.out)).toEqual(['S', '40!']);
    expect(r.counts).toMatchObject({ depthGaps: 1, depthResyncs: 0 });
  });

  it('resync: after a gap, the next snapshot that the kept diffs bridge makes the book whole again', () => {
    const r = run();
    r.diff(spot(1, 11, 20));
    r.diff(spot(2, 25, 30)); // gap
    r.diff(spot(3, 31, 40));
    r.snap(3, 35); // spot: the first to apply spans 36; 31..40 does
    r.diff(spot(4, 41, 50));
    expect(shape(r.out)).toEqual(['20', '30!', '40', 'S', '40', '50']);
    expect(r.counts).toMatchObject({ depthGaps: 1, depthResyncs: 1 });
  });

  it('a snapshot older than the diffs kept is not used, and said so', () => {
    const r = run();
    r.diff(fut(1, 11, 20, 10));
    r.diff(fut(2, 21, 30, 20));
    r.snap(3, 5); // the first diff kept starts at 11: updates 6..10 are unknown
    r.diff(fut(4, 31, 40, 30));
    expect(shape(r.out)).toEqual(['20', '30', '40']);
    expect(r.counts).toMatchObject({ depthUnusedSnapshots: 1, depthResyncs: 0, depthGaps: 0 });
  });

  it('keeps a bounded number of diffs: a snapshot older than them is unused', () => {
    const r = run();
    for (let i = 0; i < 3 * KEPT_DIFFS; i++) r.diff(fut(i, 10 * i + 1, 10 * i + 10, 10 * i));
    r.snap(0, 15); // bridged by the second diff, long since dropped from the kept ones
    expect(r.counts.depthUnusedSnapshots).toBe(1);
    r.snap(0, 10 * (3 * KEPT_DIFFS) - 5); // bridged by the last diff
    expect(r.counts.depthResyncs).toBe(1);
    expect(shape(r.out.slice(-2))).toEqual(['S', String(10 * 3 * KEPT_DIFFS)]);
  });
});
