#!/usr/bin/env node
// `npm run coverage [-- PROJECT...]`: each project's tests (packages/* and apps/*, or the ones named) under
// @vitest/coverage-v8, counting the project's own src/ only (specs and test fixtures excluded). Writes
// coverage/<project>/ (lcov, coverage-summary.json), coverage/SUMMARY.md (lines and branches per project) and
// prints the table. In-process code only: what the built `mm`/`ci-gate` bundles run in child processes is not
// counted. One project at a time (the machine is shared). Exit 1 when a project's tests fail.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

// The apps' tests run their built bundles (as the Nx test target, which depends on build): build them first.
const apps = names.filter((n) => projects.get(n).startsWith('apps/'));
if (apps.length) {
  const b = spawnSync(process.execPath, [join(root, 'node_modules/nx/dist/bin/nx.js'), 'run-many', '-t', 'build', `--projects=${apps.join(',')}`, '--outputStyle=static'], {
    cwd: root,
    stdio: 'inherit',
    env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', ...process.env },
  });
  if (b.status !== 0) {
    console.error(`coverage: the build of ${apps.join(', ')} failed`);
    process.exit(1);
  }
}

const failed = [];
for (const name of names) {
  const dir = projects.get(name);
  const reports = join(out, name);
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
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
      '--coverage.reporter=lcov',
      '--coverage.reporter=json-summary',
      // A failing test (say, a child-process test timing out on a loaded machine) still leaves its numbers.
      '--coverage.reportOnFailure=true',
      `--coverage.reportsDirectory=${reports}`,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  mkdirSync(reports, { recursive: true });
  writeFileSync(join(reports, 'seconds.txt'), `${((Date.now() - started) / 1000).toFixed(0)}\n`);
  if (r.status !== 0) failed.push(name);
}

const pct = (x) => (typeof x === 'number' ? x.toFixed(2) : '-');
const rows = [];
for (const name of projects.keys()) {
  const file = join(out, name, 'coverage-summary.json');
  if (!existsSync(file)) continue;
  const t = JSON.parse(readFileSync(file, 'utf8')).total;
  rows.push(`| ${name} | ${pct(t.lines.pct)} | ${t.lines.covered}/${t.lines.total} | ${pct(t.branches.pct)} | ${t.branches.covered}/${t.branches.total} | ${pct(t.functions.pct)} |`);
}
const table = [
  '| project | lines % | lines | branches % | branches | functions % |',
  '| --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows,
].join('\n');
writeFileSync(join(out, 'SUMMARY.md'), `# Coverage (vitest, v8; src only, in-process tests)\n\n${table}\n`);
console.log(`\n${table}\n\ncoverage: coverage/SUMMARY.md, lcov in coverage/<project>/`);
if (failed.length) {
  console.error(`coverage: the tests failed for ${failed.join(', ')}`);
  process.exit(1);
}
