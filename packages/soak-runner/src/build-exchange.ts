/**
 * Builds the simulated exchange a run trades on from its parts: the venue (tick, lots, contract, fees), the
 * latency model, the queue and exchange models (by name: flag, else the venue's, else the scenario's, else the
 * defaults) and the seed. One function, so a caller (a sweep, a test) can build the same exchange or inject
 * another.
 */
import {
  ExchangeEmulator,
  assetOf,
  bpsFeeModel,
  chooseModels,
  exchangeModel,
  latencyModel,
  queueModel,
  type Asset,
  type LatencySpec,
  type ModelChoice,
  type Venue,
} from '@mm-profiles/market-sim';
import type { VenueSpec } from '@mm-profiles/quoter';

export interface ExchangeParts {
  venue: Venue;
  latency: LatencySpec;
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
  /** What the quoter needs of the venue. */
  quoterVenue: VenueSpec;
}

export function buildExchange(p: ExchangeParts): BuiltExchange {
  const v = p.venue;
  const asset = assetOf(v.contract);
  const models = chooseModels(p.models, v, p.scenarioModels);
  const queue = queueModel(models.queue);
  const emulator = new ExchangeEmulator({
    latency: latencyModel(p.latency, p.seed + 1),
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
    quoterVenue: { tickSize: v.tick_size, makerFeeBps: v.fees.maker_bps, orderSize: v.order_size },
  };
}
