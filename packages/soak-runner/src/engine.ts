/**
 * The engine loop on two clocks (SPEC 6a). The exchange side runs in exchange time: each market event goes to
 * the exchange emulator at its `ts` (requests that arrived by then first), and what happens there is the truth
 * the books are kept on: fills book into the ledger (PnL, position, markouts) as they happen. The strategy side
 * runs in local time on what it has seen: each event reaches it at its `localTs` (the feed leg), every ack,
 * reject and fill at its exchange time + the response leg; it quotes (quoter -> wanted actions -> sentinel guard
 * -> a request that reaches the exchange after the entry leg; the quoter is the `Quoter` seam) on each market
 * event it sees, with the position
 * and orders it has learned of. One merged queue (time-queue.ts) orders what the strategy sees. One request in
 * flight per side at a time.
 */
import type { AppliedProfile, BlockReason } from '@mm-profiles/profile-core';
import {
  FeedClock,
  constantLatency,
  floorToLots,
  fromDataLatency,
  fromLots,
  linearAsset,
  toLots,
  type Asset,
  type ExchangeEmulator,
  type ExecutionReport,
  type FillReport,
  type LatencyModel,
  type MarketEvent,
  type OrderRequest,
} from '@mm-profiles/market-sim';
import type { QuoteTarget, Quoter, TargetQuotes } from '@mm-profiles/quoter';
import type { EdgeSentinel, Side } from '@mm-profiles/sentinel';
import type { AuditLog } from './audit-log.js';
import { Ledger } from './internal/ledger.js';
import { TimeQueue } from './internal/time-queue.js';
import type { EngineRecorder } from './timeseries-sampler.js';

/** Markout horizons, seconds (SPEC 8). */
export const MARKOUT_HORIZONS_S = [0.1, 1, 5, 30] as const;

interface SideState {
  side: Side;
  sign: 1 | -1;
  /** The live order as the strategy knows it (acknowledged, not known filled or cancelled), or null. */
  orderId: number | null;
  livePx: number;
  /** Exchange time it started resting at `livePx` (its ack's). */
  liveSince: number;
  /** A request in flight for this side. */
  pending: boolean;
  /** The wanted action being attempted (`kind:why`), until it executes or another is wanted (SPEC 8 attempts). */
  intent: string | null;
  /** What last blocked that intent. */
  intentBlock: BlockReason | undefined;
}

/** Counters that only grow; windows are differences of two snapshots. */
export interface EngineCounters {
  attempts: number;
  executed: number;
  places: number;
  replaces: number;
  cancels: number;
  /** Tail-age refreshes (cancel/replace at target). */
  tailAgeRefreshes: number;
  rejects: number;
  postOnlyRejects: number;
  presenceUs: number;
  absPositionUs: number;
}

export const zeroCounters = (): EngineCounters => ({
  attempts: 0,
  executed: 0,
  places: 0,
  replaces: 0,
  cancels: 0,
  tailAgeRefreshes: 0,
  rejects: 0,
  postOnlyRejects: 0,
  presenceUs: 0,
  absPositionUs: 0,
});

/** Per-observation samples of a window, for percentiles; cleared by `takeSamples`. */
export interface EngineSamples {
  /** Per acknowledged request: request to ack as the strategy sees it (entry + response legs), ms. */
  latencyMs: number[];
  /** Per market event: exchange time to when the strategy saw it (the feed leg), ms. */
  feedLatencyMs: number[];
  /** Per fill: adverse cost at 1 s, bps (positive = the mid went against us). */
  adverseBps: number[];
  /** Per fill: slippage cost vs. the fresh target, bps (positive = filled worse than target). */
  slippageBps: number[];
  orderAgeMs: number[];
  /** Per horizon: sum of markout * notional and of notional, to weight by turnover. */
  markoutWeighted: number[];
  markoutNotional: number[];
  /** Per fill, turnover-weighted: Σ notional, Σ realised spread × notional, Σ instant move × notional (bps). */
  fillNotional: number;
  realisedWeighted: number;
  instantWeighted: number;
  /** This window's own extremes: max |position| and max drawdown from the window's running peak. */
  maxAbsPosition: number;
  maxDrawdown: number;
}

const emptySamples = (): EngineSamples => ({
  latencyMs: [],
  feedLatencyMs: [],
  adverseBps: [],
  slippageBps: [],
  orderAgeMs: [],
  markoutWeighted: MARKOUT_HORIZONS_S.map(() => 0),
  markoutNotional: MARKOUT_HORIZONS_S.map(() => 0),
  fillNotional: 0,
  realisedWeighted: 0,
  instantWeighted: 0,
  maxAbsPosition: 0,
  maxDrawdown: 0,
});

/**
 * The markouts of one horizon waiting for their time, first due first: a ring of columns, reused for the whole
 * run (no object per fill, no array copy per resolve). Fills come in market-time order, so each horizon's
 * queue is in due order by construction.
 */
class MarkoutRing {
  private due = new Float64Array(64);
  mid0 = new Float64Array(64);
  notional = new Float64Array(64);
  /** +1 bid, -1 ask (the side it filled on). */
  sign = new Int8Array(64);
  /** Order of insertion over all horizons: breaks ties of due time the way one merged queue did. */
  private seq = new Float64Array(64);
  private head = 0;
  length = 0;

  push(due: number, seq: number, sign: 1 | -1, mid0: number, notional: number): void {
    if (this.length === this.due.length) this.grow();
    const i = (this.head + this.length) & (this.due.length - 1);
    this.due[i] = due;
    this.seq[i] = seq;
    this.sign[i] = sign;
    this.mid0[i] = mid0;
    this.notional[i] = notional;
    this.length += 1;
  }

  /** The first one's due time (the ring must not be empty). */
  get firstDue(): number {
    return this.due[this.head]!;
  }

  get firstSeq(): number {
    return this.seq[this.head]!;
  }

  /** Takes the first one off; returns its slot, whose fields stay readable until the next push. */
  shift(): number {
    const i = this.head;
    this.head = (i + 1) & (this.due.length - 1);
    this.length -= 1;
    return i;
  }

  private grow(): void {
    const n = this.due.length;
    // Unrolled into the new columns, first one at 0.
    const order = <T extends Float64Array | Int8Array>(a: T, b: T): T => {
      for (let k = 0; k < this.length; k++) b[k] = a[(this.head + k) & (n - 1)]!;
      return b;
    };
    this.due = order(this.due, new Float64Array(2 * n));
    this.mid0 = order(this.mid0, new Float64Array(2 * n));
    this.notional = order(this.notional, new Float64Array(2 * n));
    this.sign = order(this.sign, new Int8Array(2 * n));
    this.seq = order(this.seq, new Float64Array(2 * n));
    this.head = 0;
  }
}

export interface EngineOptions {
  sentinel: EdgeSentinel;
  emulator: ExchangeEmulator;
  /** The strategy asked on every decision (targets, replace or not) and told each fill's markouts. */
  quoter: Quoter;
  maxPosition: number;
  /** Quantity step: sizes are sent and positions counted in whole lots (no float drift in the risk check). */
  lotSize?: number;
  minQty?: number;
  /** Valuation of fills (linear, or inverse: PnL in the coin); default linear. */
  asset?: Asset;
  audit: AuditLog;
  /** Optional: the time series for pictures (timeseries-sampler). */
  recorder?: EngineRecorder;
  /** The feed leg: when the strategy sees each event (default: the event's own `localTs`). */
  feed?: FeedClock;
  /** The response leg: acks and fills back to the strategy (default: instant). */
  response?: LatencyModel;
}

/** A book as the quoter reads it. */
interface TargetBook {
  bidPx: number;
  bidQty: number;
  askPx: number;
  askQty: number;
}

/** What the strategy is told by the exchange, and when. */
interface Response {
  report: ExecutionReport;
  /** When the strategy learns of it (exchange time + the response leg), µs. */
  due: number;
}

/** A request in flight, as its sender keeps it. */
interface Sent {
  side: SideState;
  px: number;
}

export class Engine {
  readonly ledger = new Ledger();
  readonly counters: EngineCounters = zeroCounters();
  private samples: EngineSamples = emptySamples();
  private readonly bid: SideState = { side: 'bid', sign: 1, orderId: null, livePx: 0, liveSince: 0, pending: false, intent: null, intentBlock: undefined };
  private readonly ask: SideState = { side: 'ask', sign: -1, orderId: null, livePx: 0, liveSince: 0, pending: false, intent: null, intentBlock: undefined };
  private readonly reports: ExecutionReport[] = [];
  /** Pending markouts, one ring per horizon (MARKOUT_HORIZONS_S). */
  private readonly markouts = MARKOUT_HORIZONS_S.map(() => new MarkoutRing());
  private markoutSeq = 0;
  /** The earliest due time among them (Infinity when none). */
  private nextDue = Infinity;
  /** The book as the strategy has seen it (its local time). */
  private market = { bidPx: NaN, bidQty: 0, askPx: NaN, askQty: 0 };
  /** The exchange's mid now, as traded (the ledger's may be 1/mid for an inverse contract). */
  private mid = NaN;
  /** Signed position in whole lots at the exchange (the books' truth). */
  positionLots = 0;
  /** Signed position in whole lots as the strategy knows it (fills learned so far): the quoter's and the guard's. */
  knownPositionLots = 0;
  private readonly feed: FeedClock;
  private readonly response: LatencyModel;
  /** What the strategy will see, by its local time: market events, and responses (acks, rejects, fills). */
  private readonly toSee = new TimeQueue<MarketEvent>();
  private readonly toLearn = new TimeQueue<Response>();
  /** The response channel is one ordered connection: nothing is learned before what was sent before it. */
  private lastDue = -Infinity;
  /** Feed latency of the last event the strategy saw, µs (a from-data entry leg follows it). */
  private seenFeedUs = 0;
  /** Feed latency of the exchange's latest event, µs (a from-data response leg follows it). */
  private exchangeFeedUs = 0;
  /** Our orders resting at the exchange per side (the truth quote presence is measured on), and since when it was counted. */
  private restingBid = 0;
  private restingAsk = 0;
  private presenceAt = NaN;
  private readonly lot: number;
  private readonly minQty: number;
  private readonly asset: Asset;
  private lastTs = NaN;
  private peakEquity = 0;
  /** The window's running equity peak (its drawdown is measured from it). */
  private windowPeak = 0;
  /** The mid before the event being processed (m⁻ of SPEC 8). */
  private midBefore = NaN;
  maxDrawdown = 0;
  maxAbsPosition = 0;
  events = 0;
  /** The quoter's inventory skew at its last decision, bps of fair (for the time series). */
  private reservationBps = 0;

  constructor(private readonly o: EngineOptions) {
    this.feed = o.feed ?? new FeedClock(fromDataLatency());
    this.response = o.response ?? constantLatency(0);
    this.lot = o.lotSize ?? 1e-8;
    this.minQty = o.minQty ?? this.lot;
    this.asset = o.asset ?? linearAsset();
    // The guard counts whole lots: its limit too.
    o.sentinel.guard.setMaxPosition(toLots(o.maxPosition, this.lot));
  }

  /** Signed position at the exchange in quantity units (base, or contracts). */
  get position(): number {
    return fromLots(this.positionLots, this.lot);
  }

  /** Signed position as the strategy knows it, in quantity units. */
  get knownPosition(): number {
    return fromLots(this.knownPositionLots, this.lot);
  }

  get now(): number {
    return this.lastTs;
  }

  private get profile(): Readonly<AppliedProfile> {
    return this.o.sentinel.appliedProfile;
  }

  /** One market event, in exchange-time order: what the strategy sees before it, then the exchange applies it. */
  onEvent(e: MarketEvent): void {
    if (e.kind === 'depth') return this.onDepth(e);
    this.events += 1;
    this.feed.stamp(e);
    // The strategy acts on everything it sees or learns up to this event's exchange time first: a request sent
    // then can reach the exchange before this event (a zero entry leg: at it, as before it).
    this.strategyUntil(e.ts);
    if (this.o.recorder && e.ts >= this.o.recorder.dueUs) this.record(e.ts);
    const c = this.counters;
    if (this.lastTs === this.lastTs) c.absPositionUs += Math.abs(this.position) * (e.ts - this.lastTs);
    this.accruePresence(e.ts);
    this.lastTs = e.ts;
    this.midBefore = this.mid;
    // Markouts due before this event are taken at the mid as of their due time: the mid before this event.
    if (this.nextDue < e.ts) this.resolveMarkouts(e.ts, false);
    if (e.kind === 'quote') {
      this.mid = (e.bidPx + e.askPx) / 2;
      this.ledger.markTo(this.asset.ledgerPx(this.mid));
    }
    const feedUs = e.localTs - e.ts;
    this.exchangeFeedUs = feedUs;
    const reports = this.reports;
    reports.length = 0;
    this.o.emulator.onEvent(e, reports);
    for (let i = 0; i < reports.length; i++) this.atExchange(reports[i]!, feedUs, e);
    if (this.nextDue <= e.ts) this.resolveMarkouts(e.ts);
    const equity = this.ledger.equity;
    if (equity > this.peakEquity) this.peakEquity = equity;
    else if (this.peakEquity - equity > this.maxDrawdown) this.maxDrawdown = this.peakEquity - equity;
    if (equity > this.windowPeak) this.windowPeak = equity;
    else if (this.windowPeak - equity > this.samples.maxDrawdown) this.samples.maxDrawdown = this.windowPeak - equity;
    this.samples.feedLatencyMs.push(feedUs / 1000);
    this.o.recorder?.onLatency('feed', feedUs);
    this.toSee.push(e, e.localTs);
    // What the strategy sees or learns by this event's own time happens now (with a zero feed leg: this event;
    // the next event's time is no earlier, so nothing it brings can come before).
    this.strategyUntil(e.ts);
  }

  /**
   * Depth moves only the exchange's L2 book (the queue behind the touch); the strategy quotes on the L1 quote, so
   * a depth event is no decision point and is not sent on to the strategy. What is due by its time happens first.
   */
  private onDepth(e: MarketEvent): void {
    this.strategyUntil(e.ts);
    const reports = this.reports;
    reports.length = 0;
    this.o.emulator.onEvent(e, reports);
    for (let i = 0; i < reports.length; i++) this.atExchange(reports[i]!, this.exchangeFeedUs, e);
  }

  /**
   * Everything up to time `t` (inclusive) but the next market event, in time order: requests reaching the
   * exchange (acted on there), responses learned, market events seen (and quoted on). At equal times the
   * exchange acts first, then a response due then is learned, then an event is seen.
   */
  strategyUntil(t: number): void {
    const ex = this.o.emulator;
    for (;;) {
      const tArrive = ex.nextArrival;
      const tLearn = this.toLearn.peekTime();
      const tSee = this.toSee.peekTime();
      if (tArrive <= tLearn && tArrive <= tSee) {
        if (tArrive > t) return;
        const reports = this.reports;
        reports.length = 0;
        ex.advanceTo(tArrive, reports);
        for (let i = 0; i < reports.length; i++) this.atExchange(reports[i]!, this.exchangeFeedUs);
      } else if (tLearn <= tSee) {
        if (tLearn > t) return;
        this.learn(this.toLearn.pop()!);
      } else {
        if (tSee > t) return;
        this.see(this.toSee.pop()!);
      }
    }
  }

  /** The strategy sees a market event (at its local time) and quotes on the book as it now knows it. */
  private see(e: MarketEvent): void {
    this.seenFeedUs = e.localTs - e.ts;
    if (e.kind === 'quote') {
      const m = this.market;
      m.bidPx = e.bidPx;
      m.bidQty = e.bidQty;
      m.askPx = e.askPx;
      m.askQty = e.askQty;
    }
    if (this.market.bidPx === this.market.bidPx) this.decide(e.localTs);
  }

  /**
   * A report as it happens at the exchange: fills are booked now (the truth); the strategy learns it after the
   * response leg, drawn with `feedUs`, the feed latency of the exchange's latest event (a from-data leg follows
   * it). `e`: the event that filled us, for a fill.
   */
  private atExchange(r: ExecutionReport, feedUs: number, e?: MarketEvent): void {
    if (r.type === 'fill') {
      this.o.recorder?.onFill(r.ts, r.side, r.px, r.qty, this.mid, r.via);
      this.bookFill(r, e!);
      if (r.remaining <= 0) this.resting(r.side, -1, r.ts);
    } else if (r.type === 'reject') {
      const s = this.sent.get(r.requestId)!.side;
      this.o.audit.append({ ts: r.ts, type: 'REJECT', side: s.side, order_id: r.orderId, px: null, qty: null, reason: `${r.kind}:${r.reason}` });
      // A replace refused post-only cancels the order it amends (as Binance does it).
      if (r.kind === 'replace' && r.reason === 'post_only') this.resting(s.sign, -1, r.ts);
    } else if (r.kind !== 'replace') {
      // A place rests from its ack, a cancel ends it; a replace moves a resting order.
      this.resting(this.sent.get(r.requestId)!.side.sign, r.kind === 'place' ? 1 : -1, r.ts);
    }
    const due = Math.max(r.ts + this.response.next(feedUs), this.lastDue);
    this.lastDue = due;
    // The response leg as applied: the draw, held back behind what was sent before it on the one connection.
    this.o.recorder?.onLatency('response', due - r.ts);
    this.toLearn.push({ report: r, due }, due);
  }

  /** Hands the recorder the state as it stood up to `ts` (the event at `ts` not yet applied); `last`: the run's end. */
  record(ts: number, last = false): void {
    const q = (s: SideState) => (s.orderId !== null ? s.livePx : null);
    // The position in quantity units and the mid as traded (not the ledger's 1/mid view of an inverse contract).
    const state = { amounts: this.ledger.amounts, position: this.position, mid: this.mid, reservationBps: this.reservationBps };
    this.o.recorder?.[last ? 'finish' : 'sample'](ts, state, this.counters, q(this.bid), q(this.ask));
  }

  /** The quoter's targets at time `now` on a book the strategy has seen, for the position it knows. */
  private targets(now: number, market: TargetBook = this.market): TargetQuotes {
    const t = this.o.quoter.targets({ market, position: this.knownPosition, maxPosition: this.o.maxPosition, now });
    if (market === this.market) this.reservationBps = t.reservationBps ?? 0;
    // Sizes in whole lots of the venue, at least its minimum quantity.
    const v = { lot_size: this.lot, min_qty: this.minQty };
    if (t.bid) t.bid = (t.bid.qty = floorToLots(t.bid.qty, v)) > 0 ? t.bid : null;
    if (t.ask) t.ask = (t.ask.qty = floorToLots(t.ask.qty, v)) > 0 ? t.ask : null;
    return t;
  }

  private decide(now: number): void {
    if (this.bid.pending && this.ask.pending) return;
    const t = this.targets(now);
    this.decideSide(this.bid, t.bid, t, now);
    this.decideSide(this.ask, t.ask, t, now);
  }

  private decideSide(s: SideState, target: QuoteTarget | null, t: TargetQuotes, now: number): void {
    if (s.pending) return;
    const p = this.profile;
    if (s.orderId === null) {
      if (target) this.act('place', s, target, now, 'quote');
      else s.intent = null;
    } else if (!target) {
      this.act('cancel', s, null, now, 'no_target');
    } else if (now - s.liveSince > p.tail_age_ms * 1000) {
      // Cancelled and re-placed at target in one cancel/replace request, as exchanges offer it: the side is
      // never left empty between the cancel and the new order.
      this.act('replace', s, target, now, 'tail_age');
    } else if (this.o.quoter.needsReplace(s.livePx, target.px, t)) {
      this.act('replace', s, target, now, 'reprice');
    } else {
      s.intent = null;
    }
  }

  private act(kind: 'place' | 'replace' | 'cancel', s: SideState, target: QuoteTarget | null, now: number, why: string): void {
    const c = this.counters;
    // An attempt is an intent: the same wanted action (kind and why; its price may move) on later events is
    // the same attempt until it executes or another action is wanted. Blocks count once per intent and reason.
    const intent = `${kind}:${why}`;
    const fresh = s.intent !== intent;
    if (fresh) {
      c.attempts += 1;
      s.intent = intent;
      s.intentBlock = undefined;
    }
    const qty = target ? target.qty : 0;
    // The guard counts in whole lots: 9 lots + 1 lot is exactly 10, never 10.000000000000002.
    const blocked = this.o.sentinel.checkIntent(kind, s.side, toLots(qty, this.lot), now, fresh, s.intentBlock);
    if (blocked !== undefined) {
      if (fresh || blocked !== s.intentBlock) {
        this.o.audit.append({ ts: now, type: 'BLOCK', side: s.side, order_id: s.orderId, px: target?.px ?? null, qty: target?.qty ?? null, reason: `${kind}:${blocked}` });
      }
      s.intentBlock = blocked;
      return;
    }
    s.intent = null;
    c.executed += 1;
    s.pending = true;
    const px = kind === 'cancel' ? NaN : target!.px;
    const req: OrderRequest =
      kind === 'place' ? { kind, side: s.sign, px, qty } : kind === 'replace' ? { kind, orderId: s.orderId!, px, qty } : { kind, orderId: s.orderId! };
    const { requestId, orderId, arrival } = this.o.emulator.submit(req, now, this.seenFeedUs);
    this.sent.set(requestId, { side: s, px });
    this.o.recorder?.onLatency('entry', arrival - now);
    if (kind === 'place') {
      c.places += 1;
      this.o.audit.append({ ts: now, type: 'PLACE', side: s.side, order_id: orderId, px, qty, reason: why });
    } else if (kind === 'replace') {
      c.replaces += 1;
      if (why === 'tail_age') c.tailAgeRefreshes += 1;
      this.o.audit.append({ ts: now, type: 'REPLACE', side: s.side, order_id: orderId, px, qty, reason: why });
    } else {
      c.cancels += 1;
      this.o.audit.append({ ts: now, type: 'CANCEL', side: s.side, order_id: orderId, px: null, qty: null, reason: why });
    }
  }

  private sideOf(sign: 1 | -1): SideState {
    return sign > 0 ? this.bid : this.ask;
  }

  /** Quote presence (SPEC 8): time with an order of ours resting on both sides at the exchange, counted to `t`. */
  private accruePresence(t: number): void {
    if (this.presenceAt === this.presenceAt && this.restingBid > 0 && this.restingAsk > 0) this.counters.presenceUs += t - this.presenceAt;
    this.presenceAt = t;
  }

  /** One of our orders starts (+1) or stops (-1) resting on a side at exchange time `t`. */
  private resting(sign: 1 | -1, delta: 1 | -1, t: number): void {
    this.accruePresence(t);
    if (sign > 0) this.restingBid += delta;
    else this.restingAsk += delta;
  }

  /** The strategy learns of a report (at its due time): its orders and position as it knows them move. */
  private learn(x: Response): void {
    const r = x.report;
    if (r.type === 'fill') {
      const s = this.sideOf(r.side);
      this.knownPositionLots += r.side * toLots(r.qty, this.lot);
      this.o.sentinel.guard.position = this.knownPositionLots;
      if (r.remaining <= 0 && s.orderId === r.orderId) {
        this.samples.orderAgeMs.push((r.ts - s.liveSince) / 1000);
        s.orderId = null;
      }
      return;
    }
    const sent = this.sent.get(r.requestId)!;
    this.sent.delete(r.requestId);
    const s = sent.side;
    this.o.sentinel.onAck();
    // Request to ack as the strategy sees it: sent at r.sentAt, learned now (entry + response legs).
    const latencyUs = x.due - r.sentAt;
    this.samples.latencyMs.push(latencyUs / 1000);
    this.o.recorder?.onLatency('request_ack', latencyUs);
    s.pending = false;
    if (r.type === 'reject') {
      this.counters.rejects += 1;
      if (r.reason === 'post_only') this.counters.postOnlyRejects += 1;
      // A too-late cancel/replace means the order is gone (filled); a rejected place never rested; a replace
      // rejected post-only was cancelled by the amendment (as Binance does it).
      if (s.orderId === r.orderId) s.orderId = null;
      return;
    }
    if (r.kind === 'cancel') {
      if (s.orderId === r.orderId) {
        this.samples.orderAgeMs.push((r.ts - s.liveSince) / 1000);
        s.orderId = null;
      }
      return;
    }
    if (r.kind === 'replace') this.samples.orderAgeMs.push((r.ts - s.liveSince) / 1000);
    // Resting at the request's price since the exchange acted on it; a fill since then is learned after this.
    s.orderId = r.orderId;
    s.livePx = sent.px;
    s.liveSince = r.ts;
  }

  /** Each request in flight: the side it was sent for and its price. */
  private readonly sent = new Map<number, Sent>();

  /** A fill as it happens at the exchange: the ledger, the position, the markouts and the audit line. */
  private bookFill(r: FillReport, e: MarketEvent): void {
    const { side: sign, px, qty, feePnl, orderId, remaining, ts } = r;
    const s = this.sideOf(sign);
    // The quoter's fresh target at the fill (SPEC 8's T), on what the strategy has seen by then: with a zero feed
    // leg that includes the quote that filled us.
    const t = this.targets(ts, e.kind === 'quote' && e.localTs <= ts ? e : this.market);
    const target = (sign > 0 ? t.bid?.px : t.ask?.px) ?? px;
    const mid = this.mid;
    const a = this.asset;
    this.ledger.fill(a.ledgerSide(sign), a.ledgerPx(px), a.ledgerQty(qty), feePnl, a.ledgerPx(target));
    this.positionLots += sign * toLots(qty, this.lot);
    const absPos = Math.abs(this.position);
    if (absPos > this.maxAbsPosition) this.maxAbsPosition = absPos;
    if (absPos > this.samples.maxAbsPosition) this.samples.maxAbsPosition = absPos;
    this.samples.slippageBps.push((-sign * (target - px) * 1e4) / px);
    const notional = a.notional(px, qty);
    // Realised spread against the exchange's mid before the event that filled us, and the instant move of that event.
    const m0 = this.midBefore;
    if (m0 === m0) {
      this.samples.fillNotional += notional;
      this.samples.realisedWeighted += ((sign * (m0 - px)) / m0) * 1e4 * notional;
      this.samples.instantWeighted += ((sign * (mid - m0)) / m0) * 1e4 * notional;
    }
    for (let h = 0; h < MARKOUT_HORIZONS_S.length; h++) {
      const due = ts + MARKOUT_HORIZONS_S[h]! * 1e6;
      this.markouts[h]!.push(due, this.markoutSeq++, sign, mid, notional);
      if (due < this.nextDue) this.nextDue = due;
    }
    // How it filled, so a reader of the log can check the rules (and the probability a probabilistic queue used).
    // (prob undefined: no key in the line, as canonical JSON drops it.)
    this.o.audit.append({ ts, type: 'FILL', side: s.side, order_id: orderId, px, qty, reason: remaining > 0 ? 'partial' : 'filled', via: r.via, liquidity: r.liquidity, prob: r.prob });
  }

  /**
   * Resolves the markouts due before `now` (or at it, when `inclusive`) at the current mid, in due order across
   * the horizons (ties in the order they were queued), as one merged queue handed them out.
   */
  private resolveMarkouts(now: number, inclusive = true): void {
    const rings = this.markouts;
    for (;;) {
      let best = -1;
      for (let h = 0; h < rings.length; h++) {
        const r = rings[h]!;
        if (!r.length) continue;
        const due = r.firstDue;
        if (!(due < now || (inclusive && due === now))) continue;
        const b = best < 0 ? undefined : rings[best]!;
        if (!b || due < b.firstDue || (due === b.firstDue && r.firstSeq < b.firstSeq)) best = h;
      }
      if (best < 0) break;
      const ring = rings[best]!;
      const fillTs = ring.firstDue - MARKOUT_HORIZONS_S[best]! * 1e6;
      const i = ring.shift();
      this.resolveOne(best, ring.sign[i] as 1 | -1, ring.mid0[i]!, ring.notional[i]!, fillTs);
    }
    let next = Infinity;
    for (const r of rings) if (r.length && r.firstDue < next) next = r.firstDue;
    this.nextDue = next;
  }

  private resolveOne(horizon: number, sign: 1 | -1, mid0: number, notional: number, fillTs: number): void {
    const markout = (sign * (this.mid - mid0) * 1e4) / mid0;
    this.samples.markoutWeighted[horizon]! += markout * notional;
    this.samples.markoutNotional[horizon]! += notional;
    this.o.recorder?.onMarkout(horizon, fillTs, markout, notional);
    const horizonS = MARKOUT_HORIZONS_S[horizon]!;
    if (horizonS === 1) this.samples.adverseBps.push(-markout);
    this.o.quoter.onMarkout?.(this.sideOf(sign).side, horizonS, markout);
  }

  /** End of the run: the strategy catches up to the last event's time; markouts not yet due are taken at the last mid. */
  finish(): void {
    if (this.lastTs === this.lastTs) this.strategyUntil(this.lastTs);
    this.resolveMarkouts(Infinity);
    this.o.audit.flush();
  }

  /** The window's samples; a fresh set starts. */
  takeSamples(): EngineSamples {
    const s = this.samples;
    this.samples = emptySamples();
    // The next window starts from where this one ends.
    this.samples.maxAbsPosition = Math.abs(this.position);
    this.windowPeak = this.ledger.equity;
    return s;
  }
}
