/** `config/sentinel.json`: edge-policy thresholds and the fallback profile, and the advisor's rules and steps. */
import { describeIssues, readJsonFile, ProfileError } from '@mm-profiles/profile-core';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { z } from 'zod';
import { DEFAULT_AUTO_TUNE } from './internal/min-interval-tuner.js';

export const edgePolicyConfigSchema = z.strictObject({
  fallback_profile: z.string().describe('profile switched to when edge decays'),
  fast_span_s: z.number().positive().describe('time span of the fast ("1 h") EMA of net edge, seconds'),
  slow_span_s: z.number().positive().describe('time span of the slow ("24 h") EMA of net edge, seconds'),
  switch_below_bps: z.number().describe('a window counts as bad when the fast EMA is below this'),
  consecutive_windows: z.number().int().positive().describe('bad windows in a row that switch to the fallback'),
  switch_back_at_bps: z.number().describe('back to the primary when the slow EMA is at or above this'),
});

export const advisorConfigSchema = z.strictObject({
  net_bps_below: z.number().describe('net edge below this widens the spread'),
  spread_step_bps: z.number().positive(),
  min_interval_block_ratio_above: z.number().min(0).max(1).describe('min_interval blocks / attempts above this slows down'),
  min_interval_step_ms: z.number().int().positive(),
  concurrency_block_ratio_above: z.number().min(0).max(1).describe('concurrency blocks / attempts above this lowers concurrency'),
  concurrency_step: z.number().positive(),
});

export const autoTuneConfigSchema = z.strictObject({
  block_rate_above: z.number().min(0).max(1).describe('min_interval blocks / attempts (intents) in a window above this raise min_interval_ms'),
  step_ms: z.number().int().positive().describe('one raise or revert, ms'),
  max_ms: z.number().int().positive().describe('ceiling of min_interval_ms'),
  max_consecutive_raises: z.number().int().nonnegative().describe('raises in a row before it holds (until a window does not call for one)'),
  revert_below: z.number().min(0).max(1).describe('below this block rate it steps back toward the profile\'s value'),
});

export const sentinelConfigSchema = z.strictObject({
  edge_policy: edgePolicyConfigSchema,
  advisor: advisorConfigSchema,
  auto_tune: autoTuneConfigSchema.default(DEFAULT_AUTO_TUNE).describe('bounds of the min_interval auto-tune'),
});

export type EdgePolicyConfig = z.infer<typeof edgePolicyConfigSchema>;
export type AdvisorConfig = z.infer<typeof advisorConfigSchema>;
export type SentinelConfig = z.infer<typeof sentinelConfigSchema>;

export const DEFAULT_SENTINEL_CONFIG: SentinelConfig = {
  edge_policy: {
    fallback_profile: 'conservative',
    fast_span_s: 3600,
    slow_span_s: 86400,
    switch_below_bps: 0,
    consecutive_windows: 3,
    switch_back_at_bps: 1.5,
  },
  advisor: {
    net_bps_below: 0,
    spread_step_bps: 0.1,
    min_interval_block_ratio_above: 0.25,
    min_interval_step_ms: 10,
    concurrency_block_ratio_above: 0.1,
    concurrency_step: 0.1,
  },
  auto_tune: DEFAULT_AUTO_TUNE,
};

export function loadSentinelConfig(path: string, label = path): SentinelConfig {
  const raw = readJsonFile(path, label);
  const parsed = sentinelConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ProfileError(describeIssues(parsed.error.issues, label, raw, ['edge_policy', 'advisor']));
  return parsed.data;
}

export const DEFAULT_SENTINEL_CONFIG_PATH = 'config/sentinel.json';

/**
 * The workspace's sentinel config: `path` (relative to `root`) when given, else `config/sentinel.json`, else the
 * built-in defaults when that file does not exist.
 */
export function workspaceSentinelConfig(root: string, path?: string): SentinelConfig {
  const full = isAbsolute(path ?? '') ? path! : join(root, path ?? DEFAULT_SENTINEL_CONFIG_PATH);
  if (path === undefined && !existsSync(full)) return DEFAULT_SENTINEL_CONFIG;
  return loadSentinelConfig(full, relative(root, full) || full);
}
