/**
 * `npm run coverage` counts what the built `mm` runs in a child process (tools/coverage/child-coverage.mjs): a
 * coverage build of the CLI (the app's own rolldown config, hidden source maps, into a scratch folder) runs
 * `mm sentinel --dry-run` under NODE_V8_COVERAGE, and the lines it ran show up as covered lines of
 * apps/cli/src/commands/sentinel-command.ts, which no in-process test imports; the lines it did not run do not.
 * And addHits, the merge onto vitest's map, on a hand-worked example.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type RolldownOptions } from 'rolldown';
import { describe, expect, it } from 'vitest';
import { addHits, bundleScriptCoverages, childCoverageData, type FileCoverageData } from '../../../../tools/coverage/child-coverage.mjs';
import { REPO_ROOT, scratchRepo } from './run-mm.js';

const APP = join(REPO_ROOT, 'apps/cli');
const SOURCE = join(APP, 'src/commands/sentinel-command.ts');

/** The 1-based line of `SOURCE` holding `text` (found, not hard-coded, so an edit above it moves nothing). */
function lineOf(text: string): number {
  const index = readFileSync(SOURCE, 'utf8').split('\n').findIndex((l) => l.includes(text));
  expect(index).toBeGreaterThanOrEqual(0);
  return index + 1;
}

/** Per line: the largest hit count of a statement starting on it (istanbul's line coverage). */
function lineHits(data: FileCoverageData): Map<number, number> {
  const lines = new Map<number, number>();
  for (const [id, loc] of Object.entries(data.statementMap)) lines.set(loc.start.line, Math.max(lines.get(loc.start.line) ?? 0, data.s[id]!));
  return lines;
}

describe('child-process coverage of the built mm', () => {
  it('a line only the bundle runs in a child process is covered; the branches it skipped are not', async () => {
    const config = (await import(pathToFileURL(join(APP, 'rolldown.config.mjs')).href)).default as RolldownOptions & { output: object };
    const dist = mkdtempSync(join(tmpdir(), 'mm-cov-dist-'));
    await build({ ...config, cwd: APP, logLevel: 'silent', output: { ...config.output, dir: dist, sourcemap: 'hidden' } });
    const raw = mkdtempSync(join(tmpdir(), 'mm-cov-raw-'));
    const root = scratchRepo();
    const env: Record<string, string> = { ...(process.env as Record<string, string>), NODE_V8_COVERAGE: raw };
    delete env['MM_PROFILE'];
    const r = spawnSync(process.execPath, [join(dist, 'main.js'), 'sentinel', '--profile', 'S1', '--dry-run'], { cwd: root, env, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[OK] Dry run complete');

    const data = await childCoverageData(bundleScriptCoverages(raw, [dist]), (p) => p.startsWith(join(APP, 'src')));
    for (const dir of [dist, raw, root]) rmSync(dir, { recursive: true, force: true });
    const sentinel = data[SOURCE];
    expect(sentinel).toBeDefined();
    const hits = lineHits(sentinel!);
    expect(hits.get(lineOf("'[OK] Dry run complete"))).toBe(1); // the dry-run message: one run, one hit
    expect(hits.get(lineOf('const resolved = resolveProfile('))).toBe(1);
    expect(hits.get(lineOf("throw new UserError('--watch tails"))).toBe(0); // --watch with --dry-run: not given
    expect(hits.get(lineOf('process.stdout.write(canonicalJson('))).toBe(0); // --json: not given
    // mm calibrate's chunk was never loaded: its source is not there at all (the in-process map supplies it).
    expect(data[join(APP, 'src/commands/calibrate-command.ts')]).toBeUndefined();
  });
});

describe('addHits', () => {
  const at = (line: number, column: number, endLine = line, endColumn: number | null = null) => ({ start: { line, column }, end: { line: endLine, column: endColumn } });
  // vitest's map of a file no in-process test ran: everything 0.
  const target = (): FileCoverageData => ({
    path: '/x.ts',
    statementMap: { '0': at(1, 0, 1, 20), '1': at(2, 2, 2, 30), '2': at(2, 9, 2, 29), '3': at(3, 2) },
    fnMap: { '0': { name: 'f', decl: at(1, 9), loc: at(1, 0, 4, 1), line: 1 } },
    branchMap: { '0': { type: 'if', loc: at(2, 2), locations: [at(2, 2), at(3, 2)], line: 2 } },
    s: { '0': 0, '1': 0, '2': 0, '3': 0 },
    f: { '0': 0 },
    b: { '0': [0, 0] },
  });
  it('adds hits by where each unit starts (end columns may differ), counts the ones with hits that match nothing', () => {
    const t = target();
    t.s['0'] = 2; // in process, the declaration ran twice
    const source: FileCoverageData = {
      path: '/x.ts',
      // 2:2 ends elsewhere here (an unmapped end): still the same statement; 7:0 is nowhere in the target.
      statementMap: { a: at(2, 2), b: at(1, 0, 1, 20), c: at(7, 0), d: at(8, 0) },
      fnMap: { a: { name: 'f', decl: at(1, 9), loc: at(1, 0), line: 1 } },
      // the same if at 2:2 with 2 arms; a switch at 2:2 is another unit and matches nothing
      branchMap: { a: { type: 'if', loc: at(2, 2), locations: [at(2, 2), at(3, 2)], line: 2 }, b: { type: 'switch', loc: at(2, 2), locations: [at(2, 2)], line: 2 } },
      s: { a: 3, b: 1, c: 5, d: 0 },
      f: { a: 1 },
      b: { a: [3, 0], b: [1] },
    };
    expect(addHits(t, source)).toEqual({ statements: 1, functions: 0, branches: 1 }); // c (5 hits) and the switch; d had none
    expect(t.s).toEqual({ '0': 3, '1': 3, '2': 0, '3': 0 });
    expect(t.f).toEqual({ '0': 1 });
    expect(t.b).toEqual({ '0': [3, 0] });
  });
  it('units sharing a start pair in order', () => {
    const t = target();
    t.statementMap['4'] = at(3, 2, 3, 9);
    t.s['4'] = 0;
    const source: FileCoverageData = { path: '/x.ts', statementMap: { a: at(3, 2), b: at(3, 2) }, fnMap: {}, branchMap: {}, s: { a: 4, b: 1 }, f: {}, b: {} };
    expect(addHits(t, source)).toEqual({ statements: 0, functions: 0, branches: 0 });
    expect([t.s['3'], t.s['4']]).toEqual([4, 1]);
  });
});
