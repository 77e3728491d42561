import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { projectVitestConfig } from '../../tools/build/vitest-project.mjs';

/**
 * A mutation run's order: files that failed last time first, then the quickest first (vitest's own order is the
 * slowest first). Stryker stops a mutant's run at its first failing test, and most mutants of the small modules
 * are caught by their quick unit specs: run after the soak specs, each of those cost a whole pass over the soaks.
 * Order only: every covering test still runs for a mutant that survives.
 */
class QuickFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const key = (f: TestSpecification) => `${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`;
    const rank = (f: TestSpecification): [number, number] => {
      const r = cache.getFileTestResults(key(f));
      if (r) return [r.failed ? 0 : 1, r.duration];
      // Never timed: smaller files first.
      return [1, cache.getFileStats(key(f))?.size ?? 0];
    };
    return [...files].sort((a, b) => {
      const [fa, da] = rank(a);
      const [fb, db] = rank(b);
      return fa - fb || da - db;
    });
  }
}

const config = projectVitestConfig(import.meta.dirname, 'soak-runner');
// A mutation run (MM_MUTATION=1, tools/mutation/run.mjs) runs the spec files without isolation: one module graph
// per test run, shared by its files, instead of a fresh import per file. A mutant in the ledger, the engine or the
// audit log is covered by every soak spec, and importing the soak's graph (market-sim, profile-core, sentinel...)
// once per spec file was most of each of its test runs (the whole suite with one worker: 70 s isolated, 23 s
// shared). Stryker's vitest runner starts a fresh worker for every mutant's run, so each mutant still gets fresh
// modules (static mutants included); only the files of one run share them. The suite passes that way, in order
// and shuffled (`MM_MUTATION=1 npx vitest run --config packages/soak-runner/vitest.config.ts --sequence.shuffle`).
if (process.env.MM_MUTATION === '1') {
  config.test!.isolate = false;
  config.test!.sequence = { sequencer: QuickFirst };
}

export default config;
