/**
 * The latency-model registry: a spec (the scenario's `latency`, `response_latency`, `feed_latency`, or a flag's
 * `constant:MS`, `lognormal:MEDIAN,P95`, `from-data[:MULTIPLE[,ADD_MS]]`) to a model. A new model is one file,
 * one schema variant and one case here. Each leg draws from its own seeded stream.
 */
import { constantLatency } from './latency-constant.js';
import { fromDataLatency } from './latency-from-data.js';
import { lognormalLatency } from './internal/latency-lognormal.js';
import type { LatencyLegs, LatencyModel } from './latency-model.js';
import { MarketDataError } from './market-event.js';
import type { LatencySpec } from './scenario.js';

export const LATENCY_MODEL_NAMES: readonly string[] = ['constant', 'lognormal', 'from-data'];

/** The defaults of the legs a scenario leaves out: the feed as the data has it, an instant response. */
export const DEFAULT_FEED_LATENCY: LatencySpec = { model: 'from-data', multiple: 1, add_ms: 0 };
export const DEFAULT_RESPONSE_LATENCY: LatencySpec = { model: 'constant', ms: 0 };

/** Seed salts: each leg its own stream (the entry leg keeps the stream order latency always had). */
const ENTRY_SALT = 0x5bd1e995;
const RESPONSE_SALT = 0x27d4eb2f;
const FEED_SALT = 0x165667b1;

export function latencyModel(spec: LatencySpec, seed: number, salt = ENTRY_SALT): LatencyModel {
  switch (spec.model) {
    case 'constant':
      return constantLatency(spec.ms);
    case 'lognormal':
      return lognormalLatency(spec.median_ms, spec.p95_ms, seed ^ salt);
    case 'from-data':
      return fromDataLatency(spec.multiple, spec.add_ms);
  }
}

export interface LatencySpecs {
  feed?: LatencySpec;
  entry: LatencySpec;
  response?: LatencySpec;
}

/** The three legs of a run from their specs (feed and response defaulted), each seeded apart. */
export function latencyLegs(specs: LatencySpecs, seed: number): LatencyLegs {
  return {
    feed: latencyModel(specs.feed ?? DEFAULT_FEED_LATENCY, seed, FEED_SALT),
    entry: latencyModel(specs.entry, seed, ENTRY_SALT),
    response: latencyModel(specs.response ?? DEFAULT_RESPONSE_LATENCY, seed, RESPONSE_SALT),
  };
}

const FLAG_FORMS = 'constant:MS, lognormal:MEDIAN_MS,P95_MS or from-data[:MULTIPLE[,ADD_MS]]';

/** A flag's spec text (`constant:5`, `lognormal:12,45`, `from-data:2`) as a schema spec; bad text is one clear line. */
export function parseLatencySpec(text: string): LatencySpec {
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  const args = colon < 0 ? [] : text.slice(colon + 1).split(',');
  const nums = args.map((a) => (a.trim() === '' ? NaN : Number(a)));
  const bad = (why: string) => new MarketDataError(`latency model "${text}": ${why} (expected ${FLAG_FORMS})`);
  if (nums.some((x) => !Number.isFinite(x) || x < 0)) throw bad('every number must be finite and >= 0');
  if (name === 'constant') {
    if (nums.length !== 1) throw bad('constant takes one number, the milliseconds');
    return { model: 'constant', ms: nums[0]! };
  }
  if (name === 'lognormal') {
    if (nums.length !== 2 || !(nums[0]! > 0) || nums[1]! < nums[0]!) throw bad('lognormal takes a median > 0 and a p95 >= it, in ms');
    return { model: 'lognormal', median_ms: nums[0]!, p95_ms: nums[1]! };
  }
  if (name === 'from-data') {
    if (nums.length > 2) throw bad('from-data takes at most a multiple and an added ms');
    return { model: 'from-data', multiple: nums[0] ?? 1, add_ms: nums[1] ?? 0 };
  }
  throw bad(`unknown model "${name}"`);
}
