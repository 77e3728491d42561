/**
 * Builds the simulated exchange a run trades on from its parts: the venue (tick, lots, contract, fees), the
 * latency model and the seed. One function, so a caller (a sweep, a test) can build the same exchange or inject
 * another.
 */
import { ExchangeEmulator, assetOf, latencyModel, type Asset, type LatencySpec, type Venue } from '@mm-profiles/market-sim';
import type { VenueSpec } from '@mm-profiles/quoter';

export interface ExchangeParts {
  venue: Venue;
  latency: LatencySpec;
  seed: number;
}

export interface BuiltExchange {
  venue: Venue;
  emulator: ExchangeEmulator;
  asset: Asset;
  /** What the quoter needs of the venue. */
  quoterVenue: VenueSpec;
}

export function buildExchange(p: ExchangeParts): BuiltExchange {
  const v = p.venue;
  const asset = assetOf(v.contract);
  const emulator = new ExchangeEmulator({
    latency: latencyModel(p.latency, p.seed + 1),
    makerFeeBps: v.fees.maker_bps,
    takerFeeBps: v.fees.taker_bps,
    asset,
  });
  return {
    venue: v,
    emulator,
    asset,
    quoterVenue: { tickSize: v.tick_size, makerFeeBps: v.fees.maker_bps, orderSize: v.order_size },
  };
}
