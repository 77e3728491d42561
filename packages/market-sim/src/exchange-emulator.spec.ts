import { describe, expect, it } from 'vitest';
import { ExchangeEmulator, type ExecutionReport, type FillReport } from './exchange-emulator.js';
import { latencyModel } from './latency-models.js';
import type { QuoteEvent, TradeEvent } from './market-event.js';

const quote = (ts: number, bidPx: number, askPx: number, bidQty = 1, askQty = 1): QuoteEvent => ({ kind: 'quote', ts, localTs: ts, bidPx, bidQty, askPx, askQty });
const trade = (ts: number, px: number, qty: number, side: 1 | -1): TradeEvent => ({ kind: 'trade', ts, localTs: ts, px, qty, side });
const fills = (r: ExecutionReport[]) => r.filter((x): x is FillReport => x.type === 'fill');

function emulator(latencyMs = 10, makerFeeBps = -0.5) {
  return new ExchangeEmulator({ latency: latencyModel({ model: 'constant', ms: latencyMs }, 1), makerFeeBps, takerFeeBps: 5 });
}

describe('ExchangeEmulator', () => {
  it('latency delays the ack: the order rests only from arrival', () => {
    const ex = emulator(10);
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 100.1), out);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 99.9, qty: 1 }, 1_000);
    ex.onEvent(quote(5_000, 99.8, 99.9), out); // ask touches our price before the order arrives: no fill
    ex.onEvent(quote(8_000, 100, 100.1), out);
    expect(out).toEqual([]);
    ex.onEvent(quote(11_000, 100, 100.1), out);
    expect(out).toEqual([{ type: 'ack', ts: 11_000, requestId: 1, orderId, kind: 'place', latencyUs: 10_000, sentAt: 1_000 }]);
    expect(ex.order(orderId)?.px).toBe(99.9);
  });

  it('a bid fills when the ask comes down to it, at the bid price, with the rebate as positive PnL', () => {
    const ex = emulator(0);
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 100.1), out);
    ex.submit({ kind: 'place', side: 1, px: 99.9, qty: 2 }, 0);
    ex.onEvent(quote(1, 99.8, 99.9, 1, 5), out);
    const f = fills(out);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ side: 1, px: 99.9, qty: 2, remaining: 0, via: 'cross' });
    expect(f[0]!.feePnl).toBeCloseTo((0.5 / 1e4) * 99.9 * 2, 12);
  });

  it('a maker fee (not a rebate) is a cost', () => {
    const ex = emulator(0, 2);
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 100.1), out);
    ex.submit({ kind: 'place', side: -1, px: 100.2, qty: 1 }, 0);
    ex.onEvent(trade(1, 100.3, 1, 1), out);
    expect(fills(out)[0]!.feePnl).toBeCloseTo(-(2 / 1e4) * 100.2, 12);
  });

  it('at-price trades fill only after the queue ahead (displayed size when joining) is consumed', () => {
    const ex = emulator(0);
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 100.1, 3, 1), out);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 100, qty: 1 }, 0);
    ex.onEvent(trade(1, 100, 2, -1), out);
    expect(fills(out)).toHaveLength(0);
    expect(ex.order(orderId)?.queue.ahead).toBe(1);
    ex.onEvent(trade(2, 100, 1.5, -1), out);
    const f = fills(out);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ qty: 0.5, remaining: 0.5, via: 'queue' });
  });

  it('improving the best joins with no queue ahead; a trade through the price fills by its size', () => {
    const ex = emulator(0);
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 100.5, 3, 1), out);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 100.2, qty: 1 }, 0);
    ex.advanceTo(0, out);
    expect(ex.order(orderId)?.queue.ahead).toBe(0);
    ex.onEvent(trade(1, 100.1, 0.4, -1), out);
    expect(fills(out)[0]).toMatchObject({ qty: 0.4, via: 'trade_through' });
    expect(fills(out)[0]!.remaining).toBeCloseTo(0.6, 12);
  });

  it('a post-only order that would cross is rejected', () => {
    const ex = emulator(0);
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 100.1), out);
    ex.submit({ kind: 'place', side: 1, px: 100.1, qty: 1 }, 0);
    ex.advanceTo(0, out);
    expect(out).toEqual([expect.objectContaining({ type: 'reject', reason: 'post_only' })]);
    expect(ex.restingOrders).toHaveLength(0);
  });

  it('a cancel racing a fill: the fill stands and the cancel is rejected as too late', () => {
    const ex = emulator(10);
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 100.1), out);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 99.9, qty: 1 }, 0);
    ex.advanceTo(10_000, out);
    ex.submit({ kind: 'cancel', orderId }, 12_000); // arrives at 22 ms
    ex.onEvent(quote(15_000, 99.8, 99.9), out); // filled at 15 ms
    ex.advanceTo(30_000, out);
    expect(out.map((r) => r.type)).toEqual(['ack', 'fill', 'reject']);
    expect(out[2]).toMatchObject({ kind: 'cancel', reason: 'too_late' });
  });

  it('a cancel that arrives first removes the order: no fill', () => {
    const ex = emulator(10);
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 100.1), out);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 99.9, qty: 1 }, 0);
    ex.submit({ kind: 'cancel', orderId }, 1_000);
    ex.onEvent(quote(20_000, 99.8, 99.9), out);
    expect(out.map((r) => r.type)).toEqual(['ack', 'ack']);
    expect(fills(out)).toHaveLength(0);
  });

  it('a replace moves the order and takes a new queue position', () => {
    const ex = emulator(0);
    const out: ExecutionReport[] = [];
    ex.onEvent(quote(0, 100, 100.1, 2, 1), out);
    const { orderId } = ex.submit({ kind: 'place', side: 1, px: 99.5, qty: 1 }, 0);
    ex.advanceTo(0, out);
    expect(ex.order(orderId)?.queue.ahead).toBeNaN(); // behind the touch: not visible
    ex.submit({ kind: 'replace', orderId, px: 100, qty: 1 }, 1);
    ex.advanceTo(1, out);
    expect(ex.order(orderId)).toMatchObject({ px: 100, queue: { ahead: 2 } });
  });

  it('log-normal latency has the median and p95 it was given', () => {
    const m = latencyModel({ model: 'lognormal', median_ms: 40, p95_ms: 120 }, 9);
    const xs = Array.from({ length: 20_000 }, () => m.next(0)).sort((a, b) => a - b);
    expect(xs[10_000]! / 1000).toBeGreaterThan(38);
    expect(xs[10_000]! / 1000).toBeLessThan(42);
    expect(xs[19_000]! / 1000).toBeGreaterThan(112);
    expect(xs[19_000]! / 1000).toBeLessThan(128);
  });
});
