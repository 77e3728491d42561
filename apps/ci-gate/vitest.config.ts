import { defineConfig } from 'vitest/config';

// Workspace libraries are tested from source (their @mm-profiles/source export), never a stale dist.
const conditions = ['@mm-profiles/source', 'node', 'import', 'default'];

export default defineConfig({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/ci-gate',
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    name: 'ci-gate',
    watch: false,
    globals: false,
    environment: 'node',
    include: ['src/**/*.spec.ts'],
    reporters: ['default'],
    testTimeout: 120_000,
  },
});
