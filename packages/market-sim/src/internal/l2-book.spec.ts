/** The L2 book: what it knows after a snapshot, diffs and a gap, and the quote's touch overriding stale depth. */
import { describe, expect, it } from 'vitest';
import { L2Book } from './l2-book.js';
import type { DepthEvent } from '../market-event.js';

const snapshot = (bids: Array<[number, number]>, asks: Array<[number, number]>): DepthEvent => ({ kind: 'depth', ts: 0, localTs: 0, bids, asks, snapshot: true });
const diff = (bids: Array<[number, number]>, asks: Array<[number, number]>, gap = false): DepthEvent => ({ kind: 'depth', ts: 0, localTs: 0, bids, asks, snapshot: false, ...(gap ? { gap } : {}) });

describe('L2Book', () => {
  it('before any depth, every level is unknown', () => {
    const b = new L2Book(0.1);
    expect(b.qty(1, 100)).toBeNaN();
    expect(b.qty(-1, 100.1)).toBeNaN();
  });

  it('a snapshot: its levels, empty between them, unknown beyond its deepest level', () => {
    const b = new L2Book(0.1);
    b.apply(snapshot([[100, 2], [99.8, 5]], [[100.1, 1], [100.4, 3]]));
    expect(b.qty(1, 100)).toBe(2);
    expect(b.qty(1, 99.8)).toBe(5);
    expect(b.qty(1, 99.9)).toBe(0); // inside the snapshot's range, absent: empty
    expect(b.qty(1, 99.7)).toBeNaN(); // beyond it: unknown
    expect(b.qty(-1, 100.3)).toBe(0);
    expect(b.qty(-1, 100.5)).toBeNaN();
  });

  it('prices are keyed by the tick: 99.80000000000001 is the 99.8 level', () => {
    const b = new L2Book(0.1);
    b.apply(snapshot([[99.8, 5]], []));
    expect(b.qty(1, 998 * 0.1)).toBe(5);
  });

  it('diffs set absolute sizes (0 empties a level), also beyond the snapshot', () => {
    const b = new L2Book(0.1);
    b.apply(snapshot([[100, 2], [99.8, 5]], [[100.1, 1]]));
    b.apply(diff([[99.8, 4], [100, 0], [99.5, 7]], []));
    expect(b.qty(1, 99.8)).toBe(4);
    expect(b.qty(1, 100)).toBe(0);
    expect(b.qty(1, 99.5)).toBe(7);
    expect(b.qty(1, 99.6)).toBeNaN();
  });

  it('without a snapshot only levels a diff set are known (an empty one too)', () => {
    const b = new L2Book(0.01);
    b.apply(diff([[28165.47, 7.7], [28165.4, 0]], []));
    expect(b.qty(1, 28165.47)).toBe(7.7);
    expect(b.qty(1, 28165.4)).toBe(0);
    expect(b.qty(1, 28165.41)).toBeNaN();
  });

  it('a gap forgets everything: only levels set from the gapped diff on are known', () => {
    const b = new L2Book(0.1);
    b.apply(snapshot([[100, 2], [99.8, 5]], [[100.1, 1]]));
    b.apply(diff([[99.9, 3]], [], true));
    expect(b.qty(1, 99.9)).toBe(3);
    expect(b.qty(1, 99.8)).toBeNaN();
    expect(b.qty(1, 99.85)).toBeNaN();
    expect(b.qty(-1, 100.1)).toBeNaN();
    b.apply(snapshot([[99.9, 1]], [[100, 1]])); // a resync: whole again
    expect(b.qty(1, 99.9)).toBe(1);
    expect(b.qty(-1, 100)).toBe(1);
  });

  it("the quote's touch: stale L2 levels better than it are emptied, the touch shows the quote's size", () => {
    const b = new L2Book(0.1);
    b.apply(snapshot([[100.2, 1], [100.1, 2], [100, 3], [99.9, 4]], [[100.3, 1], [100.4, 2]]));
    b.touch(100, 6, 100.4, 5); // the depth still shows bids at 100.1-100.2 and an ask at 100.3 the quote says are gone
    expect(b.qty(1, 100.2)).toBe(0);
    expect(b.qty(1, 100.1)).toBe(0);
    expect(b.qty(1, 100)).toBe(6);
    expect(b.qty(1, 99.9)).toBe(4);
    expect(b.qty(-1, 100.3)).toBe(0);
    expect(b.qty(-1, 100.4)).toBe(5);
    // A later stale diff better than the touch is emptied at the next touch, even when far from it.
    b.apply(diff([[105, 1]], [[90, 1]]));
    b.touch(100, 6, 100.4, 5);
    expect(b.qty(1, 105)).toBe(0);
    expect(b.qty(-1, 90)).toBe(0);
  });

  it('the touch moving down: the former touch level keeps its last known size behind it', () => {
    const b = new L2Book(0.1);
    b.apply(snapshot([[100, 3], [99.9, 4]], [[100.1, 1]]));
    b.touch(100, 2, 100.1, 1);
    b.touch(99.9, 4, 100.1, 1); // 100 emptied by the quote: nothing better than 99.9
    expect(b.qty(1, 100)).toBe(0);
    b.touch(100.1, 1, 100.2, 1); // the touch moves up: 100 stays known as empty (nothing set it since)
    expect(b.qty(1, 100)).toBe(0);
    expect(b.qty(1, 99.9)).toBe(4);
  });

  it('a diff beyond the snapshot knows its own level only: levels between it and the snapshot stay unknown', () => {
    const b = new L2Book(0.1);
    b.apply(snapshot([[100, 1], [99.9, 2]], [[100.1, 1], [100.2, 2]]));
    b.apply(diff([[99.5, 4]], [[100.6, 5]]));
    expect(b.qty(1, 99.5)).toBe(4);
    expect(b.qty(1, 99.7)).toBeNaN();
    expect(b.qty(-1, 100.6)).toBe(5);
    expect(b.qty(-1, 100.4)).toBeNaN();
  });

  it('the ask touch moving up empties only the stale levels below it, not the ones behind', () => {
    const b = new L2Book(0.1);
    b.apply(snapshot([[100, 1]], [[100.1, 2], [100.2, 3], [100.3, 4]]));
    b.touch(100, 1, 100.2, 3);
    expect(b.qty(-1, 100.1)).toBe(0);
    expect(b.qty(-1, 100.2)).toBe(3);
    expect(b.qty(-1, 100.3)).toBe(4);
  });

  it('emptying stale levels never makes an unknown level known, by tick or by walking the levels', () => {
    // No snapshot: only what diffs set is known. A diff puts 5 at 100.2 (and two levels far below); the quote's bid
    // at 100.0 empties 100.2 tick by tick (a range of 2 ticks, 3 levels held); 100.1 stays unknown after the bid
    // moves up past it.
    const b = new L2Book(0.1);
    b.apply(diff([[100.2, 5], [99.5, 1], [99.4, 1]], []));
    b.touch(100, 1, 100.5, 1);
    expect(b.qty(1, 100.2)).toBe(0);
    b.touch(100.2, 2, 100.5, 1);
    expect(b.qty(1, 100.1)).toBeNaN();
    expect(b.qty(1, 99.5)).toBe(1);
    // By walking (the range is wider than the levels held): 101 emptied, 99 kept, 100.5 (never set) unknown.
    const w = new L2Book(0.1);
    w.apply(diff([[101, 5], [99, 7]], []));
    w.touch(100, 1, 102, 1);
    expect(w.qty(1, 101)).toBe(0);
    expect(w.qty(1, 99)).toBe(7);
    w.touch(100.6, 1, 102, 1);
    expect(w.qty(1, 100.5)).toBeNaN();
  });

  it('a diff keeps what the snapshot said of other levels; the snapshot range is its deepest level in any order', () => {
    const b = new L2Book(0.1);
    b.apply(snapshot([[99.8, 2], [100, 1]], [[100.3, 4], [100.1, 1]])); // listed out of order
    b.apply(diff([[99.5, 4]], []));
    expect(b.qty(1, 100)).toBe(1);
    expect(b.qty(1, 99.9)).toBe(0); // between snapshot levels: empty
    expect(b.qty(-1, 100.2)).toBe(0);
    expect(b.qty(-1, 100.3)).toBe(4);
    expect(b.qty(1, 99.7)).toBeNaN(); // beyond the snapshot's deepest bid, not set by the diff
  });
});

