import { describe, expect, it } from 'vitest';
import { DepthTouch } from './depth-touch.js';
import type { DepthEvent } from '../market-event.js';

const depth = (ts: number, bids: Array<[number, number]>, asks: Array<[number, number]>, flags: Partial<DepthEvent> = {}): DepthEvent => ({
  kind: 'depth',
  ts,
  localTs: ts + 7,
  bids,
  asks,
  snapshot: false,
  ...flags,
});

const touchOf = (q: ReturnType<DepthTouch['apply']>) => (q ? [q.bidPx, q.bidQty, q.askPx, q.askQty] : null);

describe('DepthTouch: the touch of a depth-only capture', () => {
  it('follows the best levels through a snapshot and diffs (hand-worked book)', () => {
    const t = new DepthTouch();
    // Book: bids 100 x1, 99 x2; asks 101 x3, 102 x1.
    const q0 = t.apply(depth(10, [[100, 1], [99, 2]], [[101, 3], [102, 1]], { snapshot: true }));
    expect(touchOf(q0)).toEqual([100, 1, 101, 3]);
    expect(q0).toMatchObject({ kind: 'quote', ts: 10, localTs: 17 });
    // A size change behind the touch: no new quote.
    expect(t.apply(depth(20, [[99, 5]], []))).toBeNull();
    // The best bid empties: 99 (now x5) is the touch.
    expect(touchOf(t.apply(depth(30, [[100, 0]], [])))).toEqual([99, 5, 101, 3]);
    // A better ask joins inside the spread.
    expect(touchOf(t.apply(depth(40, [], [[100.5, 2]])))).toEqual([99, 5, 100.5, 2]);
    // The size at the best ask changes.
    expect(touchOf(t.apply(depth(50, [], [[100.5, 4]])))).toEqual([99, 5, 100.5, 4]);
    // The same sizes again: no change, no quote.
    expect(t.apply(depth(60, [[99, 5]], [[100.5, 4]]))).toBeNull();
    // Both asks near the touch empty: 102 x1 is next (101 emptied too).
    expect(touchOf(t.apply(depth(70, [], [[100.5, 0], [101, 0]])))).toEqual([99, 5, 102, 1]);
  });

  it('makes no quote before the first snapshot, nor after a gap until the next snapshot', () => {
    const t = new DepthTouch();
    expect(t.apply(depth(5, [[100, 1]], [[101, 1]]))).toBeNull();
    expect(touchOf(t.apply(depth(10, [[100, 1]], [[101, 1]], { snapshot: true })))).toEqual([100, 1, 101, 1]);
    // After a gap the levels set since are exact, but a better one may be unknown: no touch.
    expect(t.apply(depth(20, [[99, 3]], [[101.5, 2]], { gap: true }))).toBeNull();
    expect(t.apply(depth(30, [[99.5, 1]], []))).toBeNull();
    expect(touchOf(t.apply(depth(40, [[99, 3]], [[101.5, 2]], { snapshot: true })))).toEqual([99, 3, 101.5, 2]);
  });

  it('a crossed book makes no quote; uncrossing it does', () => {
    const t = new DepthTouch();
    t.apply(depth(10, [[100, 1]], [[101, 1]], { snapshot: true }));
    expect(t.apply(depth(20, [[101, 2]], []))).toBeNull();
    expect(touchOf(t.apply(depth(30, [], [[101, 0], [101.2, 1]])))).toEqual([101, 2, 101.2, 1]);
  });

  it('a new snapshot replaces the book', () => {
    const t = new DepthTouch();
    t.apply(depth(10, [[100, 1], [99, 1]], [[101, 1]], { snapshot: true }));
    expect(touchOf(t.apply(depth(20, [[98, 4]], [[103, 5]], { snapshot: true })))).toEqual([98, 4, 103, 5]);
    // 100 and 99 are gone with the old book: emptying 98 leaves no bid.
    expect(t.apply(depth(30, [[98, 0]], []))).toBeNull();
  });
});
