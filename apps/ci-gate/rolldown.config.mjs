// Bundles ci-gate into dist/ (as apps/cli does): workspace libraries from their TypeScript source, npm
// dependencies bundled, Node's built-ins external.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: { main: 'src/main.ts' },
  platform: 'node',
  resolve: { conditionNames: ['@mm-profiles/source', 'node', 'import', 'default'], mainFields: ['module', 'main'] },
  output: {
    dir: 'dist',
    // A rebuild leaves no chunks of an older build behind.
    cleanDir: true,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    minify: false,
  },
});
