/** The profile name from `--profile`, else `MM_PROFILE`; neither is a usage error listing what exists. */
import { BASE_PROFILE_NAME, UserError, listProfileNames } from '@mm-profiles/profile-core';
import { existsSync } from 'node:fs';
import { shown } from './cli-context.js';

export function requireProfileName(flag: string | undefined, configDir: string): string {
  const name = flag ?? (process.env['MM_PROFILE'] || undefined);
  if (name !== undefined) return name;
  const available = existsSync(configDir) ? [BASE_PROFILE_NAME, ...listProfileNames(configDir)] : [];
  throw new UserError(
    `no profile given: pass --profile NAME or set MM_PROFILE (available in ${shown(configDir)}: ${available.join(', ') || 'none'})`,
  );
}
