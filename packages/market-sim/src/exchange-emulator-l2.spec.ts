/**
 * The queue behind the touch with an L2 book (SPEC 6a), by hand: the queue ahead is the level's size when the
 * order first sees it, it only shrinks (cancels shown by depth, trades at our price), and a level the book does
 * not know is as on L1 (a trade there never fills us). The same market without depth keeps the L1 rules.
 */
import { describe, expect, it } from 'vitest';
import { ExchangeEmulator, type ExecutionReport, type FillReport } from './exchange-emulator.js';
import { latencyModel } from './latency-models.js';
import type { DepthEvent, MarketEvent, QuoteEvent, TradeEvent } from './market-event.js';

const quote = (ts: number, bidPx: number, bidQty: number, askPx: number, askQty: number): QuoteEvent => ({ kind: 'quote', ts, localTs: ts, bidPx, bidQty, askPx, askQty });
const trade = (ts: number, px: number, qty: number, side: 1 | -1): TradeEvent => ({ kind: 'trade', ts, localTs: ts, px, qty, side });
const depth = (ts: number, bids: Array<[number, number]>, asks: Array<[number, number]> = [], snapshot = false): DepthEvent => ({ kind: 'depth', ts, localTs: ts, bids, asks, snapshot });
const fills = (r: ExecutionReport[]) => r.filter((x): x is FillReport => x.type === 'fill');

function emulator() {
  return new ExchangeEmulator({ latency: latencyModel({ model: 'constant', ms: 0 }, 1), tickSize: 0.1, lotSize: 0.001 });
}

/** Plays `events`, placing a bid of 1 at 99.9 after the first `placeAfter` events; returns the emulator, its reports and the order id. */
function play(events: MarketEvent[], placeAfter: number) {
  const ex = emulator();
  const out: ExecutionReport[] = [];
  let orderId = -1;
  events.forEach((e, i) => {
    if (i === placeAfter) {
      orderId = ex.submit({ kind: 'place', side: 1, px: 99.9, qty: 1 }, e.ts).orderId;
      ex.advanceTo(e.ts, out);
    }
    ex.onEvent(e, out);
  });
  return { ex, out, orderId };
}

describe('queue behind the touch', () => {
  // The touch is 100 x 100.1; our bid rests one tick behind it, at 99.9, where the book shows 5.
  const opening: MarketEvent[] = [depth(0, [[100, 3], [99.9, 5], [99.8, 9]], [[100.1, 2]], true), quote(0, 100, 3, 100.1, 2)];

  it('with L2: 5 ahead on joining, 3 after cancels, 3 still after others join behind; at the touch a 3.5 sell fills 0.5', () => {
    const { ex, out, orderId } = play(
      [
        ...opening,
        depth(10, [[99.9, 3]]), // 2 cancelled (ahead of us, as far as RiskAverse must assume)
        depth(20, [[99.9, 4]]), // 1 joined: behind us
        trade(30, 100, 3, -1), // the 100 level is taken: not at or through our price
        quote(30, 99.9, 4, 100.1, 2), // our level is the touch, showing 4
        trade(40, 99.9, 3.5, -1),
      ],
      2,
    );
    expect(ex.order(orderId)!.qty).toBe(0.5);
    expect(fills(out)).toEqual([expect.objectContaining({ orderId, px: 99.9, qty: 0.5, remaining: 0.5, via: 'queue' })]);
  });

  it('the queue ahead moves as worked by hand at each step', () => {
    const ex = emulator();
    const out: ExecutionReport[] = [];
    for (const e of opening) ex.onEvent(e, out);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 99.9, qty: 1 }, 0);
    ex.advanceTo(0, out);
    const ahead = () => ex.order(orderId)!.queue.ahead;
    expect(ex.order(orderId)!.visible).toBe(true);
    expect(ahead()).toBe(5);
    ex.onEvent(depth(10, [[99.9, 3]]), out);
    expect(ahead()).toBe(3);
    ex.onEvent(depth(20, [[99.9, 4]]), out);
    expect(ahead()).toBe(3);
    ex.onEvent(trade(30, 100, 3, -1), out);
    ex.onEvent(quote(30, 99.9, 4, 100.1, 2), out);
    expect(ahead()).toBe(3);
    ex.onEvent(trade(40, 99.9, 2, -1), out);
    expect(ahead()).toBe(1);
    expect(fills(out)).toEqual([]);
    ex.onEvent(trade(41, 99.9, 1.6, -1), out);
    expect(fills(out)).toEqual([expect.objectContaining({ qty: 0.6, remaining: 0.4, via: 'queue' })]);
  });

  it('the same market on L1 only: the queue is set when the level becomes the touch (4), and the 3.5 sell does not reach us', () => {
    const l1 = [quote(0, 100, 3, 100.1, 2), trade(30, 100, 3, -1), quote(30, 99.9, 4, 100.1, 2), trade(40, 99.9, 3.5, -1)];
    const { ex, out, orderId } = play(l1, 1);
    expect(fills(out)).toEqual([]);
    expect(ex.order(orderId)!.queue.ahead).toBe(0.5);
  });

  it('a trade at our level behind the touch fills us with L2 (the level is seen) past its queue, never on L1', () => {
    const withL2 = play([...opening, trade(10, 99.9, 6, -1)], 2);
    expect(fills(withL2.out)).toEqual([expect.objectContaining({ qty: 1, remaining: 0, via: 'queue' })]);
    const onL1 = play([quote(0, 100, 3, 100.1, 2), trade(10, 99.9, 6, -1)], 1);
    expect(fills(onL1.out)).toEqual([]);
  });

  it('a level the book does not know (beyond the snapshot, or after a gap) is as on L1: not visible, no fill', () => {
    // The snapshot reaches down to 100 only: 99.9 is beyond it.
    const beyond = play([depth(0, [[100, 3]], [[100.1, 2]], true), quote(0, 100, 3, 100.1, 2), trade(10, 99.9, 6, -1)], 2);
    expect(beyond.ex.order(beyond.orderId)!.visible).toBe(false);
    expect(fills(beyond.out)).toEqual([]);
    const gapped = play([...opening, { ...depth(5, [[99.8, 1]]), gap: true }, trade(10, 99.9, 6, -1)], 2);
    expect(gapped.ex.order(gapped.orderId)!.visible).toBe(false);
    expect(fills(gapped.out)).toEqual([]);
    // It kept the queue it had (5, never raised); when the level is set again it shrinks from there.
    expect(gapped.ex.order(gapped.orderId)!.queue.ahead).toBe(5);
  });

  it('a fall of the level shown by depth before the trade that caused it is not taken twice', () => {
    const ex = emulator();
    const out: ExecutionReport[] = [];
    for (const e of opening) ex.onEvent(e, out);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 99.9, qty: 1 }, 0);
    ex.advanceTo(0, out);
    ex.onEvent(depth(10, [[99.9, 2]]), out); // 5 -> 2: the diff already shows a 3 traded at 10
    ex.onEvent(trade(10, 99.9, 3, -1), out); // ...which prints after it: 2 still ahead, nothing reaches us
    expect(ex.order(orderId)!.queue.ahead).toBe(2);
    expect(fills(out)).toEqual([]);
    ex.onEvent(trade(11, 99.9, 2.5, -1), out);
    expect(fills(out)).toEqual([expect.objectContaining({ qty: 0.5, via: 'queue' })]);
  });

  it('stale depth better than the quote does not make our level look better than it is', () => {
    // Depth still shows a bid at 100 the quote has dropped; our 99.9 is the quote's touch.
    const ex = emulator();
    const out: ExecutionReport[] = [];
    ex.onEvent(depth(0, [[100, 3], [99.9, 5]], [[100.1, 2]], true), out);
    ex.onEvent(quote(1, 99.9, 6, 100.1, 2), out);
    expect(ex.book!.qty(1, 100)).toBe(0);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 99.9, qty: 1 }, 1);
    ex.advanceTo(1, out);
    expect(ex.order(orderId)!.queue.ahead).toBe(6); // the quote's size at the touch, not depth's 5
  });
});
