/**
 * Where real market data is found for tests: small slices committed with the repo (packages/market-sim/
 * fixtures/market-data, licences beside them: a test on them runs on any checkout), and the full captures in
 * ../shared/data beside the checkout, which only some machines have. A full-file test asks `sharedDataFile`:
 * when the file is missing it is skipped with a warning naming the file (never silently), and with
 * MM_REQUIRE_SHARED_DATA=1 (.ci/run sets it) the test file fails instead. A mutation run (MM_MUTATION=1, set by
 * tools/mutation/run.mjs) leaves the full files out, said in one line: they take most of the suite's time and
 * the slices reach the same code.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A committed slice, by its path under fixtures/market-data; missing, it is an error (a broken checkout). */
export function fixtureDataFile(workspaceRoot: string, rel: string): string {
  const path = join(workspaceRoot, 'packages/market-sim/fixtures/market-data', rel);
  if (!existsSync(path)) throw new Error(`missing test fixture ${path}`);
  return path;
}

/**
 * A full capture under ../shared/data, or undefined: in a mutation run, or when missing (warned; an error under
 * MM_REQUIRE_SHARED_DATA=1).
 */
export function sharedDataFile(workspaceRoot: string, rel: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = join(workspaceRoot, '../shared/data', rel);
  if (env['MM_MUTATION'] === '1') {
    console.warn(`full-file test left out of the mutation run: ${path} (MM_MUTATION=1; the committed slices still run)`);
    return undefined;
  }
  if (existsSync(path)) return path;
  const msg = `full-file test skipped: ${path} not found (the committed slices still run)`;
  if (env['MM_REQUIRE_SHARED_DATA'] === '1') throw new Error(`${msg}; MM_REQUIRE_SHARED_DATA=1 requires it`);
  console.warn(msg);
  return undefined;
}
