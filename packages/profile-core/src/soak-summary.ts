/**
 * The soak result as the soak runner writes it to `summary.json` and the advisor, the report and the CI gate read
 * it: one schema per shape, shared here so writer and readers cannot drift. A single run's summary
 * (`soakRunSummarySchema`) and a multi-seed folder's (`soakSeedsSummarySchema`) are strict: the writer parses
 * what it writes through them, and a reader refuses a missing or unknown key. `soakSummarySchema` is the part
 * both shapes share (profile, verdict, metrics, intervals), for readers of either.
 */
import { z } from 'zod';
import { quoterSpecSchema } from './quoter-spec.js';

export const BLOCK_REASONS = ['risk', 'min_interval', 'concurrency', 'throttle'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

export const blockCountsSchema = z.strictObject({
  risk: z.number().int().nonnegative(),
  min_interval: z.number().int().nonnegative(),
  concurrency: z.number().int().nonnegative(),
  throttle: z.number().int().nonnegative(),
});

const count = z.number().int().nonnegative();
const verdictSchema = z.enum(['PASS', 'FAIL', 'INCONCLUSIVE', 'INCOMPLETE']);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex');

/** A metric: a number, or a table of numbers (blocked_by, markout_bps). */
const metricValue = z.union([z.number(), z.record(z.string(), z.number())]);

/** The metrics every reader relies on; the rest (METRIC_NAMES of soak-runner) pass through as numbers or tables. */
export const soakMetricsSchema = z
  .object({
    net_bps: z.number(),
    attempts: count.describe('decisions that wanted an order action'),
    executed: count.describe('actions that passed the guard and were sent'),
    blocked_by: blockCountsSchema,
  })
  .catchall(metricValue);

/** A whole run's metrics: also the order counts the CI gate binds to the audit log's lines. */
export const runMetricsSchema = soakMetricsSchema.extend({
  fills: count,
  places: count,
  replaces: count,
  cancels: count,
  rejects: count,
});

/** A 95% interval of a mean over samples (seeds, or replay windows). */
export const intervalSchema = z.strictObject({
  mean: z.number(),
  lo: z.number(),
  hi: z.number(),
  n: z.number().int().positive(),
  stdev: z.number().nonnegative(),
});

/** What both shapes share, for readers of either (the advisor, the report's pages). */
export const soakSummarySchema = z.looseObject({
  profile: z.string(),
  verdict: verdictSchema,
  metrics: soakMetricsSchema,
  intervals: z.record(z.string(), intervalSchema).optional().describe('metric -> 95% interval over the samples'),
});


/** A gate as judged (soak-runner's GateResult). */
export const gateResultSchema = z.strictObject({
  metric: z.string(),
  op: z.enum(['>', '>=', '<', '<=']),
  value: z.number(),
  meaning: z.string().optional(),
  kind: z.enum(['hard', 'soft']),
  actual: z.number().nullable(),
  pass: z.boolean(),
  status: z.enum(['PASS', 'FAIL', 'WARN', 'INCONCLUSIVE']),
  interval: intervalSchema.optional(),
  finding: z.string().optional(),
});

const models = {
  queue_model: z.string(),
  exchange_model: z.string(),
  latency: z
    .strictObject({ feed: z.string(), entry: z.string(), response: z.string(), feed_extra_ms: z.number().nonnegative() })
    .describe('the latency legs in force, by model name, and the constant extra feed delay'),
};

/** Where the run traded: a seeded synthetic market, or a replayed capture (with its reader's counts). */
export const soakMarketSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('mock'), scenario: z.string(), seed: z.number().int().nonnegative(), venue: z.string(), ...models }),
  z.strictObject({
    kind: z.literal('replay'),
    file: z.string(),
    format: z.string(),
    venue: z.string(),
    latency_scenario: z.string(),
    ...models,
    depth: z.enum(['off', 'none', 'l2']).describe("the L2 book: off (--depth off), none (the capture has no depth), l2"),
    // The reader's counts grow with its formats: the ones every reader keeps, the rest passed through.
    stats: z.looseObject({ lines: count, quotes: count, trades: count, badLines: count }).optional(),
  }),
]);

/** The samples the intervals are over: seeds (a synthetic market) or windows with fills (a replay). */
export const samplesSchema = z.strictObject({ unit: z.enum(['seed', 'window']), n: count });

/** A single run's summary.json (`mm soak`, one seed). */
export const soakRunSummarySchema = z.strictObject({
  profile: z.string(),
  verdict: verdictSchema,
  complete: z.boolean(),
  iterations: count.describe('windows done'),
  iterations_planned: z.number().int().positive(),
  window_s: z.number().positive(),
  market: soakMarketSchema,
  metrics: runMetricsSchema,
  samples: samplesSchema,
  intervals: z.record(z.string(), intervalSchema).describe('metric -> 95% interval over the samples'),
  gates: z.array(gateResultSchema),
  edge_policy: z.array(z.strictObject({ ts: z.number(), action: z.string(), active: z.string(), ema_fast: z.number(), ema_slow: z.number() })),
  runtime_adjustments: z.array(z.strictObject({ ts: z.number(), field: z.string(), from: z.number(), to: z.number(), reason: z.string() })),
  profile_switches: z.array(z.strictObject({ ts: z.number(), from: z.string(), to: z.string(), reason: z.string() })),
  applied_profile: z.record(z.string(), z.number()),
  quoter: quoterSpecSchema().optional().describe('the strategy, when not the profile quoter'),
  pnl_identity_gap: z.number().nonnegative(),
  audit: z
    .strictObject({ mode: z.enum(['fills', 'off']).optional(), lines: count.optional(), head: sha256.nullable().optional() })
    .refine((a) => a.mode === 'off' || (a.lines !== undefined && a.head !== undefined), 'must carry lines and head (only --audit off has neither)')
    .describe("the audit log's --audit mode (absent: full), length and last hash"),
  metrics_sha256: sha256.describe('sha256 of metrics.jsonl'),
});

/** A multi-seed folder's summary.json (`mm soak --seeds N`): means over the seeds, each seed in `seed-<s>/`. */
export const soakSeedsSummarySchema = z.strictObject({
  profile: z.string(),
  verdict: verdictSchema,
  complete: z.boolean(),
  seeds: z.array(z.number().int().nonnegative()),
  seeds_planned: z.number().int().positive(),
  samples: samplesSchema,
  market: soakMarketSchema.optional().describe("the first seed's market"),
  iterations_per_seed: z.number().int().positive(),
  metrics: z.record(z.string(), z.number()).describe('the mean of each numeric metric over the seeds'),
  intervals: z.record(z.string(), intervalSchema),
  gates: z.array(gateResultSchema),
  runs: z
    // dir: the seed's sub-folder, which readers join to the folder's path (so never `..` or absolute).
    .array(z.strictObject({ seed: z.number().int().nonnegative(), verdict: verdictSchema, net_bps: z.number(), dir: z.string().regex(/^seed-\d+$/, 'must be seed-<n>') }))
    .min(1, 'must list at least one run'),
});

export type BlockCounts = z.infer<typeof blockCountsSchema>;
export type SoakMetrics = z.infer<typeof soakMetricsSchema>;
export type SoakSummary = z.infer<typeof soakSummarySchema>;
export type RunMetrics = z.infer<typeof runMetricsSchema>;
export type GateResultRecord = z.infer<typeof gateResultSchema>;
export type SoakMarket = z.infer<typeof soakMarketSchema>;
export type SoakRunSummary = z.infer<typeof soakRunSummarySchema>;
export type SoakSeedsSummary = z.infer<typeof soakSeedsSummarySchema>;
