/**
 * The emulator's order bookkeeping by hand: request and order ids, requests that overtake each other in flight,
 * a replace of an order that is gone, asks seeing depth, a buy sweeping our asks cheapest first, and the default
 * price grid of the L2 book.
 */
import { describe, expect, it } from 'vitest';
import { ExchangeEmulator, type ExecutionReport, type FillReport } from './exchange-emulator.js';
import { constantLatency } from './latency-constant.js';
import { queueModel } from './queue-models.js';
import type { LatencyModel } from './latency-model.js';
import type { DepthEvent, QuoteEvent, TradeEvent } from './market-event.js';

const quote = (ts: number, bidPx: number, bidQty: number, askPx: number, askQty: number): QuoteEvent => ({ kind: 'quote', ts, localTs: ts, bidPx, bidQty, askPx, askQty });
const trade = (ts: number, px: number, qty: number, side: 1 | -1): TradeEvent => ({ kind: 'trade', ts, localTs: ts, px, qty, side });
const depth = (ts: number, bids: Array<[number, number]>, asks: Array<[number, number]>, snapshot = false): DepthEvent => ({ kind: 'depth', ts, localTs: ts, bids, asks, snapshot });
const fills = (r: ExecutionReport[]) => r.filter((x): x is FillReport => x.type === 'fill');

/** A latency that takes the given µs in turn (a slow request can be overtaken by a later, faster one). */
function latencies(...us: number[]): LatencyModel {
  let i = 0;
  return { name: 'scripted', fromData: false, next: () => us[i++]! };
}

describe('ExchangeEmulator order bookkeeping', () => {
  it('request ids count every request; order ids only places; a cancel or replace names the order it concerns', () => {
    const ex = new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1, tickSize: 0.1 });
    expect(ex.submit({ kind: 'place', side: 1, px: 99, qty: 1 }, 0)).toEqual({ requestId: 1, orderId: 1, arrival: 0 });
    expect(ex.submit({ kind: 'place', side: -1, px: 101, qty: 1 }, 0)).toEqual({ requestId: 2, orderId: 2, arrival: 0 });
    expect(ex.submit({ kind: 'cancel', orderId: 1 }, 0)).toEqual({ requestId: 3, orderId: 1, arrival: 0 });
    expect(ex.submit({ kind: 'replace', orderId: 2, px: 102, qty: 1 }, 0)).toEqual({ requestId: 4, orderId: 2, arrival: 0 });
    expect(ex.submit({ kind: 'place', side: 1, px: 98, qty: 1 }, 0)).toEqual({ requestId: 5, orderId: 3, arrival: 0 });
  });

  it('requests act in arrival order: a later request with a shorter entry leg overtakes; ties keep send order', () => {
    // Sent at 0 taking 10 ms (arrives 10,000), at 1,000 taking 2 ms (3,000), at 2,000 taking 8 ms (10,000: a tie).
    const ex = new ExchangeEmulator({ latency: latencies(10_000, 2_000, 8_000), lotSize: 1, tickSize: 0.1 });
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 1, 101, 1), out);
    expect(ex.pendingRequests).toBe(0);
    expect(ex.nextArrival).toBe(Infinity);
    ex.submit({ kind: 'place', side: 1, px: 99, qty: 1 }, 0);
    ex.submit({ kind: 'place', side: 1, px: 98, qty: 1 }, 1_000);
    ex.submit({ kind: 'place', side: 1, px: 97, qty: 1 }, 2_000);
    expect(ex.pendingRequests).toBe(3);
    expect(ex.nextArrival).toBe(3_000);
    ex.advanceTo(3_000, out);
    expect(ex.pendingRequests).toBe(2);
    expect(ex.nextArrival).toBe(10_000);
    ex.advanceTo(10_000, out);
    expect(out.map((r) => (r.type === 'ack' ? [r.requestId, r.ts, r.latencyUs] : r.type))).toEqual([
      [2, 3_000, 2_000],
      [1, 10_000, 10_000],
      [3, 10_000, 8_000],
    ]);
  });

  it('a replace of an order that has gone (filled or cancelled) is rejected as too late and places nothing', () => {
    const ex = new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1, tickSize: 0.1 });
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 1, 101, 1), out);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 99, qty: 1 }, 0);
    ex.submit({ kind: 'cancel', orderId }, 0);
    ex.submit({ kind: 'replace', orderId, px: 98, qty: 1 }, 0);
    ex.advanceTo(0, out);
    expect(out.map((r) => r.type)).toEqual(['ack', 'ack', 'reject']);
    expect(out[2]).toMatchObject({ kind: 'replace', orderId, reason: 'too_late' });
    expect(ex.restingOrders).toHaveLength(0);
  });

  it('an ask behind the touch sees its level through depth: 4 ahead, then 1 after cancels; a buy at it fills past that', () => {
    const ex = new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1, tickSize: 0.1 });
    const out: ExecutionReport[] = [];
    ex.onEvent(depth(0, [[100, 5]], [[100.1, 2], [100.2, 4]], true), out);
    ex.onEvent(quote(0, 100, 5, 100.1, 2), out);
    const { orderId } = ex.submit({ kind: 'place', side: -1, px: 100.2, qty: 3 }, 0);
    ex.advanceTo(0, out);
    expect(ex.order(orderId)?.queue.ahead).toBe(4);
    ex.onEvent(depth(10, [], [[100.2, 1]]), out);
    expect(ex.order(orderId)?.queue.ahead).toBe(1);
    // A buy of 3 at our price: 1 goes to the queue ahead, 2 to us.
    ex.onEvent(trade(20, 100.2, 3, 1), out);
    expect(fills(out)).toEqual([expect.objectContaining({ side: -1, px: 100.2, qty: 2, remaining: 1, via: 'queue' })]);
  });

  it('a crossed ask does not look at depth: its queue stays as it was while the bid is at or above it', () => {
    const ex = new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1, tickSize: 0.1 });
    const out: ExecutionReport[] = [];
    ex.onEvent(depth(0, [[100, 5]], [[100.1, 2], [100.2, 4]], true), out);
    ex.onEvent(quote(0, 100, 5, 100.1, 2), out);
    const { orderId } = ex.submit({ kind: 'place', side: -1, px: 100.2, qty: 10 }, 0);
    ex.advanceTo(0, out);
    ex.onEvent(quote(10, 100.2, 1, 100.3, 5), out); // the bid (1 shown) reaches our ask: a cross fills 1
    expect(fills(out)).toEqual([expect.objectContaining({ qty: 1, via: 'cross' })]);
    ex.onEvent(depth(20, [], [[100.2, 0]]), out);
    expect(ex.order(orderId)?.queue.ahead).toBe(4);
  });

  it('a crossed bid does not look at depth either: its queue stays while the ask is at or below it', () => {
    const ex = new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1, tickSize: 0.1 });
    const out: ExecutionReport[] = [];
    ex.onEvent(depth(0, [[100, 5], [99.9, 4]], [[100.1, 2]], true), out);
    ex.onEvent(quote(0, 100, 5, 100.1, 2), out);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 99.9, qty: 10 }, 0);
    ex.advanceTo(0, out);
    expect(ex.order(orderId)?.queue.ahead).toBe(4);
    ex.onEvent(quote(10, 99.8, 1, 99.9, 1), out); // the ask comes down to our bid: a cross fills 1
    expect(fills(out)).toEqual([expect.objectContaining({ qty: 1, via: 'cross' })]);
    ex.onEvent(depth(20, [[99.9, 0]], []), out);
    expect(ex.order(orderId)?.queue.ahead).toBe(4);
  });

  it('an ask better than the touch joins with nothing ahead; so does any order before the first quote', () => {
    const ex = new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1, tickSize: 0.1 });
    const out: ExecutionReport[] = [];
    const early = ex.submit({ kind: 'place', side: 1, px: 99, qty: 1 }, 0).orderId;
    ex.advanceTo(0, out);
    expect(ex.order(early)).toMatchObject({ visible: true, queue: { ahead: 0 } });
    ex.onEvent(quote(10, 100, 5, 100.5, 7), out);
    const { orderId } = ex.submit({ kind: 'place', side: -1, px: 100.3, qty: 1 }, 10);
    ex.advanceTo(10, out);
    expect(ex.order(orderId)).toMatchObject({ visible: true, queue: { ahead: 0 } });
  });

  it('depth after a quote does not overrule the quote at the touch: a level left behind keeps the quote size', () => {
    const ex = new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1, tickSize: 0.1 });
    const out: ExecutionReport[] = [];
    ex.onEvent(depth(0, [[100, 3], [99.9, 6]], [[100.3, 2]], true), out);
    ex.onEvent(quote(0, 100, 3, 100.3, 2), out);
    ex.onEvent(depth(10, [[100, 7]], []), out); // the lagging depth stream says 7 at the touch; the quote's 3 is fresher
    ex.onEvent(quote(20, 100.1, 1, 100.3, 2), out); // the bid moves up: 100 is now behind the touch
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 100, qty: 1 }, 20);
    ex.advanceTo(20, out);
    expect(ex.order(orderId)?.queue.ahead).toBe(3);
  });

  it('a buy trade sweeps our asks cheapest first, each filled from what is left of it', () => {
    const ex = new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1, tickSize: 0.1 });
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 1, 100.1, 1), out);
    ex.submit({ kind: 'place', side: -1, px: 100.5, qty: 2 }, 0);
    ex.submit({ kind: 'place', side: -1, px: 100.3, qty: 2 }, 0);
    ex.submit({ kind: 'place', side: 1, px: 99.5, qty: 2 }, 0); // a bid: a buy never fills it
    ex.advanceTo(0, out);
    ex.onEvent(trade(10, 100.6, 3, 1), out); // through both: 2 at 100.3, then the 1 left at 100.5
    expect(fills(out).map((f) => [f.px, f.qty])).toEqual([
      [100.3, 2],
      [100.5, 1],
    ]);
    expect(ex.restingOrders.map((o) => [o.px, o.qty])).toEqual([
      [100.5, 1],
      [99.5, 2],
    ]);
  });

  it('a sell trade sweeps our bids dearest first', () => {
    const ex = new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1, tickSize: 0.1 });
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 1, 100.1, 1), out);
    ex.submit({ kind: 'place', side: 1, px: 99.5, qty: 2 }, 0);
    ex.submit({ kind: 'place', side: 1, px: 99.7, qty: 2 }, 0);
    ex.advanceTo(0, out);
    ex.onEvent(trade(10, 99.4, 3, -1), out); // through both: 2 at 99.7, then the 1 left at 99.5
    expect(fills(out).map((f) => [f.px, f.qty])).toEqual([
      [99.7, 2],
      [99.5, 1],
    ]);
  });

  it('two of our bids at one price: the part of a trade past the queue goes to the first, what is left to the second', () => {
    // Both join behind the 1 shown. A sell of 3 at 100: 2 reach past the queue, the first takes 1; the second sees
    // the 2 left of the trade, 1 of them past its queue of 1: it fills 1 of its 2.
    const ex = new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1, tickSize: 0.1 });
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 1, 100.1, 1), out);
    ex.submit({ kind: 'place', side: 1, px: 100, qty: 1 }, 0);
    ex.submit({ kind: 'place', side: 1, px: 100, qty: 2 }, 0);
    ex.advanceTo(0, out);
    ex.onEvent(trade(10, 100, 3, -1), out);
    expect(fills(out).map((f) => [f.orderId, f.qty, f.remaining, f.via])).toEqual([
      [1, 1, 0, 'queue'],
      [2, 1, 1, 'queue'],
    ]);
  });

  it('without a tick size the L2 book keys levels by 1e-8: each level keeps its own size', () => {
    const ex = new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1 });
    const out: ExecutionReport[] = [];
    ex.onEvent(depth(0, [[100, 3], [99.9, 5], [99.8, 9]], [[100.1, 2]], true), out);
    ex.onEvent(quote(0, 100, 3, 100.1, 2), out);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 99.8, qty: 1 }, 0);
    ex.advanceTo(0, out);
    expect(ex.order(orderId)?.queue.ahead).toBe(9);
  });
});

describe('ExchangeEmulator fees and exchange models', () => {
  it('makerFeeBps and takerFeeBps make the fee model (a fee is negative PnL, a rebate positive); unset they are 0', () => {
    const ex = new ExchangeEmulator({ latency: constantLatency(0), makerFeeBps: -1, takerFeeBps: 5 });
    // 10,000 of notional: a 5 bps taker fee is -5, a -1 bps maker fee a +1 rebate.
    expect([ex.fees.makerBps, ex.fees.takerBps]).toEqual([-1, 5]);
    expect(ex.fees.feePnl('taker', 10_000)).toBeCloseTo(-5, 12);
    expect(ex.fees.feePnl('maker', 10_000)).toBeCloseTo(1, 12);
    const free = new ExchangeEmulator({ latency: constantLatency(0) });
    expect([free.fees.makerBps, free.fees.takerBps]).toEqual([0, 0]);
  });

  it('an exchange model that grants less than a lot fills nothing: no fill report of size 0', () => {
    // A trade printing through our bid offers 2 lots; the model grants 0.4 of a lot, which is no whole lot.
    const ex = new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1, tickSize: 0.1, exchange: { name: 'stingy', fillQty: () => 0.4 } });
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 1, 101, 1), out);
    ex.submit({ kind: 'place', side: 1, px: 99, qty: 2 }, 0);
    ex.advanceTo(0, out);
    ex.onEvent(trade(1, 98.5, 2, -1), out);
    expect(fills(out)).toEqual([]);
    expect(ex.restingOrders.map((o) => o.qty)).toEqual([2]);
  });
});

describe('the probability on fills (probabilistic queues)', () => {
  const log = () => new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1, tickSize: 0.1, queue: queueModel('log') });

  it('only a queue fill carries it, and only once a cancel was split; never under RiskAverse', () => {
    // RiskAverse: a queue fill has no prob at all.
    const ra = new ExchangeEmulator({ latency: constantLatency(0), lotSize: 1, tickSize: 0.1 });
    const out: ExecutionReport[] = [];
    ra.onEvent(quote(0, 100, 1, 100.1, 1), out);
    ra.submit({ kind: 'place', side: 1, px: 100, qty: 1 }, 0);
    ra.advanceTo(0, out);
    ra.onEvent(trade(1, 100, 2, -1), out);
    expect(fills(out)).toHaveLength(1);
    expect('prob' in fills(out)[0]!).toBe(false);
    // log, no cancel yet: a queue fill without prob.
    const a = log();
    const outA: ExecutionReport[] = [];
    a.onEvent(quote(0, 100, 1, 100.1, 1), outA);
    a.submit({ kind: 'place', side: 1, px: 100, qty: 1 }, 0);
    a.advanceTo(0, outA);
    a.onEvent(trade(1, 100, 2, -1), outA);
    expect(fills(outA)).toHaveLength(1);
    expect('prob' in fills(outA)[0]!).toBe(false);
    // log after a split cancel, filled by a cross: no prob either (it is not a queue fill).
    const b = log();
    const outB: ExecutionReport[] = [];
    b.onEvent(quote(0, 100, 3, 100.1, 1), outB);
    b.submit({ kind: 'place', side: 1, px: 100, qty: 1 }, 0);
    b.advanceTo(0, outB);
    b.onEvent(quote(1, 100, 4, 100.1, 1), outB); // 1 joins behind
    b.onEvent(quote(2, 100, 3, 100.1, 1), outB); // 1 cancelled: p = ln 2 / (ln 2 + ln 4) = 1/3
    expect(b.restingOrders[0]!.queue.prob).toBeCloseTo(1 / 3, 12);
    b.onEvent(quote(3, 99.9, 1, 100, 1), outB);
    expect(fills(outB)).toHaveLength(1);
    expect(fills(outB)[0]).toMatchObject({ via: 'cross', qty: 1 });
    expect('prob' in fills(outB)[0]!).toBe(false);
  });

  it('a quote that repeats the size is no change: trades since the last change still explain the next fall', () => {
    const ex = log();
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 5, 100.1, 1), out);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 100, qty: 1 }, 0);
    ex.advanceTo(0, out);
    ex.onEvent(trade(1, 100, 2, -1), out); // 2 of the 5 ahead trade: 3 ahead
    ex.onEvent(quote(2, 100, 5, 100.1, 1), out); // the book has not caught up yet
    ex.onEvent(quote(3, 100, 3, 100.1, 1), out); // the fall of 2 is the trade, not cancels
    expect(ex.order(orderId)?.queue.ahead).toBe(3);
  });

  it('a level that left view and came back splits the fall from the size last seen', () => {
    // log: joins with 3 ahead, 2 join behind (5 shown); out of view (the bid moves up, L1 only); back showing 4:
    // a cancel of 1 with front 3 and back 2, p = ln 3 / (ln 3 + ln 4), the queue ahead 3 - (1 - p) = 2 + p.
    const ex = log();
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 3, 100.2, 1), out);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 100, qty: 1 }, 0);
    ex.advanceTo(0, out);
    ex.onEvent(quote(1, 100, 5, 100.2, 1), out);
    ex.onEvent(quote(2, 100.1, 1, 100.2, 1), out);
    expect(ex.order(orderId)?.visible).toBe(false);
    ex.onEvent(quote(3, 100, 4, 100.2, 1), out);
    const p = Math.log(3) / (Math.log(3) + Math.log(4));
    expect(ex.order(orderId)?.queue.ahead).toBeCloseTo(2 + p, 12);
    expect(ex.order(orderId)?.queue.prob).toBeCloseTo(p, 12);
  });
});
