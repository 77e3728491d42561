import { describe, expect, it } from 'vitest';
import { venueFromScenario, type Venue } from '@mm-profiles/market-sim';
import { buildExchange } from './build-exchange.js';

const VENUE: Venue = venueFromScenario({ symbol: 'X', tick_size: 0.1, fees: { maker_bps: 1, taker_bps: 4 }, order_size: 1, max_position: 10 });
const LATENCY = { entry: { model: 'constant' as const, ms: 1 } };

describe('buildExchange', () => {
  it('models: the flag, else the venue\'s, else the scenario\'s, else RiskAverse and partial-fill', () => {
    const names = (venue: Venue, models?: object, scenarioModels?: object) => buildExchange({ venue, latency: LATENCY, seed: 1, models, scenarioModels }).models;
    expect(names(VENUE)).toEqual({ queue: 'risk-averse', exchange: 'partial-fill' });
    expect(names(VENUE, undefined, { queue_model: 'log', exchange_model: 'no-partial-fill' })).toEqual({ queue: 'log', exchange: 'no-partial-fill' });
    const venue = { ...VENUE, queue_model: 'power:2' };
    expect(names(venue, undefined, { queue_model: 'log' })).toEqual({ queue: 'power:2', exchange: 'partial-fill' });
    expect(names(venue, { queue_model: 'risk-averse' }, { queue_model: 'log' })).toEqual({ queue: 'risk-averse', exchange: 'partial-fill' });
    expect(names(VENUE, { queue_model: 'power' })).toEqual({ queue: 'power:3', exchange: 'partial-fill' });
  });

  it('latency legs: the feed from data and an instant response unless given; an extra feed delay on top', () => {
    expect(buildExchange({ venue: VENUE, latency: LATENCY, seed: 1 }).latency).toEqual({ feed: 'from-data', entry: 'constant:1', response: 'constant:0', feed_extra_ms: 0 });
    const b = buildExchange({
      venue: VENUE,
      latency: { feed: { model: 'constant', ms: 2 }, entry: { model: 'from-data', multiple: 2, add_ms: 0 }, response: { model: 'lognormal', median_ms: 3, p95_ms: 9 } },
      feedExtraMs: 5,
      seed: 1,
    });
    expect(b.latency).toEqual({ feed: 'constant:2', entry: 'from-data:2', response: 'lognormal:3,9', feed_extra_ms: 5 });
    // The feed clock stamps exchange time + 2 ms + 5 ms.
    const e = { kind: 'trade' as const, ts: 1_000, localTs: 1_000, px: 1, qty: 1, side: 1 as const };
    b.feed.stamp(e);
    expect(e.localTs).toBe(1_000 + 2_000 + 5_000);
  });

  it('the emulator gets the venue\'s fees, tier and models', () => {
    const b = buildExchange({ venue: { ...VENUE, exchange_model: 'no-partial-fill' }, latency: LATENCY, seed: 1 });
    expect(b.emulator.fees).toMatchObject({ tier: 'scenario', makerBps: 1, takerBps: 4 });
    expect(b.emulator.queueModel.name).toBe('risk-averse');
    expect(b.emulator.exchangeModel.name).toBe('no-partial-fill');
  });
});
