// What every project's vitest.config.ts uses: tests run from the workspace libraries' TypeScript source
// (their @mm-profiles/source export), never a stale dist; one place for the settings all projects share.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const conditions = ['@mm-profiles/source', 'node', 'import', 'default'];
const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

/** `dir`: the project's folder (import.meta.dirname); `name`: its Nx name. */
export function projectVitestConfig(dir, name, { testTimeout = 60_000 } = {}) {
  return defineConfig({
    root: dir,
    cacheDir: `../../node_modules/.vite/${relative(workspaceRoot, dir)}`,
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: conditions } },
    test: {
      name,
      watch: false,
      globals: false,
      environment: 'node',
      include: ['src/**/*.spec.ts'],
      reporters: ['default'],
      testTimeout,
    },
  });
}
