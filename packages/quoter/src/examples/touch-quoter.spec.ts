/** The example strategy on hand-made books: a copy of this file and touch-quoter.ts is a start for a new quoter. */
import { describe, expect, it } from 'vitest';
import { TouchQuoter } from './touch-quoter.js';

const venue = { tickSize: 0.5, makerFeeBps: 0, orderSize: 2 };
const market = { bidPx: 100, bidQty: 10, askPx: 101, askQty: 10 };
const q = new TouchQuoter({ ticksPerOrder: 1 }, venue);
const at = (position: number, maxPosition = 10) => q.targets({ market, position, maxPosition, now: 0 });

describe('TouchQuoter (the example strategy)', () => {
  it('flat: joins the touch on both sides, centred on fair', () => {
    const t = at(0);
    expect(t.bid).toEqual({ px: 100, qty: 2 });
    expect(t.ask).toEqual({ px: 101, qty: 2 });
    expect(t.reservationBps).toBe(0);
  });

  it('long 3 orders (6 units): the bid steps back 3 ticks of 0.5, the ask stays; the centre moves down', () => {
    const t = at(6);
    expect(t.bid!.px).toBe(98.5);
    expect(t.ask!.px).toBe(101);
    // centre (98.5 + 101) / 2 = 99.75 against fair 100.5: -0.75 / 100.5 * 1e4 = -74.626866 bps
    expect(t.reservationBps).toBeCloseTo(-74.626866, 5);
  });

  it('at the position limit: no order on the side that would add to it', () => {
    expect(at(10).bid).toBeNull();
    expect(at(10).ask).not.toBeNull();
    expect(at(-10).ask).toBeNull();
  });

  it('moves a live order once its target is a tick away, and hears 1 s markouts', () => {
    expect(q.needsReplace(100, 100.25)).toBe(false);
    expect(q.needsReplace(100, 100.5)).toBe(true);
    q.onMarkout('bid', 5, 1);
    q.onMarkout('ask', 1, -2);
    expect(q.markouts1s).toEqual([-2]);
  });
});
