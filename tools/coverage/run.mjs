#!/usr/bin/env node
// `npm run coverage [-- PROJECT...]`: each project's tests (packages/* and apps/*, or the ones named) under
// @vitest/coverage-v8, counting the project's own src/ only (specs and test fixtures excluded), plus what the
// child processes its tests spawn run of it: the apps' tests run the built `mm` and `ci-gate` bundles, so those
// are built first with hidden source maps (`rolldown -s hidden`: the .js bytes are the shipped build's; the .map
// files are removed at the end) and the tests run with NODE_V8_COVERAGE, which every child inherits (see
// child-coverage.mjs for the mapping back to src/ and the merge). Writes coverage/<project>/ (lcov,
// coverage-summary.json, coverage-final.json of the merged map; in-process/ with vitest's own;
// children-final.json: every workspace src/ file the children ran), coverage/SUMMARY.md and prints its tables.
// One project at a time (the machine is shared). Exit 1 when a project's tests fail (its numbers still count).
import libCoverage from 'istanbul-lib-coverage';
import libReport from 'istanbul-lib-report';
import reports from 'istanbul-reports';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { addHits, bundleScriptCoverages, childCoverageData } from './child-coverage.mjs';

const root = resolve(import.meta.dirname, '../..');
const out = join(root, 'coverage');
const projects = new Map();
for (const group of ['packages', 'apps']) {
  for (const name of readdirSync(join(root, group)).sort()) {
    if (existsSync(join(root, group, name, 'vitest.config.ts'))) projects.set(name, `${group}/${name}`);
  }
}
const asked = process.argv.slice(2);
const unknown = asked.filter((p) => !projects.has(p));
if (unknown.length) {
  console.error(`coverage: unknown project(s) ${unknown.join(', ')} (known: ${[...projects.keys()].join(', ')})`);
  process.exit(2);
}
const names = asked.length ? asked : [...projects.keys()];
const apps = [...projects.values()].filter((dir) => dir.startsWith('apps/'));
const bundleDirs = apps.map((dir) => join(root, dir, 'dist'));

/** Every .map file under `dir`. */
function maps(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.map')).map((f) => join(dir, f));
}

// The apps' tests run the bundles of both apps (ci-gate's run `mm` too): a coverage build of both, outside Nx's
// cache (the hidden maps are not a build output Nx knows of).
if (names.some((n) => projects.get(n).startsWith('apps/'))) {
  // ci-gate's module-boundaries spec lints through @nx/enforce-module-boundaries, which reads Nx's cached project
  // graph: computed here, as an Nx build would (a fresh checkout has none).
  const g = spawnSync(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', ...process.env },
  });
  if (g.status !== 0) {
    console.error('coverage: nx could not compute the project graph');
    process.exit(1);
  }
  for (const dir of apps) {
    const b = spawnSync(process.execPath, [join(root, 'node_modules/rolldown/bin/cli.mjs'), '-c', 'rolldown.config.mjs', '-s', 'hidden'], {
      cwd: join(root, dir),
      stdio: 'inherit',
    });
    if (b.status !== 0) {
      console.error(`coverage: the coverage build of ${dir} failed`);
      process.exit(1);
    }
  }
}

const inSrc = (dir) => (path) => path.startsWith(join(root, dir, 'src') + sep) && !path.endsWith('.spec.ts') && !path.includes(`${sep}__tests__${sep}`);
const workspaceSrc = (path) => [...projects.values()].some((dir) => inSrc(dir)(path));

/** Writes the reports of `data` (coverage map data) into `dir`; returns the map. */
function writeReports(data, dir, reporters) {
  const coverageMap = libCoverage.createCoverageMap(data);
  const context = libReport.createContext({ dir, coverageMap });
  for (const r of reporters) reports.create(r, { projectRoot: root }).execute(context);
  return coverageMap;
}

const failed = [];
for (const name of names) {
  const dir = projects.get(name);
  const reportsDir = join(out, name);
  const inProcess = join(reportsDir, 'in-process');
  const raw = join(reportsDir, 'v8-raw');
  rmSync(reportsDir, { recursive: true, force: true });
  mkdirSync(raw, { recursive: true });
  console.log(`\ncoverage: ${name}`);
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--config',
      join(dir, 'vitest.config.ts'),
      '--coverage.enabled=true',
      '--coverage.provider=v8',
      '--coverage.include=src/**/*.ts',
      '--coverage.exclude=src/**/*.spec.ts',
      '--coverage.exclude=src/**/__tests__/**',
      '--coverage.exclude=src/**/*.d.ts',
      '--coverage.reporter=text-summary',
      '--coverage.reporter=json',
      '--coverage.reporter=json-summary',
      // A failing test (say, a child-process test timing out on a loaded machine) still leaves its numbers.
      '--coverage.reportOnFailure=true',
      `--coverage.reportsDirectory=${inProcess}`,
    ],
    // Every process the tests start inherits it (the specs pass process.env on) and writes its V8 coverage there.
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_V8_COVERAGE: raw } },
  );
  if (r.status !== 0) failed.push(name);
  const finalJson = join(inProcess, 'coverage-final.json');
  if (!existsSync(finalJson)) {
    rmSync(raw, { recursive: true, force: true });
    continue;
  }
  const merged = JSON.parse(readFileSync(finalJson, 'utf8'));
  const children = await childCoverageData(bundleScriptCoverages(raw, bundleDirs), workspaceSrc);
  rmSync(raw, { recursive: true, force: true });
  writeFileSync(join(reportsDir, 'children-final.json'), `${JSON.stringify(children)}\n`);
  const unmatched = { statements: 0, functions: 0, branches: 0 };
  for (const [path, data] of Object.entries(children)) {
    if (!merged[path]) continue; // another project's source: counted in SUMMARY.md's second table
    const u = addHits(merged[path], data);
    for (const k of Object.keys(unmatched)) unmatched[k] += u[k];
  }
  console.log(`coverage: ${name}: the child processes ran ${Object.keys(children).length} workspace source file(s), ${Object.keys(children).filter((p) => merged[p]).length} of them ${name}'s`);
  writeReports(merged, reportsDir, ['text-summary', 'lcov', 'json', 'json-summary']);
  writeFileSync(join(reportsDir, 'unmatched.json'), `${JSON.stringify(unmatched)}\n`);
  writeFileSync(join(reportsDir, 'seconds.txt'), `${((Date.now() - started) / 1000).toFixed(0)}\n`);
}
for (const file of bundleDirs.flatMap(maps)) rmSync(file);

// SUMMARY.md: (1) each project's own src/ by its own tests, in process and in the children, beside vitest's
// in-process number alone; (2) each project's src/ as reached by the other projects' child processes (the apps'
// tests run most packages' code through the bundles), and all tests together.
const pct = (x) => (typeof x === 'number' ? x.toFixed(2) : '-');
const summaryOf = (data) => {
  const s = libCoverage.createCoverageSummary();
  for (const fc of Object.values(data)) s.merge(libCoverage.createFileCoverage(fc).toSummary());
  return s.toJSON();
};
const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
const own = new Map();
const rows = [];
for (const name of projects.keys()) {
  const total = readJson(join(out, name, 'coverage-summary.json'))?.total;
  if (!total) continue;
  own.set(name, readJson(join(out, name, 'coverage-final.json')));
  const inp = readJson(join(out, name, 'in-process/coverage-summary.json'))?.total;
  const u = readJson(join(out, name, 'unmatched.json')) ?? {};
  rows.push(
    `| ${name} | ${pct(total.lines.pct)} | ${total.lines.covered}/${total.lines.total} | ${pct(total.branches.pct)} | ${total.branches.covered}/${total.branches.total} | ${pct(total.functions.pct)} | ${pct(inp?.lines.pct)} | ${(u.statements ?? 0) + (u.functions ?? 0) + (u.branches ?? 0)} |`,
  );
}
const table = [
  '| project | lines % | lines | branches % | branches | functions % | lines % in process only | child units unmatched |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
].join('\n');
const spawners = [...projects.keys()].filter((n) => existsSync(join(out, n, 'children-final.json')));
const childrenOf = new Map(spawners.map((n) => [n, readJson(join(out, n, 'children-final.json'))]));
const reachers = spawners.filter((n) => Object.keys(childrenOf.get(n)).length > 0);
const crossRows = [];
for (const [name, data] of own) {
  const cells = [];
  const all = structuredClone(data);
  for (const other of reachers) {
    if (other === name) {
      cells.push('(own)');
      continue;
    }
    const theirs = structuredClone(data);
    for (const fc of Object.values(theirs)) {
      for (const k of ['s', 'f']) for (const id of Object.keys(fc[k])) fc[k][id] = 0;
      for (const id of Object.keys(fc.b)) fc.b[id] = fc.b[id].map(() => 0);
    }
    let reached = false;
    for (const [path, fc] of Object.entries(childrenOf.get(other))) {
      if (!theirs[path]) continue;
      reached = true;
      addHits(theirs[path], fc);
      addHits(all[path], fc);
    }
    cells.push(reached ? pct(summaryOf(theirs).lines.pct) : '-');
  }
  crossRows.push(`| ${name} | ${pct(summaryOf(data).lines.pct)} | ${cells.join(' | ')} | ${pct(summaryOf(all).lines.pct)} |`);
}
const cross = !reachers.length ? '(no child process of these runs ran workspace code)' : [
  `| src of | own tests | ${reachers.map((n) => `${n} tests' children`).join(' | ')} | all together |`,
  `| --- | ---: | ${reachers.map(() => '---:').join(' | ')} | ---: |`,
  ...crossRows,
].join('\n');
const text = `# Coverage (vitest + v8; src/ only)

Each project's own src/ by its own tests: in process (vitest) and in the child processes they spawn (the built
\`mm\` and \`ci-gate\` bundles, mapped back through source maps). "child units unmatched": statements, functions and
branches the children ran that start nowhere vitest's map has one (they count nowhere; expected 0).

${table}

Lines % of each project's src/ reached by the child processes of each project's tests (the apps' tests run most
packages through the bundles; they are not counted in that package's row above), and by all of them with the
package's own tests.

${cross}
`;
writeFileSync(join(out, 'SUMMARY.md'), text);
console.log(`\n${text}\ncoverage: coverage/SUMMARY.md, lcov in coverage/<project>/`);
if (failed.length) {
  console.error(`coverage: the tests failed for ${failed.join(', ')}`);
  process.exit(1);
}
