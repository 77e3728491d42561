// How an app (apps/cli, apps/ci-gate) is bundled into its dist/: ESM for Node, workspace libraries taken from
// their TypeScript source (the @mm-profiles/source export condition), npm dependencies bundled unless listed
// as external, Node's built-ins external. One file so the apps cannot drift apart.
import { defineConfig } from 'rolldown';

/**
 * commander requires node:child_process at load for one use: running a subcommand as a separate executable,
 * which these apps never do. Loading it costs every start-up its module and the net/dgram/stream wrappers it
 * pulls in; here it is required on first spawn instead (the same function, called the same way).
 */
const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyCommanderChildProcess = {
  name: 'lazy-commander-child-process',
  transform(code, id) {
    if (!/[\\/]commander[\\/]lib[\\/]command\.js$/.test(id)) return null;
    if (!code.includes(COMMANDER_CHILD_PROCESS)) throw new Error(`${id}: commander no longer requires child_process as expected; update tools/build/rolldown-app.mjs`);
    return code.replace(COMMANDER_CHILD_PROCESS, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };");
  },
};

/** `input`: entry name -> source file; `external`: packages loaded from node_modules at run time. */
export function appBundleConfig({ input, external = [] }) {
  return defineConfig({
    input,
    platform: 'node',
    external,
    plugins: [lazyCommanderChildProcess],
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
