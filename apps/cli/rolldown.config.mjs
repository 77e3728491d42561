// Bundles the CLI into dist/ so `mm` starts from a few files instead of hundreds of ESM modules. Workspace
// libraries are taken from their TypeScript source (the @mm-profiles/source export condition); npm
// dependencies are bundled too, Node's built-ins stay external. Subcommands are separate chunks.
import { defineConfig } from 'rolldown';

export default defineConfig({
  // The sweep's worker threads load their own entry.
  input: { main: 'src/main.ts', 'sweep-worker': 'src/sweep-worker.ts' },
  platform: 'node',
  // piscina finds its own worker script through __dirname: it stays a package, loaded from node_modules.
  external: ['piscina'],
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
