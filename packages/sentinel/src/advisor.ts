/**
 * The advisor (the seed's "tuning on data"): from a soak summary, suggest the next profile. Net edge below zero
 * widens the spread; many min_interval blocks slow the churn; many concurrency blocks lower concurrency. The
 * suggestion keeps the profile's own form (a delta stays a delta, an absolute stays absolute) and is checked
 * with profile-core before it is returned.
 */
import {
  DELTA_SUFFIX,
  ProfileError,
  appliedViolations,
  decimalAdd,
  mergeProfile,
  type AppliedProfile,
  type ProfileField,
  type ProfileFile,
  type SoakSummary,
} from '@mm-profiles/profile-core';
import type { AdvisorConfig } from './sentinel-config.js';

export interface Advice {
  profile: ProfileFile;
  applied: AppliedProfile;
  /** One line per change, saying what and why. */
  reasons: string[];
}

/** Shifts a field by `step` in whatever form the profile holds it; returns the new applied value. */
function shift(profile: ProfileFile, base: AppliedProfile, field: ProfileField, step: number): number {
  const abs = profile[field];
  if (abs !== undefined) {
    profile[field] = decimalAdd(abs, step);
    return profile[field]!;
  }
  const key = field + DELTA_SUFFIX;
  profile[key] = decimalAdd(profile[key] ?? 0, step);
  return decimalAdd(base[field], profile[key]!);
}

/** Requests the guard lets in flight for a concurrency_limit (SPEC 4). */
const slots = (limit: number) => Math.max(1, Math.floor(limit));

export function advise(summary: SoakSummary, base: AppliedProfile, current: ProfileFile, cfg: AdvisorConfig): Advice {
  const profile: ProfileFile = { ...current };
  const before = mergeProfile(base, current).applied;
  const reasons: string[] = [];
  const m = summary.metrics;
  const attempts = Math.max(1, m.attempts);

  if (m.net_bps < cfg.net_bps_below) {
    const to = shift(profile, base, 'base_spread_bps', cfg.spread_step_bps);
    reasons.push(`net edge ${m.net_bps} bps < ${cfg.net_bps_below}: base_spread_bps ${before.base_spread_bps} -> ${to} (wider quotes, less adverse selection)`);
  }
  const minIntervalRatio = m.blocked_by.min_interval / attempts;
  if (minIntervalRatio > cfg.min_interval_block_ratio_above) {
    const to = shift(profile, base, 'min_interval_ms', cfg.min_interval_step_ms);
    reasons.push(
      `min_interval blocks ${(minIntervalRatio * 100).toFixed(1)}% of attempts > ${cfg.min_interval_block_ratio_above * 100}%: min_interval_ms ${before.min_interval_ms} -> ${to} (fewer actions wanted too early)`,
    );
  }
  const concurrencyRatio = m.blocked_by.concurrency / attempts;
  if (concurrencyRatio > cfg.concurrency_block_ratio_above) {
    const what = `concurrency blocks ${(concurrencyRatio * 100).toFixed(1)}% of attempts`;
    const slotsBefore = slots(before.concurrency_limit);
    if (slotsBefore <= 1) {
      reasons.push(`${what}, but concurrency_limit ${before.concurrency_limit} is already one slot (the guard floors it): lowering it would change nothing`);
    } else {
      // The guard allows floor(limit) requests in flight: a step that floors to the same count is no change, so
      // go to one slot fewer.
      const stepped = decimalAdd(before.concurrency_limit, -cfg.concurrency_step);
      const target = slots(stepped) < slotsBefore ? stepped : slotsBefore - 1;
      const to = shift(profile, base, 'concurrency_limit', decimalAdd(target, -before.concurrency_limit));
      reasons.push(
        `${what} > ${cfg.concurrency_block_ratio_above * 100}%: concurrency_limit ${before.concurrency_limit} -> ${to} (${slotsBefore} -> ${slots(to)} requests in flight, less parallel churn)`,
      );
    }
  }
  const merged = mergeProfile(base, profile);
  const problems = appliedViolations(merged, 'the advised profile');
  if (problems.length) throw new ProfileError(problems);
  return { profile, applied: merged.applied, reasons };
}
