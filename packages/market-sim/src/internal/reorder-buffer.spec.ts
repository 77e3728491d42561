/** The reorder buffer: out-of-order events within the window sorted back; later ones counted and clamped. */
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../market-event.js';
import { ReorderBuffer } from './reorder-buffer.js';

const trade = (ts: number, id: number): MarketEvent => ({ kind: 'trade', ts, localTs: ts, px: id, qty: 1, side: 1 });

function run(windowUs: number, input: Array<[number, number]>) {
  const b = new ReorderBuffer(windowUs);
  const out: MarketEvent[] = [];
  const releasedAfter: number[] = [];
  for (const [ts, id] of input) {
    b.push(trade(ts, id), out);
    releasedAfter.push(out.length);
  }
  b.flush(out);
  return { b, out: out.map((e) => [e.ts, (e as { px: number }).px]), releasedAfter };
}

describe('ReorderBuffer', () => {
  it('sorts events that step back within the window; ties keep input order', () => {
    // window 10: 100(a) 105(b) 98(c) 105(d) 120(e): c is 7 behind the newest, inside the window.
    const r = run(10, [[100, 1], [105, 2], [98, 3], [105, 4], [120, 5]]);
    expect(r.out).toEqual([[98, 3], [100, 1], [105, 2], [105, 4], [120, 5]]);
    expect(r.b.late).toBe(0);
    // Nothing leaves until the newest time is a window past it: 120 releases everything <= 110.
    expect(r.releasedAfter).toEqual([0, 0, 0, 0, 4]);
  });

  it('an event older than what was already released is late: counted and stamped with the last released time', () => {
    // window 10: 100, 130 releases 100 (<= 120); then 95 arrives after 100 went out.
    const r = run(10, [[100, 1], [130, 2], [95, 3], [131, 4]]);
    expect(r.b.late).toBe(1);
    expect(r.out).toEqual([[100, 1], [100, 3], [130, 2], [131, 4]]);
    for (let i = 1; i < r.out.length; i++) expect(r.out[i]![0]).toBeGreaterThanOrEqual(r.out[i - 1]![0]!);
  });

  it('an event behind the newest by more than the window but not behind the released time is not late', () => {
    // window 10: 100, 200 (releases 100), 150: 50 behind the newest, yet after the last release (100).
    const r = run(10, [[100, 1], [200, 2], [150, 3]]);
    expect(r.b.late).toBe(0);
    expect(r.out).toEqual([[100, 1], [150, 3], [200, 2]]);
  });

  it('keeps order over many pushes with compaction of its storage', () => {
    const input: Array<[number, number]> = [];
    for (let i = 0; i < 20_000; i++) input.push([i * 10 + (i % 3 === 0 ? -15 : 0), i]);
    const r = run(50, input);
    expect(r.out).toHaveLength(20_000);
    expect(r.b.late).toBe(0);
    const sorted = [...input].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(r.out).toEqual(sorted);
  });
});
