/**
 * Latency models (SPEC 6a), one leg at a time: feed (exchange -> us, market data), entry (our request -> the
 * exchange) and response (the exchange's ack or fill -> us). A model draws one leg's latency in whole µs; it is
 * told the feed latency of the event the leg goes with (the last event the strategy saw, for entry; the event
 * the exchange was processing, for response; the event itself, for feed), which only `from-data` uses. One file
 * per model (`latency-constant.ts`, `latency-lognormal.ts`, `latency-from-data.ts`); `latency-models.ts` is the
 * registry.
 */

export interface LatencyModel {
  readonly name: string;
  /** True when the draw is the capture's own (feed leg: the capture's order of arrival is kept as it is). */
  readonly fromData: boolean;
  /** One leg's latency, µs (whole, >= 0), given the feed latency `feedUs` of the event it goes with. */
  next(feedUs: number): number;
}

/** The three legs of a run. */
export interface LatencyLegs {
  feed: LatencyModel;
  entry: LatencyModel;
  response: LatencyModel;
}
