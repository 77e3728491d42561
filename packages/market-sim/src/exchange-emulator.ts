/**
 * The exchange emulator (SPEC 6, 6a). Requests travel for an order-entry latency, then the exchange acts on them
 * against the book as it is at arrival: a post-only order that would cross is rejected (as Binance expires a GTX
 * order that would take); a replace to a price that would cross is rejected and cancels the order it amends (as
 * Binance's order modify cancels a GTX order whose new price would execute at once, and spot's cancel-replace
 * cancels before the new LIMIT_MAKER order is refused); a cancel or replace of an order that has filled meanwhile
 * is rejected as too late (the fill stands). Resting orders fill when the opposite best reaches their price (each displayed lot once), when a
 * trade prints through their price, or when trades at their price reach past the queue ahead. The models are
 * parts: the queue model (what is ahead of us and how it moves), the exchange model (how much one event fills),
 * the fee model (maker/taker bps at the venue's tier) and the asset (linear or inverse notional).
 *
 * Visibility: our level is visible when it is the touch (the quote's size) or better than it (nothing ahead).
 * Behind the touch it is visible only where the capture has depth and the L2 book knows the level (`l2-book.ts`):
 * the queue ahead is then the level's size when first seen, and moves by the same queue rules. On L1 only (Tardis,
 * captures without depth, depth off) or at a level the book does not know, it is not visible: a trade there never
 * fills us, and its queue is set when it becomes visible. Quantities are whole lots of the venue.
 */
import { linearAsset, type Asset } from './asset.js';
import type { ExchangeModel, FillVia } from './internal/exchange-model.js';
import { partialFill } from './internal/exchange-partial-fill.js';
import { bpsFeeModel, type FeeModel, type Liquidity } from './fee-model.js';
import { L2Book } from './internal/l2-book.js';
import type { LatencyModel } from './latency-model.js';
import type { MarketEvent } from './market-event.js';
import { newQueuePos, type QueueModel, type QueuePos } from './queue-model.js';
import { riskAverseQueue } from './internal/queue-risk-averse.js';
import { fromLots } from './venue.js';

export type OrderSide = 1 | -1;

export type OrderRequest =
  | { kind: 'place'; side: OrderSide; px: number; qty: number }
  | { kind: 'replace'; orderId: number; px: number; qty: number }
  | { kind: 'cancel'; orderId: number };

export interface AckReport {
  type: 'ack';
  /** When the exchange acted on the request (its arrival), µs. */
  ts: number;
  requestId: number;
  orderId: number;
  kind: OrderRequest['kind'];
  /** Request to the exchange acting on it (the entry leg), µs; the response leg is the receiver's. */
  latencyUs: number;
  /** When the request was sent, µs. */
  sentAt: number;
}

/** A refused request. After any reject the order it concerns is not resting (a crossing replace cancelled it). */
export interface RejectReport {
  type: 'reject';
  ts: number;
  requestId: number;
  orderId: number;
  kind: OrderRequest['kind'];
  reason: 'post_only' | 'too_late';
  latencyUs: number;
  sentAt: number;
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
  /** Fee as PnL in quote currency (the coin for inverse): -fee_bps/1e4 * notional (a rebate is positive). */
  feePnl: number;
  liquidity: Liquidity;
  /** How it filled: the opposite best reached the price, a trade printed through it, or the queue was consumed. */
  via: FillVia;
  /** Probabilistic queue models, a queue fill: the last probability that a cancel was behind us (absent: none used). */
  prob?: number;
}

export type ExecutionReport = AckReport | RejectReport | FillReport;

export interface EmulatorOptions {
  /** The entry leg: a request reaches the exchange this long after it is sent. */
  latency: LatencyModel;
  /** The fee model; or the two rates (tier unnamed). */
  fees?: FeeModel;
  makerFeeBps?: number;
  takerFeeBps?: number;
  /** How notional (and so fees) is valued; default linear. */
  asset?: Asset;
  /** Default RiskAverse. */
  queue?: QueueModel;
  /** Default partial-fill. */
  exchange?: ExchangeModel;
  /** The venue's quantity step: fills are whole lots (default 1e-8). */
  lotSize?: number;
  /** The venue's price step: L2 levels are keyed by it (default 1e-8). */
  tickSize?: number;
}

export interface RestingOrder {
  id: number;
  side: OrderSide;
  px: number;
  qty: number;
  /** When it started resting at this price, µs. */
  since: number;
  /** Its place in the queue at its price (moved by the queue model); `queue.ahead` NaN until the level was visible. */
  queue: QueuePos;
  /** Its level was visible at the last look (the touch, better, or a level the L2 book knows). */
  visible: boolean;
  /** Displayed size of a crossing level already taken, by price: each displayed lot fills us once. */
  crossTaken: Map<number, number>;
}

interface InFlight {
  requestId: number;
  arrival: number;
  sentAt: number;
  req: OrderRequest;
  orderId: number;
}

export class ExchangeEmulator {
  private readonly latency: LatencyModel;
  readonly fees: FeeModel;
  readonly queueModel: QueueModel;
  readonly exchangeModel: ExchangeModel;
  private readonly asset: Asset;
  private readonly lot: number;
  private readonly tick: number;
  /** The L2 book, from the first depth event on (null: L1 only). */
  book: L2Book | null = null;
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
    this.fees = options.fees ?? bpsFeeModel({ maker_bps: options.makerFeeBps ?? 0, taker_bps: options.takerFeeBps ?? 0 });
    this.queueModel = options.queue ?? riskAverseQueue();
    this.exchangeModel = options.exchange ?? partialFill;
    this.asset = options.asset ?? linearAsset();
    this.lot = options.lotSize ?? 1e-8;
    this.tick = options.tickSize ?? 1e-8;
  }

  /** Whole lots in a quantity, rounded down (a hair of float error is not a lot short). */
  private lotsDown(qty: number): number {
    return Math.max(0, Math.floor(qty / this.lot + 1e-9));
  }

  /** Whole lots in a quantity that is a whole number of lots. */
  private lotsIn(qty: number): number {
    return Math.round(qty / this.lot);
  }

  /**
   * Sends a request at `nowUs` (the sender's time, on the exchange's clock); it arrives after the entry leg,
   * drawn with `feedUs`, the feed latency of the last event the sender saw (a from-data leg follows it).
   * Returns its request id, the order id it concerns (new for a place) and when it reaches the exchange, µs.
   */
  submit(req: OrderRequest, nowUs: number, feedUs = 0): { requestId: number; orderId: number; arrival: number } {
    const requestId = this.nextRequestId++;
    const orderId = req.kind === 'place' ? this.nextOrderId++ : req.orderId;
    const arrival = nowUs + this.latency.next(feedUs);
    const entry: InFlight = { requestId, arrival, sentAt: nowUs, req, orderId };
    // Keep in arrival order; ties keep send order. Usually 0-2 entries.
    let i = this.inFlight.length;
    while (i > 0 && this.inFlight[i - 1]!.arrival > arrival) i--;
    this.inFlight.splice(i, 0, entry);
    return { requestId, orderId, arrival };
  }

  get pendingRequests(): number {
    return this.inFlight.length;
  }

  /** When the next request in flight reaches the exchange, µs (Infinity: none). */
  get nextArrival(): number {
    return this.inFlight.length ? this.inFlight[0]!.arrival : Infinity;
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
      this.book?.touch(e.bidPx, e.bidQty, e.askPx, e.askQty);
      if (this.orders.size) this.onQuote(out);
    } else if (e.kind === 'trade') {
      if (this.orders.size) this.onTrade(e.px, e.qty, e.side, out);
    } else {
      const book = (this.book ??= new L2Book(this.tick));
      book.apply(e);
      if (this.bestBid === this.bestBid) book.touch(this.bestBid, this.bestBidQty, this.bestAsk, this.bestAskQty);
      if (this.orders.size) this.onDepth();
    }
  }

  /** The book moved behind the touch: orders not crossed look at their level again. */
  private onDepth(): void {
    for (const o of this.orders.values()) {
      if (o.side > 0 ? this.bestAsk <= o.px : this.bestBid >= o.px) continue;
      this.see(o);
    }
  }

  private arrive(f: InFlight, out: ExecutionReport[]): void {
    const latencyUs = f.arrival - f.sentAt;
    const base = { ts: f.arrival, requestId: f.requestId, orderId: f.orderId, kind: f.req.kind, latencyUs, sentAt: f.sentAt };
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
      // Post-only: it would take liquidity. A replace that would cross cancels the order it amends (Binance).
      if (existing) this.orders.delete(existing.id);
      out.push({ type: 'reject', ...base, reason: 'post_only' });
      return;
    }
    const order: RestingOrder = existing ?? { id: f.orderId, side, px: req.px, qty: req.qty, since: f.arrival, queue: newQueuePos(), visible: false, crossTaken: new Map() };
    order.px = req.px;
    order.qty = req.qty;
    order.since = f.arrival;
    // A new price or size loses the place in the queue: it joins afresh.
    order.queue = newQueuePos();
    order.crossTaken.clear();
    this.orders.set(order.id, order);
    out.push({ type: 'ack', ...base });
    this.see(order);
  }

  /** Displayed size at our level: the touch's, 0 better than it; behind it the L2 level's, NaN when unknown. */
  private levelShown(side: OrderSide, px: number): number {
    const best = side > 0 ? this.bestBid : this.bestAsk;
    if (!(best === best)) return 0;
    if (px === best) return side > 0 ? this.bestBidQty : this.bestAskQty;
    if (side > 0 ? px > best : px < best) return 0;
    return this.book ? this.book.qty(side, px) : NaN;
  }

  /** Looks at the order's level as the book now shows it and moves its queue. */
  private see(o: RestingOrder): void {
    const shown = this.levelShown(o.side, o.px);
    o.visible = shown === shown;
    if (!o.visible) return;
    const q = o.queue;
    if (!(q.ahead === q.ahead)) this.queueModel.join(q, shown, this.now);
    else if (shown !== q.shown) this.queueModel.depth(q, q.shown, shown, this.now);
  }

  /** Fills up to `offered` (whole lots) of the order as the exchange model says; returns the quantity filled. */
  private fill(o: RestingOrder, offered: number, via: FillVia, out: ExecutionReport[]): number {
    const offeredLots = this.lotsDown(offered);
    if (offeredLots <= 0) return 0;
    const left = this.lotsIn(o.qty);
    const lots = Math.min(left, this.lotsIn(this.exchangeModel.fillQty(via, fromLots(offeredLots, this.lot), o.qty)));
    if (lots <= 0) return 0;
    const q = fromLots(lots, this.lot);
    o.qty = fromLots(left - lots, this.lot);
    if (o.qty === 0) this.orders.delete(o.id);
    const liquidity: Liquidity = 'maker';
    const report: FillReport = {
      type: 'fill',
      ts: this.now,
      orderId: o.id,
      side: o.side,
      px: o.px,
      qty: q,
      remaining: o.qty,
      feePnl: this.fees.feePnl(liquidity, this.asset.notional(o.px, q)),
      liquidity,
      via,
    };
    if (via === 'queue' && this.queueModel.probabilistic && o.queue.prob === o.queue.prob) report.prob = o.queue.prob;
    out.push(report);
    return q;
  }

  private onQuote(out: ExecutionReport[]): void {
    for (const o of [...this.orders.values()]) {
      const crossAt = o.side > 0 ? this.bestAsk : this.bestBid;
      if (o.side > 0 ? crossAt <= o.px : crossAt >= o.px) {
        // Crossed: fill from the displayed lot, but never from the part of it that already filled us.
        const shown = o.side > 0 ? this.bestAskQty : this.bestBidQty;
        const taken = Math.min(o.crossTaken.get(crossAt) ?? 0, shown);
        o.crossTaken.set(crossAt, taken + this.fill(o, shown - taken, 'cross', out));
        continue;
      }
      if (o.crossTaken.size) o.crossTaken.clear();
      this.see(o);
    }
  }

  private onTrade(px: number, qty: number, aggressor: 1 | -1, out: ExecutionReport[]): void {
    let left = qty;
    // Resting orders on the side the aggressor hits, best price first.
    const hit = [...this.orders.values()].filter((o) => o.side === -aggressor).sort((a, b) => (aggressor < 0 ? b.px - a.px : a.px - b.px));
    for (const o of hit) {
      if (left <= 0) break;
      if (aggressor < 0 ? px < o.px : px > o.px) {
        left -= this.fill(o, left, 'trade_through', out);
      } else if (px === o.px && o.visible) {
        // At our price: only what reaches past the queue ahead, and never at a level we cannot see.
        const reach = this.queueModel.trade(o.queue, left, this.now);
        if (reach > 0) left -= this.fill(o, reach, 'queue', out);
      }
    }
  }
}
