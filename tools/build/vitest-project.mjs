// What every project's vitest.config.ts uses: tests run from the workspace libraries' TypeScript source
// (their @mm-profiles/source export), never a stale dist; one place for the settings all projects share.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const conditions = ['@mm-profiles/source', 'node', 'import', 'default'];
const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `dir`: the project's folder (import.meta.dirname); `name`: its Nx name. `mutationExclude`: spec globs (relative
 * to `dir`) a mutation run leaves out (MM_MUTATION=1, set by tools/mutation/run.mjs): specs that can never kill a
 * mutant in Stryker's sandbox (they run a built bundle in a child process). The README lists them.
 */
export function projectVitestConfig(dir, name, { testTimeout = 60_000, mutationExclude = [] } = {}) {
  const mutation = process.env.MM_MUTATION === '1';
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
      exclude: [...configDefaults.exclude, ...(mutation ? mutationExclude : [])],
      reporters: ['default'],
      testTimeout,
    },
  });
}
