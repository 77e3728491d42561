import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_CONFIG = resolve(import.meta.dirname, '../../../../config/profiles');

/** A scratch workspace with the repo's profiles copied in, plus any extra profile files. */
export function scratchWorkspace(extra: Record<string, string> = {}): { root: string; configDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'mm-profile-'));
  writeFileSync(join(root, 'nx.json'), '{}');
  const configDir = join(root, 'config/profiles');
  cpSync(REPO_CONFIG, configDir, { recursive: true });
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(configDir, name), text);
  return { root, configDir };
}
