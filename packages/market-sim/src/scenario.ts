/**
 * Scenario files (`config/scenarios/*.json`): everything the synthetic market and the exchange emulator need.
 * Strict: an unknown key is an error, so a typo never silently falls back to a default.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { MarketDataError } from './market-event.js';
import { modelChoiceFields } from './model-choice.js';

const positive = () => z.number().positive();
const nonNegative = () => z.number().nonnegative();

const distribution = z
  .strictObject({
    median: positive().describe('median'),
    p95: positive().describe('95th percentile (>= median); log-normal between them'),
  })
  .refine((d) => d.p95 >= d.median, { message: 'p95 must be >= median' });

/** One latency leg's model (latency-models.ts): constant, log-normal, or a multiple of the data's feed latency. */
export const latencySchema = z.discriminatedUnion('model', [
  z.strictObject({ model: z.literal('constant'), ms: nonNegative().describe('every message of this leg takes this long') }),
  z
    .strictObject({
      model: z.literal('lognormal'),
      median_ms: positive().describe('median time of this leg'),
      p95_ms: positive().describe('95th percentile time of this leg'),
    })
    .refine((l) => l.p95_ms >= l.median_ms, { message: 'p95_ms must be >= median_ms' }),
  z.strictObject({
    model: z.literal('from-data'),
    multiple: nonNegative().default(1).describe('this leg takes this multiple of the feed latency of the event it goes with'),
    add_ms: nonNegative().default(0).describe('plus this constant, ms'),
  }),
]);

export const scenarioSchema = z.strictObject({
  description: z.string().describe('what market this scenario stands for and how it was chosen'),
  symbol: z.string().default('SYNTH'),
  start_price: positive().describe('initial mid price'),
  tick_size: positive().describe('price grid of the market and of our quotes'),
  volatility_bps_per_sqrt_s: nonNegative().describe('mid diffusion: standard deviation of log returns, bps per sqrt(second)'),
  jump_rate_per_s: nonNegative().describe('Poisson rate of mid jumps'),
  jump_bps: nonNegative().describe('size of a jump (sign random), bps'),
  quote_rate_per_s: positive().describe('Poisson rate of L1 quote updates'),
  spread_ticks: z.number().int().positive().describe('market spread in ticks'),
  top_size: distribution.describe('displayed size at the best bid/ask, base units'),
  trade_rate_per_s: nonNegative().describe('Poisson rate of trades'),
  trade_size: distribution.describe('trade size, base units'),
  trade_depth_bps: positive().describe(
    'mean distance beyond the touch a trade sweeps to, bps (exponential): fill intensity A*exp(-k*delta) with k = 1/this',
  ),
  trade_burst_prints: z
    .number()
    .min(1)
    .default(1)
    .describe(
      'mean prints per taker episode (geometric): an episode prints this many trades of one side at one time, as a sweep does; 1 = every print on its own',
    ),
  informed_share: z.number().min(0).max(1).describe('share of taker episodes that are informed: the mid follows them'),
  informed_move_bps: nonNegative().describe('mid move in an informed episode\'s direction at its first print, bps per print of the episode'),
  fees: z.strictObject({
    maker_bps: z.number().describe('fee on passive fills, bps of notional; negative = rebate'),
    taker_bps: z.number().describe('fee on aggressive fills, bps of notional'),
  }),
  latency: latencySchema.describe('order-entry leg: our request to the exchange'),
  response_latency: latencySchema
    .optional()
    .describe('response leg: the exchange\'s ack or fill back to us; default constant 0 (the ack as the request arrives)'),
  feed_latency: latencySchema
    .optional()
    .describe('feed leg: market data to us; default from-data (a replay: the capture\'s own; the mock: none)'),
  order_size: positive().describe('our quote size, base units (before impact_cap_ratio)'),
  max_position: positive().describe('position limit for the risk guard, base units'),
  window_s: positive().describe('length of one soak iteration, market seconds'),
  ...modelChoiceFields,
  calibration: z
    .looseObject({})
    .optional()
    .describe('for calibrated scenarios: what it was fitted from and the fitted values that are not parameters'),
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type LatencySpec = z.infer<typeof latencySchema>;

/** One zod issue as a reader-facing phrase naming the key and the value found. */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const key = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}${key ? ` in "${key}"` : ''}`;
  let v: unknown = raw;
  for (const p of issue.path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  if (issue.code === 'invalid_type' && v === undefined) return `key "${key}" is missing`;
  return `key "${key}": ${issue.message}${v !== undefined && typeof v !== 'object' ? ` (got ${JSON.stringify(v)})` : ''}`;
}

export function parseScenario(raw: unknown, label: string): Scenario {
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => describeIssue(i, raw));
    throw new MarketDataError(`${label}: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** A JSON config file (`what`: scenario, venue) read and handed to its parser; missing or malformed is one clear line. */
export function loadConfigFile<T>(path: string, label: string, what: string, parse: (raw: unknown, label: string) => T): T {
  if (!existsSync(path)) throw new MarketDataError(`${label}: ${what} file not found`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new MarketDataError(`${label}: malformed JSON: ${(e as Error).message}`);
  }
  return parse(raw, label);
}

export function loadScenario(path: string, label = path): Scenario {
  return loadConfigFile(path, label, 'scenario', parseScenario);
}
