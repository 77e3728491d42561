/**
 * Binance's depth sequencing: which `depthUpdate` diffs of a diff-book stream (`<symbol>@depth[@100ms|@0ms]`) may
 * be applied to a REST snapshot (`lastUpdateId`), and where the stream broke. Binance's own rules:
 * - USD-M / COIN-M (diffs carry `pu`): drop diffs with u < lastUpdateId; the first applied has
 *   U <= lastUpdateId <= u; each next diff's `pu` equals the previous `u`.
 * - spot (no `pu`): drop diffs with u <= lastUpdateId; the first applied has U <= lastUpdateId+1 <= u; each next
 *   diff's U equals the previous u + 1.
 * A capture records the snapshot when the REST answer arrived, after the diffs that bridge it (both shared USD-M
 * captures do), so recent diffs are kept and the ones the snapshot does not contain are applied again on top of it,
 * as Binance's procedure buffers the stream while the snapshot is fetched.
 *
 * What goes out is what a book needs: snapshots, and diffs flagged `gap` where the sequence broke. A gap is
 * counted; after it the book knows only the levels set since (diffs carry absolute sizes) until a snapshot bridges
 * the stream again (a resync, counted). Nothing is absorbed silently: a diff that does not follow is a gap, a
 * diff already applied is counted as dropped, a snapshot no kept diff bridges is counted as unused.
 */
import type { DepthEvent } from '../market-event.js';

export type Level = [number, number];

export interface DepthDiff {
  /** Exchange time, µs. */
  ts: number;
  /** Local receive stamp, µs (the reader's clock aligner puts it on the exchange's clock). */
  localTs: number;
  /** First and last update id in the diff; `pu` (futures only) the last update id of the previous diff. */
  U: number;
  u: number;
  pu?: number;
  bids: Level[];
  asks: Level[];
}

export interface DepthSnapshot {
  ts: number;
  localTs: number;
  lastUpdateId: number;
  bids: Level[];
  asks: Level[];
}

/** The sequencer's counts, kept in the replay stats. */
export interface DepthCounts {
  /** Diffs passed on to the book (re-applications over a snapshot not counted again). */
  depthDiffs: number;
  /** Diffs dropped: already in the snapshot, or a repeat of a diff already applied. */
  depthDropped: number;
  /** Breaks of the sequence (a diff that does not follow the previous one, or a snapshot the stream does not continue). */
  depthGaps: number;
  /** Snapshots applied and bridged by the stream: the book is whole again. */
  depthResyncs: number;
  /** Snapshots that no kept diff bridges (older than the diffs we hold): not applied. */
  depthUnusedSnapshots: number;
}

export function emptyDepthCounts(): DepthCounts {
  return { depthDiffs: 0, depthDropped: 0, depthGaps: 0, depthResyncs: 0, depthUnusedSnapshots: 0 };
}

/** How many recent diffs are kept to lay over a snapshot that arrives after them (USD-M @0ms: ~20 diffs/s). */
export const KEPT_DIFFS = 256;

/** Futures diffs carry `pu`; spot diffs do not. */
const isFutures = (d: DepthDiff) => d.pu !== undefined;

/** The diff comes right after the diff whose last update id was `prevU`. */
export function follows(d: DepthDiff, prevU: number): boolean {
  return isFutures(d) ? d.pu === prevU : d.U === prevU + 1;
}

/** The first diff to apply on a snapshot of `lastUpdateId`: it spans the snapshot's id (spot: the id after it). */
export function bridges(d: DepthDiff, lastUpdateId: number): boolean {
  const id = isFutures(d) ? lastUpdateId : lastUpdateId + 1;
  return d.U <= id && id <= d.u;
}

/** Everything in the diff is already in a snapshot of `lastUpdateId`. */
export function inSnapshot(d: DepthDiff, lastUpdateId: number): boolean {
  return isFutures(d) ? d.u < lastUpdateId : d.u <= lastUpdateId;
}

export class BinanceDepthSequencer {
  /** `u` of the last diff passed on (NaN: none yet). */
  private last = NaN;
  /** A snapshot's lastUpdateId waiting for the diff that bridges it (NaN: none). */
  private bridging = NaN;
  /** Recent diffs passed on, with whether each followed a gap. */
  private kept: Array<{ d: DepthDiff; gap: boolean }> = [];
  /** The latest time passed on: re-applied diffs go out no earlier. */
  private lastTs = -Infinity;

  constructor(private readonly counts: DepthCounts) {}

  diff(d: DepthDiff, emit: (e: DepthEvent) => void): void {
    const c = this.counts;
    if (this.bridging === this.bridging) {
      if (inSnapshot(d, this.bridging)) {
        c.depthDropped += 1;
        return;
      }
      const ok = bridges(d, this.bridging);
      this.bridging = NaN;
      if (ok) c.depthResyncs += 1;
      this.pass(d, !ok, emit);
      return;
    }
    if (this.last === this.last && !follows(d, this.last)) {
      if (d.u <= this.last) {
        // Already applied (a capture that repeats a message): applying it again would undo newer changes.
        c.depthDropped += 1;
        return;
      }
      this.pass(d, true, emit);
      return;
    }
    this.pass(d, false, emit);
  }

  snapshot(s: DepthSnapshot, emit: (e: DepthEvent) => void): void {
    const c = this.counts;
    const ts = Math.max(s.ts, this.lastTs);
    const from = this.kept.findIndex((k) => !inSnapshot(k.d, s.lastUpdateId));
    if (from < 0) {
      // Newer than every diff seen: the stream's next diff must bridge it.
      this.emitSnapshot(s, ts, emit);
      this.bridging = s.lastUpdateId;
      return;
    }
    if (!bridges(this.kept[from]!.d, s.lastUpdateId)) {
      c.depthUnusedSnapshots += 1;
      return;
    }
    this.emitSnapshot(s, ts, emit);
    c.depthResyncs += 1;
    this.bridging = NaN;
    // The diffs it does not contain, laid over it in order (a gap among them still breaks the book).
    for (let i = from; i < this.kept.length; i++) {
      const k = this.kept[i]!;
      emit(depthEvent(k.d, ts, i > from && k.gap, s.localTs));
    }
  }

  private emitSnapshot(s: DepthSnapshot, ts: number, emit: (e: DepthEvent) => void): void {
    this.lastTs = ts;
    emit({ kind: 'depth', ts, localTs: s.localTs, bids: s.bids, asks: s.asks, snapshot: true });
  }

  private pass(d: DepthDiff, gap: boolean, emit: (e: DepthEvent) => void): void {
    const c = this.counts;
    c.depthDiffs += 1;
    if (gap) c.depthGaps += 1;
    this.last = d.u;
    this.kept.push({ d, gap });
    if (this.kept.length > 2 * KEPT_DIFFS) this.kept = this.kept.slice(-KEPT_DIFFS);
    if (d.ts > this.lastTs) this.lastTs = d.ts;
    emit(depthEvent(d, d.ts, gap, d.localTs));
  }
}

/** A diff as an event; re-applied after a snapshot it goes out at the snapshot's times. */
function depthEvent(d: DepthDiff, ts: number, gap: boolean, localTs: number): DepthEvent {
  const e: DepthEvent = { kind: 'depth', ts, localTs, bids: d.bids, asks: d.asks, snapshot: false };
  if (gap) e.gap = true;
  return e;
}
