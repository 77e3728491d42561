/**
 * Market events: L1 quotes and trades, and L2 depth (snapshots and sequenced diffs) when asked for, each stamped with two clocks in integer microseconds:
 * the exchange's time (`ts`, when the exchange matched or published it) and the local receive time (`localTs`,
 * when our side saw it, on the exchange's clock: a capture's clock offset is taken out, see clock-align.ts).
 * `localTs - ts` is the feed latency, >= 0. Streams hand them out in batches (arrays) in non-decreasing `ts`, so
 * a day of data never sits in memory and the per-event cost of async iteration is paid once per batch.
 */

export interface QuoteEvent {
  kind: 'quote';
  /** Exchange time, µs. */
  ts: number;
  /** Local receive time, µs, on the exchange's clock (>= ts). */
  localTs: number;
  bidPx: number;
  bidQty: number;
  askPx: number;
  askQty: number;
}

export interface TradeEvent {
  kind: 'trade';
  ts: number;
  localTs: number;
  px: number;
  qty: number;
  /** Aggressor side: +1 a buyer lifted the ask, -1 a seller hit the bid. */
  side: 1 | -1;
}

export interface DepthEvent {
  kind: 'depth';
  ts: number;
  localTs: number;
  /** Changed levels [price, qty] (absolute sizes); qty 0 removes the level. */
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
  /** The book as far as it goes (a REST snapshot, or a partial-book stream's top levels): it replaces the book. */
  snapshot: boolean;
  /** The diff sequence broke before this diff: levels not set since are unknown until a snapshot. */
  gap?: boolean;
}

export type MarketEvent = QuoteEvent | TradeEvent | DepthEvent;

/** A stream of market events in non-decreasing `ts`, in batches. */
export type EventStream = AsyncIterable<MarketEvent[]>;

/** A bad input (file, line, value): printed as one line, exit code 2. */
export class MarketDataError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'MarketDataError';
  }
}
