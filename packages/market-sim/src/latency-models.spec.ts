import { describe, expect, it } from 'vitest';
import { FeedClock } from './feed-clock.js';
import type { LatencyModel } from './latency-model.js';
import { latencyLegs, latencyModel, parseLatencySpec } from './latency-models.js';
import type { MarketEvent } from './market-event.js';
import { Random, Z95 } from './random.js';
import { parseScenario } from './scenario.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const defaultScenario = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../config/scenarios/default.json'), 'utf8')) as Record<string, unknown>;

const trade = (ts: number, localTs = ts): MarketEvent => ({ kind: 'trade', ts, localTs, px: 1, qty: 1, side: 1 });
/** A model that hands out the given draws in turn. */
const scripted = (draws: number[], fromData = false): LatencyModel => ({ name: 'scripted', fromData, next: () => draws.shift()! });

describe('latency models', () => {
  it('constant: the same whole µs whatever the feed did', () => {
    const m = latencyModel({ model: 'constant', ms: 2.5 }, 1);
    expect([m.next(0), m.next(90_000)]).toEqual([2500, 2500]);
    expect(m.fromData).toBe(false);
  });

  it('lognormal: exp(ln(median) + sigma z), sigma = ln(p95/median)/z95, from its own seeded stream', () => {
    const m = latencyModel({ model: 'lognormal', median_ms: 12, p95_ms: 45 }, 7);
    // The same arithmetic by hand on the entry leg's stream (seed ^ 0x5bd1e995).
    const rng = new Random(7 ^ 0x5bd1e995);
    const sigma = Math.log(45 / 12) / Z95;
    const expected = [0, 1, 2].map(() => Math.max(1, Math.round(12_000 * Math.exp(sigma * rng.normal()))));
    expect([m.next(0), m.next(0), m.next(0)]).toEqual(expected);
  });

  it('from-data: multiple x the feed latency it is given, plus a constant; never negative', () => {
    const m = latencyModel({ model: 'from-data', multiple: 2, add_ms: 1 }, 1);
    expect(m.next(1_500)).toBe(2 * 1_500 + 1_000);
    expect(m.next(0)).toBe(1_000);
    expect(m.next(-40)).toBe(1_000);
    expect(m.fromData).toBe(true);
    expect(latencyModel({ model: 'from-data', multiple: 1, add_ms: 0 }, 1).next(1_234)).toBe(1_234);
  });

  it('each leg draws from its own stream; an unset feed leg is the data\'s, an unset response instant', () => {
    const spec = { model: 'lognormal', median_ms: 12, p95_ms: 45 } as const;
    const legs = latencyLegs({ entry: spec, response: spec }, 3);
    const entry = [0, 1, 2, 3].map(() => legs.entry.next(0));
    const response = [0, 1, 2, 3].map(() => legs.response.next(0));
    expect(entry).not.toEqual(response);
    const defaults = latencyLegs({ entry: spec }, 3);
    expect(defaults.feed.next(777)).toBe(777);
    expect(defaults.response.next(777)).toBe(0);
  });

  it('flag forms parse to the schema\'s specs; bad ones are one clear line', () => {
    expect(parseLatencySpec('constant:5')).toEqual({ model: 'constant', ms: 5 });
    expect(parseLatencySpec('lognormal:12,45')).toEqual({ model: 'lognormal', median_ms: 12, p95_ms: 45 });
    expect(parseLatencySpec('from-data')).toEqual({ model: 'from-data', multiple: 1, add_ms: 0 });
    expect(parseLatencySpec('from-data:2,0.5')).toEqual({ model: 'from-data', multiple: 2, add_ms: 0.5 });
    expect(() => parseLatencySpec('gauss:1')).toThrow('latency model "gauss:1": unknown model "gauss" (expected constant:MS, lognormal:MEDIAN_MS,P95_MS or from-data[:MULTIPLE[,ADD_MS]])');
    expect(() => parseLatencySpec('constant:-1')).toThrow(/every number must be finite and >= 0/);
    expect(() => parseLatencySpec('constant')).toThrow(/constant takes one number/);
    expect(() => parseLatencySpec('lognormal:45,12')).toThrow(/p95 >= it/);
    expect(() => parseLatencySpec('from-data:1,2,3')).toThrow(/at most a multiple and an added ms/);
    expect(() => parseLatencySpec('constant: ')).toThrow('latency model "constant: ": every number must be finite and >= 0 (expected constant:MS, lognormal:MEDIAN_MS,P95_MS or from-data[:MULTIPLE[,ADD_MS]])');
    expect(() => parseLatencySpec('constant:Infinity')).toThrow(/every number must be finite/);
    expect(parseLatencySpec('constant:0')).toEqual({ model: 'constant', ms: 0 });
    expect(() => parseLatencySpec('constant:1,2')).toThrow(/constant takes one number/);
    expect(() => parseLatencySpec('lognormal:12')).toThrow('latency model "lognormal:12": lognormal takes a median > 0 and a p95 >= it, in ms (expected constant:MS, lognormal:MEDIAN_MS,P95_MS or from-data[:MULTIPLE[,ADD_MS]])');
    expect(() => parseLatencySpec('lognormal:0,5')).toThrow(/a median > 0/);
    expect(parseLatencySpec('lognormal:12,12')).toEqual({ model: 'lognormal', median_ms: 12, p95_ms: 12 });
  });
});

describe('latency model names (as summaries record them)', () => {
  it('name each model with its parameters; from-data shows only the ones that differ from 1 and 0', () => {
    expect(latencyModel({ model: 'constant', ms: 5 }, 1).name).toBe('constant:5');
    const ln = latencyModel({ model: 'lognormal', median_ms: 12, p95_ms: 45 }, 1);
    expect([ln.name, ln.fromData]).toEqual(['lognormal:12,45', false]);
    expect(latencyModel({ model: 'constant', ms: 5 }, 1).fromData).toBe(false);
    const names = [
      [1, 0],
      [2, 0],
      [1, 5],
      [2, 5],
    ].map(([multiple, add_ms]) => latencyModel({ model: 'from-data', multiple: multiple!, add_ms: add_ms! }, 1).name);
    expect(names).toEqual(['from-data', 'from-data:2', 'from-data:1,5', 'from-data:2,5']);
  });
});

describe('scenario latency keys', () => {
  it('response_latency and feed_latency are optional legs, strict like every key', () => {
    const s = parseScenario({ ...defaultScenario, response_latency: { model: 'constant', ms: 3 }, feed_latency: { model: 'from-data', multiple: 2 } }, 'x.json');
    expect(s.response_latency).toEqual({ model: 'constant', ms: 3 });
    expect(s.feed_latency).toEqual({ model: 'from-data', multiple: 2, add_ms: 0 });
    expect(parseScenario(defaultScenario, 'x.json').feed_latency).toBeUndefined();
    expect(() => parseScenario({ ...defaultScenario, feed_latency: { model: 'from-data', extra: 1 } }, 'x.json')).toThrow('x.json: unknown key "extra" in "feed_latency"');
    expect(() => parseScenario({ ...defaultScenario, response_latency: { model: 'gauss' } }, 'x.json')).toThrow(/x\.json: key "response_latency\.model"/);
  });
});

describe('feed clock', () => {
  it('a drawn feed: exchange time + draw, never overtaking the event before (one ordered connection)', () => {
    const clock = new FeedClock(scripted([5_000, 100, 4_000]));
    const es = [trade(0), trade(1_000), trade(2_000)];
    for (const e of es) clock.stamp(e);
    // 0 + 5000; 1000 + 100 = 1100 would pass the first: held to 5000; 2000 + 4000 = 6000.
    expect(es.map((e) => e.localTs)).toEqual([5_000, 5_000, 6_000]);
  });

  it('from data: the capture\'s own latency times the multiple, its order kept; an extra delay on top', () => {
    const clock = new FeedClock(latencyModel({ model: 'from-data', multiple: 2, add_ms: 0 }, 1), 5_000);
    const es = [trade(0, 3_000), trade(1_000, 1_000)];
    for (const e of es) clock.stamp(e);
    expect(es.map((e) => e.localTs)).toEqual([0 + 6_000 + 5_000, 1_000 + 0 + 5_000]);
  });
});
