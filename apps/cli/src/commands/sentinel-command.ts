/** `mm sentinel`: load, validate and apply a profile, save the applied profile and its provenance. */
import {
  APPLIED_PROFILE_FILE,
  DEFAULT_CONFIG_DIR,
  DEFAULT_SOAK_DIR,
  PROFILE_FIELDS,
  canonicalJson,
  marker,
  profileAppliedMarker,
  resolveProfile,
  saveAppliedProfile,
  UserError,
} from '@mm-profiles/profile-core';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot, root, shown } from '../cli-context.js';
import { requireProfileName } from '../profile-option.js';

export interface SentinelOptions {
  profile?: string;
  dryRun?: boolean;
  out?: string;
  configDir?: string;
  json?: boolean;
  watch?: string;
  follow?: boolean;
  sentinelConfig?: string;
}

const RULE = '='.repeat(60);
const THIN = '-'.repeat(60);

export async function sentinelCommand(options: SentinelOptions): Promise<number> {
  const configDir = fromRoot(options.configDir ?? DEFAULT_CONFIG_DIR);
  const name = requireProfileName(options.profile, configDir);
  const out = fromRoot(options.out ?? join(DEFAULT_SOAK_DIR, APPLIED_PROFILE_FILE));
  const resolved = resolveProfile({ name, configDir, root });
  if (options.watch && options.dryRun) {
    throw new UserError('--watch tails edge samples against an applied profile; --dry-run applies nothing: drop one of them');
  }
  // Every input of --watch is checked before the applied profile is written: a bad one changes nothing.
  const watch = options.watch && !options.dryRun ? await prepareWatch(options) : undefined;
  saveAppliedProfile(out, resolved);

  if (options.json) {
    process.stdout.write(canonicalJson({ applied: resolved.applied, path: shown(out), provenance: resolved.provenance }));
  } else {
    const lines = [RULE, `Loading profile: ${name}`, RULE, ...resolved.markers, profileAppliedMarker(name), '', 'Applied profile configuration:', THIN];
    for (const field of PROFILE_FIELDS) lines.push(`  ${field.padEnd(30)} = ${resolved.applied[field]}`);
    lines.push(THIN, marker('save_applied_profile', 'OK', shown(out)), '');
    lines.push(options.dryRun ? '[OK] Dry run complete - profile loaded successfully' : `[OK] Profile ${name} applied`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  if (watch) return watch.watchEdge(watch.file, name, watch.policy, { follow: options.follow !== false });
  return 0;
}

async function prepareWatch(options: SentinelOptions) {
  const [{ watchEdge }, { sentinelSettings }] = await Promise.all([import('./watch-command.js'), import('../sentinel-settings.js')]);
  const file = fromRoot(options.watch!);
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st) throw new UserError(`${shown(file)}: file not found (--watch)`);
  if (st.isDirectory()) throw new UserError(`${shown(file)}: is a folder, not a file (--watch)`);
  return { watchEdge, file, policy: sentinelSettings(options.sentinelConfig).edge_policy };
}
