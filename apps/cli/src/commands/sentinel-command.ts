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
} from '@mm-profiles/profile-core';
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
  if (options.watch && !options.dryRun) {
    const [{ watchEdge }, { sentinelSettings }] = await Promise.all([import('./watch-command.js'), import('../sentinel-settings.js')]);
    return watchEdge(fromRoot(options.watch), name, sentinelSettings(options.sentinelConfig).edge_policy, { follow: options.follow !== false });
  }
  return 0;
}
