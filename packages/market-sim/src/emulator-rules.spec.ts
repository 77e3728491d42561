import { describe, expect, it } from 'vitest';
import { ExchangeEmulator, type ExecutionReport, type FillReport } from './exchange-emulator.js';
import { noPartialFill } from './internal/exchange-no-partial-fill.js';
import type { ExchangeModel } from './internal/exchange-model.js';
import { bpsFeeModel } from './fee-model.js';
import type { QuoteEvent, TradeEvent } from './market-event.js';
import { constantLatency } from './latency-constant.js';
import { queueModel } from './queue-models.js';

const quote = (ts: number, bidPx: number, askPx: number, bidQty: number, askQty: number): QuoteEvent => ({ kind: 'quote', ts, localTs: ts, bidPx, bidQty, askPx, askQty });
const trade = (ts: number, px: number, qty: number, side: 1 | -1): TradeEvent => ({ kind: 'trade', ts, localTs: ts, px, qty, side });
const fills = (r: ExecutionReport[]) => r.filter((x): x is FillReport => x.type === 'fill');

/** Zero latency, lot 1: an order placed at 0 rests from 0. */
function resting(side: 1 | -1, px: number, qty: number, book: QuoteEvent, o: { queue?: string; exchange?: ExchangeModel } = {}) {
  const ex = new ExchangeEmulator({
    latency: constantLatency(0),
    fees: bpsFeeModel({ tier: 'VIP0', maker_bps: 2, taker_bps: 5 }),
    queue: queueModel(o.queue),
    exchange: o.exchange,
    lotSize: 1,
  });
  const out: ExecutionReport[] = [];
  ex.onEvent(book, out);
  const { orderId } = ex.submit({ kind: 'place', side, px, qty }, 0);
  ex.advanceTo(0, out);
  out.length = 0;
  return { ex, out, orderId };
}

describe('fill rules (RiskAverse, partial-fill)', () => {
  it('a queue ahead that shrinks by cancels: a trade fills us only past what is left', () => {
    const { ex, out, orderId } = resting(1, 100, 3, quote(0, 100, 101, 5, 1));
    expect(ex.order(orderId)!.queue.ahead).toBe(5);
    ex.onEvent(quote(1, 100, 101, 2, 1), out); // 3 cancelled
    ex.onEvent(quote(2, 100, 101, 9, 1), out); // 7 joined behind us
    expect(ex.order(orderId)!.queue.ahead).toBe(2);
    ex.onEvent(trade(3, 100, 4, -1), out); // 2 ahead, then 2 of ours
    expect(fills(out)).toEqual([
      { type: 'fill', ts: 3, orderId, side: 1, px: 100, qty: 2, remaining: 1, feePnl: -(2 / 1e4) * 200, liquidity: 'maker', via: 'queue' },
    ]);
  });

  it('a trade at a level we cannot see (behind the touch) never fills us; a trade through it does', () => {
    const { ex, out, orderId } = resting(1, 99, 2, quote(0, 100, 101, 5, 1));
    ex.onEvent(trade(1, 99, 10, -1), out); // the book still shows 100 as the best bid
    expect(fills(out)).toEqual([]);
    expect(ex.order(orderId)!.queue.ahead).toBeNaN();
    ex.onEvent(trade(2, 98, 1, -1), out); // printed below our price: we were in front of it
    expect(fills(out)).toMatchObject([{ qty: 1, remaining: 1, via: 'trade_through' }]);
  });

  it('a level that fell behind the touch keeps its queue but trades there do not fill us until it is visible again', () => {
    const { ex, out, orderId } = resting(1, 100, 2, quote(0, 100, 101, 5, 1));
    ex.onEvent(quote(1, 100.5, 101, 1, 1), out); // someone bids better: our level is behind the touch
    ex.onEvent(trade(2, 100, 10, -1), out);
    expect(fills(out)).toEqual([]);
    expect(ex.order(orderId)!.queue.ahead).toBe(5);
    ex.onEvent(quote(3, 100, 101, 3, 1), out); // the touch again, showing 3: at most 3 ahead
    expect(ex.order(orderId)!.queue.ahead).toBe(3);
  });

  it('a crossing lot fills us once; only new displayed size fills again; a new cross after it left is a new lot', () => {
    const { ex, out } = resting(1, 100, 10, quote(0, 99, 101, 1, 1));
    ex.onEvent(quote(1, 99, 100, 1, 2), out); // the ask comes down to our bid with 2
    ex.onEvent(quote(2, 99, 100, 1, 2), out); // the same 2 (replay has no impact): nothing more
    ex.onEvent(quote(3, 99, 100, 1, 1), out); // 1 of them went
    ex.onEvent(quote(4, 99, 100, 1, 3), out); // 2 new on top of the 1 we took
    ex.onEvent(quote(5, 99, 101, 1, 1), out); // the ask leaves
    ex.onEvent(quote(6, 99, 100, 1, 2), out); // and comes back: new lots
    expect(fills(out).map((f) => [f.ts, f.qty, f.via])).toEqual([
      [1, 2, 'cross'],
      [4, 2, 'cross'],
      [6, 2, 'cross'],
    ]);
    expect(fills(out).at(-1)!.remaining).toBe(4);
  });

  it('a trade shown in the book before its print is counted once', () => {
    const { ex, out, orderId } = resting(-1, 101, 1, quote(0, 100, 101, 1, 10));
    ex.onEvent(quote(5, 100, 101, 1, 7), out); // the book at 5 already shows a buy of 3
    ex.onEvent(trade(5, 101, 3, 1), out); // its print
    expect(ex.order(orderId)!.queue.ahead).toBe(7);
    ex.onEvent(trade(6, 101, 7, 1), out); // 7 ahead: nothing reaches us yet
    expect(fills(out)).toEqual([]);
    ex.onEvent(trade(7, 101, 1, 1), out);
    expect(fills(out)).toMatchObject([{ qty: 1, remaining: 0, via: 'queue', liquidity: 'maker' }]);
  });

  it('a post-only order that would cross is rejected (Binance expires a GTX order that would take)', () => {
    const { ex, out } = resting(1, 99, 1, quote(0, 99, 100, 1, 1));
    ex.submit({ kind: 'place', side: -1, px: 99, qty: 1 }, 1);
    ex.advanceTo(1, out);
    expect(out).toEqual([expect.objectContaining({ type: 'reject', reason: 'post_only', kind: 'place' })]);
  });

  it("a replace to a price that would cross is rejected and cancels the order (Binance's modify of a GTX order)", () => {
    const { ex, out, orderId } = resting(1, 99, 1, quote(0, 99, 100, 1, 1));
    ex.submit({ kind: 'replace', orderId, px: 100, qty: 1 }, 1);
    ex.advanceTo(1, out);
    expect(out).toEqual([expect.objectContaining({ type: 'reject', reason: 'post_only', kind: 'replace', orderId })]);
    expect(ex.order(orderId)).toBeUndefined();
    // Gone: a sell through its old price fills nothing, and a cancel of it is too late.
    ex.onEvent(trade(2, 98, 5, -1), out);
    expect(fills(out)).toEqual([]);
    ex.submit({ kind: 'cancel', orderId }, 3);
    ex.advanceTo(3, out);
    expect(out[1]).toMatchObject({ type: 'reject', reason: 'too_late', kind: 'cancel' });
  });
});

describe('no-partial-fill (hftbacktest NoPartialFillExchange)', () => {
  it('a trade reaching a lot past the queue fills the whole order; so do a cross and a trade through', () => {
    const a = resting(1, 100, 5, quote(0, 100, 101, 2, 1), { exchange: noPartialFill });
    a.ex.onEvent(trade(1, 100, 2.5, -1), a.out); // 0.5 past the queue: less than a lot
    expect(fills(a.out)).toEqual([]);
    a.ex.onEvent(trade(2, 100, 1, -1), a.out);
    expect(fills(a.out)).toMatchObject([{ qty: 5, remaining: 0, via: 'queue' }]);
    const b = resting(1, 100, 5, quote(0, 99, 101, 1, 1), { exchange: noPartialFill });
    b.ex.onEvent(quote(1, 99, 100, 1, 1), b.out);
    expect(fills(b.out)).toMatchObject([{ qty: 5, via: 'cross' }]);
    const c = resting(1, 100, 5, quote(0, 99, 101, 1, 1), { exchange: noPartialFill });
    c.ex.onEvent(trade(1, 99, 1, -1), c.out);
    expect(fills(c.out)).toMatchObject([{ qty: 5, via: 'trade_through' }]);
  });
});

describe('probabilistic queue in the emulator', () => {
  it('a queue fill carries the probability the model last used', () => {
    const { ex, out } = resting(1, 100, 1, quote(0, 100, 101, 3, 1), { queue: 'log' });
    ex.onEvent(quote(1, 100, 101, 4, 1), out); // 1 behind
    ex.onEvent(quote(2, 100, 101, 3, 1), out); // 1 cancelled: p = 1/3, ahead 7/3
    ex.onEvent(trade(3, 100, 3, -1), out); // 2/3 past the queue: less than a lot
    expect(fills(out)).toEqual([]);
    ex.onEvent(trade(4, 100, 1, -1), out); // the queue is gone: 1 lot reaches us
    const f = fills(out);
    expect(f).toMatchObject([{ qty: 1, remaining: 0, via: 'queue' }]);
    expect(f[0]!.prob).toBeCloseTo(1 / 3, 12);
  });
});
