import { describe, expect, it } from 'vitest';
import { Random } from '@mm-profiles/market-sim';
import { TimeQueue } from './time-queue.js';

describe('TimeQueue', () => {
  it('hands out earliest first, ties in the order they were put in', () => {
    const q = new TimeQueue<string>();
    q.push('c', 30);
    q.push('a1', 10);
    q.push('b', 20);
    q.push('a2', 10);
    q.push('a3', 10);
    expect(q.peekTime()).toBe(10);
    const out: string[] = [];
    while (q.size) out.push(q.pop()!);
    expect(out).toEqual(['a1', 'a2', 'a3', 'b', 'c']);
    expect(q.pop()).toBeUndefined();
    expect(q.peekTime()).toBe(Infinity);
  });

  it('agrees with a stable sort on 5,000 random times with many ties, pushes and pops interleaved', () => {
    const rng = new Random(11);
    const q = new TimeQueue<number>();
    const ref: Array<[number, number]> = [];
    const got: number[] = [];
    const want: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(rng.uniform() * 200);
      q.push(i, t);
      ref.push([t, i]);
      if (rng.uniform() < 0.3) {
        // The second implementation: the earliest time, then the earliest pushed, by a linear scan.
        let k = 0;
        for (let j = 1; j < ref.length; j++) if (ref[j]![0] < ref[k]![0] || (ref[j]![0] === ref[k]![0] && ref[j]![1] < ref[k]![1])) k = j;
        want.push(ref.splice(k, 1)[0]![1]);
        got.push(q.pop()!);
      }
    }
    ref.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    want.push(...ref.map((r) => r[1]));
    while (q.size) got.push(q.pop()!);
    expect(got).toEqual(want);
  });
});
