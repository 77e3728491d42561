/**
 * The soak result as the soak runner writes it to `summary.json` and the advisor and CI gate read it. Shared
 * here so both sides agree on one shape; extra metrics pass through.
 */
import { z } from 'zod';

export const BLOCK_REASONS = ['risk', 'min_interval', 'concurrency', 'throttle'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

export const blockCountsSchema = z.strictObject({
  risk: z.number().int().nonnegative(),
  min_interval: z.number().int().nonnegative(),
  concurrency: z.number().int().nonnegative(),
  throttle: z.number().int().nonnegative(),
});

export const soakMetricsSchema = z.looseObject({
  net_bps: z.number(),
  attempts: z.number().int().nonnegative().describe('decisions that wanted an order action'),
  executed: z.number().int().nonnegative().describe('actions that passed the guard and were sent'),
  blocked_by: blockCountsSchema,
});

/** A 95% interval of a mean over samples (seeds, or replay windows). */
export const intervalSchema = z.strictObject({
  mean: z.number(),
  lo: z.number(),
  hi: z.number(),
  n: z.number().int().positive(),
  stdev: z.number().nonnegative(),
});

export const soakSummarySchema = z.looseObject({
  profile: z.string(),
  verdict: z.enum(['PASS', 'FAIL', 'INCONCLUSIVE', 'INCOMPLETE']),
  metrics: soakMetricsSchema,
  intervals: z.record(z.string(), intervalSchema).optional().describe('metric -> 95% interval over the samples'),
});

export type BlockCounts = z.infer<typeof blockCountsSchema>;
export type SoakMetrics = z.infer<typeof soakMetricsSchema>;
export type SoakSummary = z.infer<typeof soakSummarySchema>;
