/**
 * SPEC 2's one-way layering, tried the way a developer would break it: eslint (a child process, the workspace
 * config) over a file placed in one project that imports another. Forbidden imports fail lint with
 * @nx/enforce-module-boundaries; allowed ones pass, so the check is not just failing everything. The same for
 * the public-API rule: another package's src/internal/ (or any deep path into a package) fails
 * no-restricted-imports, while a package's own internal/ and another's index pass.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../../../..');
const ESLINT = resolve(REPO, 'node_modules/.bin/eslint');
const ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

interface LintMessage {
  ruleId: string | null;
  line: number;
  message: string;
}

/** Lints `source` as if it were a new file `file` (relative to the repo). */
function lintSource(file: string, source: string): LintMessage[] {
  const r = spawnSync(ESLINT, ['--format', 'json', '--stdin', '--stdin-filename', file], {
    cwd: REPO,
    env: ENV,
    input: source,
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`eslint exited ${r.status}: ${r.stderr}`);
  const [result] = JSON.parse(r.stdout) as { messages: LintMessage[] }[];
  return result!.messages;
}

/** Lints `import { symbol } from '@mm-profiles/<target>'` as if it were a new file in `project`. */
const lintImport = (project: string, target: string, symbol: string) =>
  lintSource(`${project}/src/boundary-probe.ts`, `import { ${symbol} } from '@mm-profiles/${target}';\nexport const probe = ${symbol};\n`);

const boundaryErrors = (messages: LintMessage[]) => messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);

describe('module boundaries (SPEC 2)', () => {
  it('market-sim may not import profile-core: it depends on no package of ours', () => {
    expect(boundaryErrors(lintImport('packages/market-sim', 'profile-core', 'canonicalJson'))).toEqual([
      expect.stringContaining('"scope:sim" cannot depend on any libs with tags'),
    ]);
  });

  it('the quoter may not import the sentinel: both sit on profile-core only', () => {
    expect(boundaryErrors(lintImport('packages/quoter', 'sentinel', 'OrderGuard'))).toEqual([
      expect.stringContaining('"scope:strategy" can only depend on libs tagged with "scope:core"'),
    ]);
  });

  it('only apps import the sweep: soak-runner importing it fails', () => {
    expect(boundaryErrors(lintImport('packages/soak-runner', 'sweep', 'runSweep'))).toHaveLength(1);
  });

  it('allowed directions pass: soak-runner -> sentinel, sweep -> soak-runner, cli -> sweep', () => {
    expect(lintImport('packages/soak-runner', 'sentinel', 'OrderGuard')).toEqual([]);
    expect(lintImport('packages/sweep', 'soak-runner', 'runSoak')).toEqual([]);
    expect(lintImport('apps/cli', 'sweep', 'runSweep')).toEqual([]);
  });
});

describe("a package's public API is its index.ts (src/internal/ is private)", () => {
  /** The no-restricted-imports messages for each import line of a probe file placed at `file`, by line. */
  function privateErrorsByLine(file: string, specifiers: string[]): string[][] {
    const source = specifiers.map((s, i) => `import { p${i} } from '${s}';\n`).join('') + `export const probe = [${specifiers.map((_, i) => `p${i}`).join(', ')}];\n`;
    const messages = lintSource(file, source);
    return specifiers.map((_, i) => messages.filter((m) => m.line === i + 1 && m.ruleId === 'no-restricted-imports').map((m) => m.message));
  }
  const DEEP = 'Import a package by its name only';
  const PRIVATE = "Another package's src/internal/ is private to it";

  it("another package's src/internal/ (by package path, relative path or its dist) and any deep path fail lint", () => {
    const errors = privateErrorsByLine('apps/cli/src/commands/probe.ts', [
      '@mm-profiles/quoter/src/internal/anything.js',
      '../../../../packages/sweep/src/internal/anything.js',
      '../../../../packages/sentinel/dist/internal/anything.js',
      '@mm-profiles/quoter/src/quoter.js',
    ]);
    expect(errors).toEqual([
      [expect.stringContaining(DEEP), expect.stringContaining(PRIVATE)],
      [expect.stringContaining(PRIVATE)],
      [expect.stringContaining(PRIVATE)],
      [expect.stringContaining(DEEP)],
    ]);
  });

  it("a package's own internal/ and another package's index pass", () => {
    expect(privateErrorsByLine('packages/sweep/src/internal/probe.ts', ['./anything.js', '../sweep-run.js', '@mm-profiles/soak-runner'])).toEqual([[], [], []]);
    expect(privateErrorsByLine('packages/sweep/src/probe.ts', ['./internal/anything.js'])).toEqual([[]]);
  });
});
