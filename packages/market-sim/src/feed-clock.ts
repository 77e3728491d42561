/**
 * The feed leg of a run: when the strategy sees each market event. From data (the default), an event keeps the
 * local time its source gave it (a capture's, on the exchange's clock), times the model's multiple. A drawn
 * model (constant, lognormal) replaces it by exchange time + a draw, and a draw never lets an event overtake the
 * one before it (local = max(exchange + draw, the previous local)): one feed is one ordered connection, so a
 * slow message holds up the ones behind it rather than being passed. `extraUs` delays every event by a constant
 * more (`--feed-latency-ms`, for robustness tables); a constant keeps the order. Events are stamped in place.
 */
import type { LatencyModel } from './latency-model.js';
import type { MarketEvent } from './market-event.js';

export class FeedClock {
  private lastLocal = -Infinity;

  constructor(
    private readonly model: LatencyModel,
    private readonly extraUs = 0,
  ) {}

  /** Sets `e.localTs` to when the strategy sees `e`. */
  stamp(e: MarketEvent): void {
    let local = e.ts + this.model.next(e.localTs - e.ts);
    if (!this.model.fromData) {
      if (local < this.lastLocal) local = this.lastLocal;
      this.lastLocal = local;
    }
    e.localTs = local + this.extraUs;
  }
}
