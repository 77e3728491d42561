/**
 * SPEC 2's one-way layering, tried the way a developer would break it: eslint (a child process, the workspace
 * config) over a file placed in one project that imports another. Forbidden imports fail lint with
 * @nx/enforce-module-boundaries; allowed ones pass, so the check is not just failing everything.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../../../..');
const ESLINT = resolve(REPO, 'node_modules/.bin/eslint');
const ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/** Lints `import { symbol } from '@mm-profiles/<target>'` as if it were a new file in `project`. */
function lintImport(project: string, target: string, symbol: string): LintMessage[] {
  const source = `import { ${symbol} } from '@mm-profiles/${target}';\nexport const probe = ${symbol};\n`;
  const r = spawnSync(ESLINT, ['--format', 'json', '--stdin', '--stdin-filename', `${project}/src/boundary-probe.ts`], {
    cwd: REPO,
    env: ENV,
    input: source,
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`eslint exited ${r.status}: ${r.stderr}`);
  const [result] = JSON.parse(r.stdout) as { messages: LintMessage[] }[];
  return result!.messages;
}

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
