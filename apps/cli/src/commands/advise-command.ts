/** `mm advise --from DIR`: read a soak's summary.json, print the advice, write recommended_profile.json. */
import {
  BASE_PROFILE_NAME,
  canonicalJson,
  describeIssues,
  loadBase,
  loadProfileFile,
  readJsonFile,
  soakSummarySchema,
  writeFileAtomic,
  ProfileError,
  UserError,
  type ProfileFile,
} from '@mm-profiles/profile-core';
import { advise, type AdvisorConfig } from '@mm-profiles/sentinel';
import { join } from 'node:path';
import { shown } from '../cli-context.js';

export function adviseCommand(fromDir: string, configDir: string, out: string, config: AdvisorConfig): number {
  const summaryPath = join(fromDir, 'summary.json');
  const label = shown(summaryPath);
  const raw = readJsonFile(summaryPath, label);
  const parsed = soakSummarySchema.safeParse(raw);
  if (!parsed.success) throw new ProfileError(describeIssues(parsed.error.issues, label, raw));
  const summary = parsed.data;
  if (summary.verdict === 'INCOMPLETE') {
    // An interrupted soak's metrics cover part of the planned run: advice from them would look as sure as any.
    throw new UserError(`${label}: the soak was interrupted (verdict INCOMPLETE): no advice from a partial run; run the soak to the end`);
  }
  const base = loadBase(configDir, shown).content;
  const current: ProfileFile = summary.profile === BASE_PROFILE_NAME ? {} : loadProfileFile(summary.profile, configDir, shown).content;
  const advice = advise(summary, base, current, config);
  const lines = [`advice for profile ${summary.profile} from ${label} (net ${summary.metrics.net_bps} bps, verdict ${summary.verdict}):`];
  if (advice.reasons.length === 0) lines.push('  no change: edge and block rates are within the advisor thresholds');
  for (const r of advice.reasons) lines.push(`  - ${r}`);
  writeFileAtomic(out, canonicalJson(advice.profile));
  lines.push(`| advise | OK | ${shown(out)} |`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
