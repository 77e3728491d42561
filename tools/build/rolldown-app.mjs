// How an app (apps/cli, apps/ci-gate) is bundled into its dist/: ESM for Node, workspace libraries taken from
// their TypeScript source (the @mm-profiles/source export condition), npm dependencies bundled unless listed
// as external, Node's built-ins external. One file so the apps cannot drift apart.
import { defineConfig } from 'rolldown';

/** `input`: entry name -> source file; `external`: packages loaded from node_modules at run time. */
export function appBundleConfig({ input, external = [] }) {
  return defineConfig({
    input,
    platform: 'node',
    external,
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
}
