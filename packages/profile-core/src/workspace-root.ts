/** Finds the workspace root (the folder with nx.json) so relative paths mean the same from any folder. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function findWorkspaceRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}
