/** The sentinel's config file, `config/sentinel.json`; the built-in defaults when it does not exist. */
import { workspaceSentinelConfig, type SentinelConfig } from '@mm-profiles/sentinel';
import { root } from './cli-context.js';

export function sentinelSettings(path: string | undefined): SentinelConfig {
  return workspaceSentinelConfig(root, path);
}
