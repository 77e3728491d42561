// Bundles the CLI into dist/ so `mm` starts from a few files instead of hundreds of ESM modules. Workspace
// libraries are taken from their TypeScript source (the @mm-profiles/source export condition); npm
// dependencies are bundled too, Node's built-ins stay external. Subcommands are separate chunks.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: { main: 'src/main.ts' },
  platform: 'node',
  resolve: { conditionNames: ['@mm-profiles/source', 'node', 'import', 'default'], mainFields: ['module', 'main'] },
  output: {
    dir: 'dist',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    minify: false,
  },
});
