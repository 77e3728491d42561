// What the built bundles (apps/cli/dist, apps/ci-gate/dist) ran in the child processes a project's tests spawned,
// as istanbul coverage of the TypeScript sources. The raw V8 profiles NODE_V8_COVERAGE made each process write are
// merged per script with @bcoe/v8-coverage (as c8 does), then mapped through the bundle's source maps (a coverage
// build: `rolldown -s hidden`) by ast-v8-to-istanbul, the converter @vitest/coverage-v8 itself uses, so a source
// file's statements, branches and functions start where vitest's in-process ones do. addHits then adds the
// children's counts onto vitest's map, matched by where each unit starts: vitest's map stays the one structure
// (every file of src/, tree-shaken code included), and the children only turn units covered.
import { mergeProcessCovs } from '@bcoe/v8-coverage';
import astV8ToIstanbul from 'ast-v8-to-istanbul';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseAstAsync } from 'rolldown/parseAst';

/**
 * The V8 script coverages in `rawDir` (NODE_V8_COVERAGE's coverage-*.json) of the `.js` scripts under `bundleDirs`
 * (absolute folders), merged over every process that ran them: [{ url, functions }], sorted by url. Profiles of
 * anything else (vitest itself, eslint, nx, git hooks) are ignored.
 */
export function bundleScriptCoverages(rawDir, bundleDirs) {
  const prefixes = bundleDirs.map((d) => pathToFileURL(d.endsWith(sep) ? d : d + sep).href);
  const processes = [];
  for (const name of existsSync(rawDir) ? readdirSync(rawDir).sort() : []) {
    if (!name.endsWith('.json')) continue;
    let data;
    try {
      data = JSON.parse(readFileSync(join(rawDir, name), 'utf8'));
    } catch {
      continue; // a child killed while writing its profile leaves a partial file: it counts for nothing
    }
    const result = (data.result ?? []).filter((s) => s.url.endsWith('.js') && prefixes.some((p) => s.url.startsWith(p)));
    if (result.length) processes.push({ result });
  }
  if (!processes.length) return [];
  return mergeProcessCovs(processes).result.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/**
 * Istanbul coverage data ({ [path]: FileCoverageData }, JSON-plain: an unmapped end column is null, as in
 * vitest's coverage-final.json) of the script coverages, through each script's `<file>.map`. A chunk without a
 * map (rolldown's runtime helper) is skipped, and so is every source `keep(path)` refuses (node_modules).
 */
export async function childCoverageData(scripts, keep) {
  const out = {};
  for (const script of scripts) {
    const file = fileURLToPath(script.url);
    if (!existsSync(`${file}.map`)) continue;
    const code = readFileSync(file, 'utf8');
    const sourceMap = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
    const data = await astV8ToIstanbul({ code, sourceMap, ast: parseAstAsync(code), coverage: { url: script.url, functions: script.functions }, wrapperLength: 0 });
    for (const [path, fileCoverage] of Object.entries(data)) {
      if (!keep(path)) continue;
      const plain = JSON.parse(JSON.stringify(fileCoverage));
      if (out[path]) addHits(out[path], plain);
      else out[path] = plain;
    }
  }
  return out;
}

const at = (p) => `${p.line}:${p.column}`;

function byStart(map, key) {
  const index = new Map();
  for (const [id, entry] of Object.entries(map)) {
    const k = key(entry);
    if (!index.has(k)) index.set(k, []);
    index.get(k).push(id);
  }
  return index;
}

/**
 * Adds `source`'s hit counts to `target` (both FileCoverageData of one file; target is changed): a statement,
 * function or branch of source counts on the target unit that starts at the same line and column (functions by
 * their whole range's start, branches also by kind and number of arms); units sharing a start pair in order.
 * Returns how many of source's units with hits found no counterpart (and so count nowhere).
 */
export function addHits(target, source) {
  const unmatched = { statements: 0, functions: 0, branches: 0 };
  const statements = byStart(target.statementMap, (l) => at(l.start));
  for (const [id, loc] of Object.entries(source.statementMap)) {
    const t = statements.get(at(loc.start))?.shift();
    if (t === undefined) unmatched.statements += source.s[id] > 0 ? 1 : 0;
    else target.s[t] += source.s[id];
  }
  const functions = byStart(target.fnMap, (f) => at(f.loc.start));
  for (const [id, fn] of Object.entries(source.fnMap)) {
    const t = functions.get(at(fn.loc.start))?.shift();
    if (t === undefined) unmatched.functions += source.f[id] > 0 ? 1 : 0;
    else target.f[t] += source.f[id];
  }
  const branchKey = (b) => `${b.type}@${at(b.loc.start)}#${b.locations.length}`;
  const branches = byStart(target.branchMap, branchKey);
  for (const [id, br] of Object.entries(source.branchMap)) {
    const t = branches.get(branchKey(br))?.shift();
    if (t === undefined) unmatched.branches += source.b[id].some((n) => n > 0) ? 1 : 0;
    else target.b[t] = target.b[t].map((n, i) => n + source.b[id][i]);
  }
  return unmatched;
}
