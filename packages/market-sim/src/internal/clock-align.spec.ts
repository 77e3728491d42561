import { describe, expect, it } from 'vitest';
import { ClockAligner, lowQuantile, offsetAt } from './clock-align.js';
import type { MarketEvent } from '../market-event.js';

/** A trade at exchange time `ts` whose raw local stamp is `ts + d` (d = local - exchange on the recorder's clock). */
const ev = (ts: number, d: number): MarketEvent => ({ kind: 'trade', ts, localTs: ts + d, px: 1, qty: 1, side: 1 });

describe('clock offset and feed latency', () => {
  it('lowQuantile takes the lower order statistic; offsetAt is flat outside the points and straight between', () => {
    expect(lowQuantile([5, 1, 9, 3], 0.01)).toBe(1);
    expect(lowQuantile(Array.from({ length: 201 }, (_, i) => 200 - i), 0.01)).toBe(2); // floor(0.01 * 200) = index 2
    expect(offsetAt(0, [10, 20], [100, 200])).toBe(100);
    expect(offsetAt(13, [10, 20], [100, 200])).toBe(130);
    expect(offsetAt(99, [10, 20], [100, 200])).toBe(200);
  });

  it('separates a drifting offset from the latency, block by block (hand-worked)', () => {
    const stats = { clockOffsetUs: null, clockDriftUsPerS: 0, clockBlocks: 0, clockClamped: 0 };
    const a = new ClockAligner(stats, 10_000_000);
    const out: MarketEvent[] = [];
    // Block 0: offset min(-999_000, -1_000_000) = -1_000_000 at the middle 5 s.
    a.push(ev(2_000_000, -999_000), out);
    a.push(ev(8_000_000, -1_000_000), out);
    // An event dated from its local stamp (not a sample): its -2 s says nothing of the offset.
    a.push(ev(9_000_000, -2_000_000), out, false);
    // Block 1: offset -1_000_050 at 15 s.
    a.push(ev(12_000_000, -1_000_050), out);
    a.push(ev(18_000_000, -999_900), out);
    expect(out).toHaveLength(0); // block 0 waits for block 1's offset
    // Block 2: offset -1_000_080 at 25 s. Block 1 closes: block 0 goes out, block 1 stays.
    a.push(ev(25_000_000, -1_000_080), out);
    expect(out.map((e) => e.ts)).toEqual([2_000_000, 8_000_000, 9_000_000]);
    a.flush(out);
    // Latency = local - offset(ts) - ts:
    //  2 s: before the first middle, offset -1_000_000: -999_000 + 1_000_000 = 1000.
    //  8 s: offset -1_000_000 - 50 * 3/10 = -1_000_015: -1_000_000 + 1_000_015 = 15.
    //  9 s: offset -1_000_020: -2_000_000 + 1_000_020 < 0: clamped to 0 (not counted: not a sample).
    // 12 s: offset -1_000_035: -1_000_050 + 1_000_035 = -15: clamped to 0, counted.
    // 18 s: offset -1_000_050 - 30 * 3/10 = -1_000_059: -999_900 + 1_000_059 = 159.
    // 25 s: the last middle, offset -1_000_080: 0.
    expect(out.map((e) => e.localTs - e.ts)).toEqual([1000, 15, 0, 0, 159, 0]);
    expect(stats).toEqual({ clockOffsetUs: -1_000_000, clockDriftUsPerS: -4, clockBlocks: 3, clockClamped: 1 });
  });

  it('with no event carrying both clocks, local time is exchange time (zero feed latency)', () => {
    const a = new ClockAligner();
    const out: MarketEvent[] = [];
    a.push(ev(1_000_000, 5_000), out, false);
    a.push(ev(30_000_000, 7_000), out, false);
    a.flush(out);
    expect(out.map((e) => e.localTs - e.ts)).toEqual([0, 0]);
    expect(a.stats.clockOffsetUs).toBeNull();
  });

  it('the offset is the 1st percentile, so one freak stamp below the rest does not set it', () => {
    const a = new ClockAligner();
    const out: MarketEvent[] = [];
    // 201 samples: local - exchange = 1000 + i for i in 0..199, and one freak at -50_000.
    a.push(ev(1_000, -50_000), out);
    for (let i = 0; i < 200; i++) a.push(ev(2_000 + i, 1000 + i), out);
    a.flush(out);
    // Sorted: -50_000, 1000, 1001, ...; index floor(0.01 * 200) = 2 -> 1001.
    expect(a.stats.clockOffsetUs).toBe(1001);
    expect(a.stats.clockClamped).toBe(2); // the freak and the 1000
    expect(out[2]!.localTs - out[2]!.ts).toBe(0);
    expect(out[200]!.localTs - out[200]!.ts).toBe(1199 - 1001);
  });
});
