/** The sentinel's config file, `config/sentinel.json`; the built-in defaults when it does not exist. */
import { DEFAULT_SENTINEL_CONFIG, loadSentinelConfig, type SentinelConfig } from '@mm-profiles/sentinel';
import { existsSync } from 'node:fs';
import { fromRoot, shown } from './cli-context.js';

export const DEFAULT_SENTINEL_CONFIG_PATH = 'config/sentinel.json';

export function sentinelSettings(path: string | undefined): SentinelConfig {
  const full = fromRoot(path ?? DEFAULT_SENTINEL_CONFIG_PATH);
  if (path === undefined && !existsSync(full)) return DEFAULT_SENTINEL_CONFIG;
  return loadSentinelConfig(full, shown(full));
}
