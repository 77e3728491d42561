/** Runs the built `mm` bundle as a user would, in a scratch workspace, and captures what it prints. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
export const MM = join(REPO_ROOT, 'apps/cli/dist/main.js');

export interface MmResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runMm(args: string[], options: { cwd: string; env?: Record<string, string> }): MmResult {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...options.env };
  delete env['MM_PROFILE'];
  delete env['MM_RUNTIME_OVERRIDES_JSON'];
  Object.assign(env, options.env);
  const r = spawnSync(process.execPath, [MM, ...args], { cwd: options.cwd, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch workspace with nx.json and copies of the repo's config folders. */
export function scratchRepo(extraProfiles: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'mm-cli-'));
  writeFileSync(join(root, 'nx.json'), '{}');
  cpSync(join(REPO_ROOT, 'config'), join(root, 'config'), { recursive: true });
  for (const [name, text] of Object.entries(extraProfiles)) writeFileSync(join(root, 'config/profiles', name), text);
  return root;
}
