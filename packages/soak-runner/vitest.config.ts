import { projectVitestConfig } from '../../tools/build/vitest-project.mjs';

const config = projectVitestConfig(import.meta.dirname, 'soak-runner');
// A mutation run (MM_MUTATION=1, tools/mutation/run.mjs) runs the spec files without isolation: one module graph
// per test run, shared by its files, instead of a fresh import per file. A mutant in the ledger, the engine or the
// audit log is covered by every soak spec, and importing the soak's graph (market-sim, profile-core, sentinel...)
// once per spec file was most of each of its test runs (the whole suite with one worker: 70 s isolated, 23 s
// shared). Stryker's vitest runner starts a fresh worker for every mutant's run, so each mutant still gets fresh
// modules (static mutants included); only the files of one run share them. The suite passes that way, in order
// and shuffled (`MM_MUTATION=1 npx vitest run --config packages/soak-runner/vitest.config.ts --sequence.shuffle`).
if (process.env.MM_MUTATION === '1') config.test!.isolate = false;

export default config;
