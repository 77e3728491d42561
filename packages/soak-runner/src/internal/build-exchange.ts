/**
 * Builds the simulated exchange a run trades on from its parts: the venue (tick, lots, contract, fees), the
 * three latency legs (feed, entry, response: the flags', else the scenario's, else the defaults), the queue and
 * exchange models (by name: flag, else the venue's, else the scenario's, else the
 * defaults) and the seed. One function, so a caller (a sweep, a test) can build the same exchange or inject
 * another.
 */
import {
  ExchangeEmulator,
  FeedClock,
  assetOf,
  bpsFeeModel,
  chooseModels,
  exchangeModel,
  latencyLegs,
  queueModel,
  type Asset,
  type LatencyModel,
  type LatencySpecs,
  type ModelChoice,
  type Venue,
} from '@mm-profiles/market-sim';
import type { VenueSpec } from '@mm-profiles/quoter';

export interface ExchangeParts {
  venue: Venue;
  /** The legs' specs (feed and response default to the data's feed and an instant response). */
  latency: LatencySpecs;
  /** A constant extra feed delay on every event, ms (`--feed-latency-ms`). */
  feedExtraMs?: number;
  seed: number;
  /** The flags (`--queue-model`, `--exchange-model`): they win over the venue's and the scenario's. */
  models?: ModelChoice;
  /** The scenario's choice (the last before the defaults). */
  scenarioModels?: ModelChoice;
}

export interface BuiltExchange {
  venue: Venue;
  emulator: ExchangeEmulator;
  asset: Asset;
  /** The models in force, by name (recorded in the summary). */
  models: { queue: string; exchange: string };
  /** The strategy's legs: when it sees market events, and when it learns of acks and fills. */
  feed: FeedClock;
  response: LatencyModel;
  /** The latency legs in force, by name (recorded in the summary). */
  latency: { feed: string; entry: string; response: string; feed_extra_ms: number };
  /** What the quoter needs of the venue. */
  quoterVenue: VenueSpec;
}

export function buildExchange(p: ExchangeParts): BuiltExchange {
  const v = p.venue;
  const asset = assetOf(v.contract);
  const models = chooseModels(p.models, v, p.scenarioModels);
  const queue = queueModel(models.queue);
  // seed + 1: the entry leg keeps the stream order latency always drew from.
  const legs = latencyLegs(p.latency, p.seed + 1);
  const feedExtraMs = p.feedExtraMs ?? 0;
  const emulator = new ExchangeEmulator({
    latency: legs.entry,
    fees: bpsFeeModel(v.fees),
    queue,
    exchange: exchangeModel(models.exchange),
    asset,
    lotSize: v.lot_size,
    tickSize: v.tick_size,
  });
  return {
    venue: v,
    emulator,
    asset,
    models: { queue: queue.name, exchange: models.exchange },
    feed: new FeedClock(legs.feed, Math.round(feedExtraMs * 1000)),
    response: legs.response,
    latency: { feed: legs.feed.name, entry: legs.entry.name, response: legs.response.name, feed_extra_ms: feedExtraMs },
    quoterVenue: { tickSize: v.tick_size, makerFeeBps: v.fees.maker_bps, orderSize: v.order_size },
  };
}
