/**
 * The exchange emulator (SPEC 6). Requests travel for an order-entry latency, then the exchange acts on them
 * against the book as it is at arrival: a post-only order that would cross is rejected, a cancel or replace of
 * an order that has filled meanwhile is rejected as too late (the fill stands). Resting orders fill when the
 * opposite best reaches their price, when a trade prints through their price, or when trades at their price
 * have consumed the queue ahead of them. Fees are signed as PnL: a maker rebate is positive.
 *
 * Queue rule (L1): joining the best level, the queue ahead is the displayed size; improving it, zero; behind
 * the touch the level is not visible, so the queue is set when the level becomes the touch. The displayed size
 * caps the queue ahead (cancels ahead of us shrink it), and trades at our price consume it.
 */
import { linearAsset, type Asset } from './asset.js';
import type { LatencyModel } from './latency-model.js';
import type { MarketEvent } from './market-event.js';

export type OrderSide = 1 | -1;

export type OrderRequest =
  | { kind: 'place'; side: OrderSide; px: number; qty: number }
  | { kind: 'replace'; orderId: number; px: number; qty: number }
  | { kind: 'cancel'; orderId: number };

export interface AckReport {
  type: 'ack';
  ts: number;
  requestId: number;
  orderId: number;
  kind: OrderRequest['kind'];
  /** Request to acknowledgement, µs. */
  latencyUs: number;
}

export interface RejectReport {
  type: 'reject';
  ts: number;
  requestId: number;
  orderId: number;
  kind: OrderRequest['kind'];
  reason: 'post_only' | 'too_late';
  latencyUs: number;
}

export interface FillReport {
  type: 'fill';
  ts: number;
  orderId: number;
  side: OrderSide;
  px: number;
  qty: number;
  /** What is left of the order after this fill. */
  remaining: number;
  /** Fee as PnL in quote currency: -fee_bps/1e4 * notional (a rebate is positive). */
  feePnl: number;
  liquidity: 'maker';
  /** How it filled: the opposite best reached the price, a trade printed through it, or the queue was consumed. */
  via: 'cross' | 'trade_through' | 'queue';
}

export type ExecutionReport = AckReport | RejectReport | FillReport;

export interface EmulatorOptions {
  latency: LatencyModel;
  makerFeeBps: number;
  takerFeeBps: number;
  /** How notional (and so fees) is valued; default linear. */
  asset?: Asset;
}

export interface RestingOrder {
  id: number;
  side: OrderSide;
  px: number;
  qty: number;
  /** Size ahead of us at our price; NaN while the level is behind the touch and not visible. */
  queueAhead: number;
  /** When it started resting at this price, µs. */
  since: number;
}

interface InFlight {
  requestId: number;
  arrival: number;
  sentAt: number;
  req: OrderRequest;
  orderId: number;
}

const QTY_EPS = 1e-12;

export class ExchangeEmulator {
  private readonly latency: LatencyModel;
  private readonly makerFeeBps: number;
  readonly takerFeeBps: number;
  private readonly asset: Asset;
  private inFlight: InFlight[] = [];
  private readonly orders = new Map<number, RestingOrder>();
  private nextRequestId = 1;
  private nextOrderId = 1;
  bestBid = NaN;
  bestBidQty = 0;
  bestAsk = NaN;
  bestAskQty = 0;
  /** Time of the last event or arrival processed, µs. */
  now = 0;

  constructor(options: EmulatorOptions) {
    this.latency = options.latency;
    this.makerFeeBps = options.makerFeeBps;
    this.takerFeeBps = options.takerFeeBps;
    this.asset = options.asset ?? linearAsset();
  }

  /** Sends a request at `nowUs`; returns its request id and the order id it concerns (new for a place). */
  submit(req: OrderRequest, nowUs: number): { requestId: number; orderId: number } {
    const requestId = this.nextRequestId++;
    const orderId = req.kind === 'place' ? this.nextOrderId++ : req.orderId;
    const arrival = nowUs + this.latency.next();
    const entry: InFlight = { requestId, arrival, sentAt: nowUs, req, orderId };
    // Keep in arrival order; ties keep send order. Usually 0-2 entries.
    let i = this.inFlight.length;
    while (i > 0 && this.inFlight[i - 1]!.arrival > arrival) i--;
    this.inFlight.splice(i, 0, entry);
    return { requestId, orderId };
  }

  get pendingRequests(): number {
    return this.inFlight.length;
  }

  order(id: number): Readonly<RestingOrder> | undefined {
    return this.orders.get(id);
  }

  get restingOrders(): ReadonlyArray<Readonly<RestingOrder>> {
    return [...this.orders.values()];
  }

  /** Processes request arrivals due by `ts` (inclusive). */
  advanceTo(ts: number, out: ExecutionReport[]): void {
    while (this.inFlight.length && this.inFlight[0]!.arrival <= ts) {
      const f = this.inFlight.shift()!;
      this.now = f.arrival;
      this.arrive(f, out);
    }
  }

  /** Applies a market event (after any arrivals due by its time); reports go to `out`. */
  onEvent(e: MarketEvent, out: ExecutionReport[]): void {
    this.advanceTo(e.ts, out);
    this.now = e.ts;
    if (e.kind === 'quote') {
      this.bestBid = e.bidPx;
      this.bestBidQty = e.bidQty;
      this.bestAsk = e.askPx;
      this.bestAskQty = e.askQty;
      if (this.orders.size) this.onQuote(out);
    } else if (e.kind === 'trade') {
      if (this.orders.size) this.onTrade(e.px, e.qty, e.side, out);
    }
  }

  private arrive(f: InFlight, out: ExecutionReport[]): void {
    const latencyUs = f.arrival - f.sentAt;
    const base = { ts: f.arrival, requestId: f.requestId, orderId: f.orderId, kind: f.req.kind, latencyUs };
    const req = f.req;
    if (req.kind === 'cancel') {
      if (this.orders.delete(f.orderId)) out.push({ type: 'ack', ...base });
      else out.push({ type: 'reject', ...base, reason: 'too_late' });
      return;
    }
    const existing = req.kind === 'replace' ? this.orders.get(f.orderId) : undefined;
    if (req.kind === 'replace' && !existing) {
      out.push({ type: 'reject', ...base, reason: 'too_late' });
      return;
    }
    const side = existing ? existing.side : (req as { side: OrderSide }).side;
    if (side > 0 ? req.px >= this.bestAsk : req.px <= this.bestBid) {
      // Post-only: it would take liquidity. A replace that would cross leaves the old order as it was.
      out.push({ type: 'reject', ...base, reason: 'post_only' });
      return;
    }
    const order: RestingOrder = existing ?? { id: f.orderId, side, px: req.px, qty: req.qty, queueAhead: NaN, since: f.arrival };
    order.px = req.px;
    order.qty = req.qty;
    order.since = f.arrival;
    order.queueAhead = this.joiningQueue(side, req.px);
    this.orders.set(order.id, order);
    out.push({ type: 'ack', ...base });
  }

  private joiningQueue(side: OrderSide, px: number): number {
    const best = side > 0 ? this.bestBid : this.bestAsk;
    if (!(best === best)) return 0;
    if (px === best) return side > 0 ? this.bestBidQty : this.bestAskQty;
    const improves = side > 0 ? px > best : px < best;
    return improves ? 0 : NaN;
  }

  private fill(o: RestingOrder, qty: number, via: FillReport['via'], out: ExecutionReport[]): void {
    const q = Math.min(qty, o.qty);
    if (q <= QTY_EPS) return;
    o.qty -= q;
    if (o.qty <= QTY_EPS) {
      o.qty = 0;
      this.orders.delete(o.id);
    }
    out.push({
      type: 'fill',
      ts: this.now,
      orderId: o.id,
      side: o.side,
      px: o.px,
      qty: q,
      remaining: o.qty,
      feePnl: (-this.makerFeeBps / 1e4) * this.asset.notional(o.px, q),
      liquidity: 'maker',
      via,
    });
  }

  private onQuote(out: ExecutionReport[]): void {
    for (const o of [...this.orders.values()]) {
      const crossed = o.side > 0 ? this.bestAsk <= o.px : this.bestBid >= o.px;
      if (crossed) {
        this.fill(o, o.side > 0 ? this.bestAskQty : this.bestBidQty, 'cross', out);
        continue;
      }
      const best = o.side > 0 ? this.bestBid : this.bestAsk;
      const shown = o.side > 0 ? this.bestBidQty : this.bestAskQty;
      if (o.px === best) {
        // Our level is the touch: the queue ahead is at most what is displayed.
        if (!(o.queueAhead <= shown)) o.queueAhead = shown;
      } else if (o.side > 0 ? o.px > best : o.px < best) {
        o.queueAhead = 0;
      }
    }
  }

  private onTrade(px: number, qty: number, aggressor: 1 | -1, out: ExecutionReport[]): void {
    let left = qty;
    // Resting orders on the side the aggressor hits, best price first.
    const hit = [...this.orders.values()].filter((o) => o.side === -aggressor).sort((a, b) => (aggressor < 0 ? b.px - a.px : a.px - b.px));
    for (const o of hit) {
      if (left <= QTY_EPS) break;
      const through = aggressor < 0 ? px < o.px : px > o.px;
      if (through) {
        const before = o.qty;
        this.fill(o, left, 'trade_through', out);
        left -= before - o.qty;
      } else if (px === o.px) {
        if (!(o.queueAhead === o.queueAhead)) o.queueAhead = 0;
        const consumed = Math.min(o.queueAhead, left);
        o.queueAhead -= consumed;
        left -= consumed;
        if (left > QTY_EPS) {
          const before = o.qty;
          this.fill(o, left, 'queue', out);
          left -= before - o.qty;
        }
      }
    }
  }
}
