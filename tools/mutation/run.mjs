#!/usr/bin/env node
// `npm run mutation [-- NAME...]`: StrykerJS (vitest runner) over every package in packages/* (or the ones
// named), one Stryker run per package, so each gets its own score. Incremental (artifacts/mutation/NAME/
// incremental.json): a second run re-tests only mutants whose code or tests changed. Per-test coverage, generous
// timeouts, one worker by default (MUTATION_CONCURRENCY to change it): the machine is shared.
// MUTATION_MUTATE=GLOB[,GLOB] narrows the mutated files of a single package (a partial run: the table says
// so in its scope column); a partial run's results are merged into the package's incremental.json, so partial
// runs over different files add up and a later full run re-tests only what changed since. Writes
// artifacts/mutation/NAME/{mutation.json,mutation.html,scope.txt} and artifacts/mutation/SUMMARY.md, prints the
// table; NAME/survivors.txt lists survivors as they are found (survivor-log.mjs). Not part of `npm test`: a full run takes tens of minutes.
// Stryker and its test runs see MM_MUTATION=1: the full-file tests over ../shared/data skip (sharedDataFile; the
// committed slices test the same code) and each project's `mutationExclude` specs are left out
// (tools/build/vitest-project.mjs); the README lists what that leaves out.
// Baselines: artifacts/ is not committed, and a fresh machine has no incremental.json, so a run there would start
// from nothing (market-sim or soak-runner: hours on 2 cores). tools/mutation/baselines/NAME.json.gz is a committed
// copy of a package's incremental.json: a run with no incremental.json starts from it (Stryker re-tests what
// changed since); MUTATION_SAVE_BASELINE=1 writes it after the run.
// Exit 1 when a Stryker run fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

const root = resolve(import.meta.dirname, '../..');
const out = join(root, 'artifacts/mutation');
const all = readdirSync(join(root, 'packages'))
  .filter((p) => existsSync(join(root, 'packages', p, 'vitest.config.ts')))
  .sort();
const asked = process.argv.slice(2);
const unknown = asked.filter((p) => !all.includes(p));
if (unknown.length) {
  console.error(`mutation: unknown package(s) ${unknown.join(', ')} (known: ${all.join(', ')})`);
  process.exit(2);
}
const packages = asked.length ? asked : all;
const concurrency = Number(process.env.MUTATION_CONCURRENCY ?? 1);
const narrowed = process.env.MUTATION_MUTATE ? process.env.MUTATION_MUTATE.split(',') : undefined;
if (narrowed && packages.length !== 1) {
  console.error('mutation: MUTATION_MUTATE narrows one package: name it (npm run mutation -- NAME)');
  process.exit(2);
}

/** Stryker's score: detected (killed + timeout) over valid mutants (detected + survived + no coverage), %. */
export function scoreOf(report) {
  const n = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, other: 0 };
  for (const f of Object.values(report.files)) {
    for (const m of f.mutants) {
      if (m.status === 'Killed') n.killed++;
      else if (m.status === 'Timeout') n.timeout++;
      else if (m.status === 'Survived') n.survived++;
      else if (m.status === 'NoCoverage') n.noCoverage++;
      else n.other++;
    }
  }
  const valid = n.killed + n.timeout + n.survived + n.noCoverage;
  return { ...n, score: valid ? ((n.killed + n.timeout) / valid) * 100 : NaN };
}

/**
 * A partial run's report over the earlier results: its files and test files replace theirs, the other files are
 * kept (Stryker's incremental mode re-checks each kept result against the current source and tests).
 */
export function mergeReports(earlier, partial) {
  return { ...partial, files: { ...earlier.files, ...partial.files }, testFiles: { ...earlier.testFiles, ...partial.testFiles } };
}

const failed = [];
for (const name of packages) {
  const dir = join(out, name);
  mkdirSync(dir, { recursive: true });
  const config = {
    $schema: '../../../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner', join(import.meta.dirname, 'survivor-log.mjs')],
    vitest: { configFile: `packages/${name}/vitest.config.ts`, dir: `packages/${name}` },
    mutate: [
      ...(narrowed ?? [`packages/${name}/src/**/*.ts`]),
      `!packages/${name}/src/**/*.spec.ts`,
      `!packages/${name}/src/**/__tests__/**`,
      `!packages/${name}/src/index.ts`,
    ],
    // The sandbox needs the workspace's config, the package's sources and the libraries it imports.
    ignorePatterns: ['/artifacts', '/apps', '/.nx', '/.github', '/tools/bench', '**/dist', '**/out-tsc', '.stryker-tmp'],
    coverageAnalysis: 'perTest',
    incremental: true,
    incrementalFile: `artifacts/mutation/${name}/incremental.json`,
    concurrency,
    timeoutMS: 60_000,
    timeoutFactor: 3,
    reporters: ['clear-text', 'progress-append-only', 'json', 'html', 'survivor-log'],
    jsonReporter: { fileName: `artifacts/mutation/${name}/mutation.json` },
    htmlReporter: { fileName: `artifacts/mutation/${name}/mutation.html` },
    tempDirName: `.stryker-tmp/${name}`,
    cleanTempDir: 'always',
  };
  writeFileSync(join(dir, 'scope.txt'), narrowed ? `partial: ${narrowed.join(', ')}\n` : 'all of src\n');
  const configFile = join(dir, 'stryker.config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2) + '\n');
  console.log(`\nmutation: ${name}`);
  const incrementalFile = join(root, config.incrementalFile);
  const baseline = join(import.meta.dirname, 'baselines', `${name}.json.gz`);
  if (!existsSync(incrementalFile) && existsSync(baseline)) {
    writeFileSync(incrementalFile, gunzipSync(readFileSync(baseline)));
    console.log(`mutation: ${name} starts from the committed baseline ${baseline.slice(root.length + 1)} (only what changed since is re-tested)`);
  }
  const before = narrowed && existsSync(incrementalFile) ? JSON.parse(readFileSync(incrementalFile, 'utf8')) : undefined;
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run', configFile], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MM_MUTATION: '1' },
  });
  if (r.status !== 0) failed.push(name);
  else if (before) writeFileSync(incrementalFile, JSON.stringify(mergeReports(before, JSON.parse(readFileSync(incrementalFile, 'utf8')))));
  if (r.status === 0 && process.env.MUTATION_SAVE_BASELINE === '1') {
    mkdirSync(join(import.meta.dirname, 'baselines'), { recursive: true });
    writeFileSync(baseline, gzipSync(readFileSync(incrementalFile), { level: 9 }));
    console.log(`mutation: ${name}'s results saved as the baseline ${baseline.slice(root.length + 1)}`);
  }
  console.log(`mutation: ${name} took ${((Date.now() - started) / 60_000).toFixed(1)} min`);
}

const rows = [];
for (const name of all) {
  const file = join(out, name, 'mutation.json');
  if (!existsSync(file)) continue;
  const s = scoreOf(JSON.parse(readFileSync(file, 'utf8')));
  const scopeFile = join(out, name, 'scope.txt');
  const scope = existsSync(scopeFile) ? readFileSync(scopeFile, 'utf8').trim() : 'all of src';
  rows.push(`| ${name} | ${s.score.toFixed(2)} | ${s.killed} | ${s.timeout} | ${s.survived} | ${s.noCoverage} | ${scope} |`);
}
const table = ['| package | score % | killed | timeout | survived | no coverage | scope |', '| --- | ---: | ---: | ---: | ---: | ---: | --- |', ...rows].join('\n');
writeFileSync(join(out, 'SUMMARY.md'), `# Mutation scores (StrykerJS, vitest runner)\n\n${table}\n`);
console.log(`\n${table}\n\nmutation: artifacts/mutation/SUMMARY.md, reports in artifacts/mutation/<package>/`);
if (failed.length) {
  console.error(`mutation: the Stryker run failed for ${failed.join(', ')}`);
  process.exit(1);
}
