/** Finds the workspace root (the folder with nx.json) so relative paths mean the same from any folder. */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

export function findWorkspaceRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

export interface WorkspacePaths {
  root: string;
  /** A user-given path: absolute stays, relative is taken from the root (as `nx run` changes the cwd). */
  fromRoot(path: string): string;
  /** How a path is shown: relative to the root when inside it. */
  shown(path: string): string;
}

export function workspacePaths(root: string): WorkspacePaths {
  return {
    root,
    fromRoot: (path) => (isAbsolute(path) ? path : resolve(root, path)),
    shown: (path) => {
      const rel = relative(root, path);
      return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
    },
  };
}
