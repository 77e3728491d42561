/**
 * tools/ci/affected.sh's own logic, without Nx: a scratch git repo with the script, a stand-in `nx` in
 * node_modules/.bin and a stand-in built `ci-gate` (apps/ci-gate/dist/main.js), both logging each call (one
 * argument per line); the stand-in ci-gate exits with the code EXITS gives its candidate ("S1=1,two words=3").
 * Checks which profiles are compared (merge-base diff, names kept whole, invalid file names reported), that one
 * failing compare does not stop the others, which exit codes fail CI (1 FAIL and 2 bad input do, 3 INCONCLUSIVE
 * does not), that the check's FAIL/INCONCLUSIVE on the default market is reported but refused artifacts fail, and that
 * --gates-only skips the tasks.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../../../..');
const SCRIPT = join(REPO, 'tools/ci/affected.sh');

const FAKE_NX = `#!/usr/bin/env bash
{ echo "--- call"; printf '%s\\n' "$@"; } >> "$NX_LOG"
if [ "$1" = show ]; then echo ci-gate; fi
exit 0
`;

/** The built ci-gate as the script calls it: logs the call, exits with the code EXITS names for the candidate. */
const FAKE_GATE = `import { appendFileSync } from 'node:fs';
const args = process.argv.slice(2);
appendFileSync(process.env.NX_LOG, '--- call\\nci-gate\\n' + args.join('\\n') + '\\n');
// check has no candidate: EXITS names it "check".
const candidate = args[0] === 'check' ? 'check' : args[args.indexOf('--candidate') + 1];
const codes = Object.fromEntries((process.env.EXITS ?? '').split(',').filter(Boolean).map((p) => p.split('=')));
process.exit(Number(codes[candidate] ?? 0));
`;

interface Scratch {
  root: string;
  git: (...args: string[]) => string;
}

/** main: base + S1 + conservative; branch `change` forks, then main moves on (conservative edited there). */
function scratchRepo(): Scratch {
  const root = mkdtempSync(join(tmpdir(), 'mm-affected-sh-'));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: root, encoding: 'utf8' });
  mkdirSync(join(root, 'tools/ci'), { recursive: true });
  cpSync(SCRIPT, join(root, 'tools/ci/affected.sh'));
  mkdirSync(join(root, 'node_modules/.bin'), { recursive: true });
  writeFileSync(join(root, 'node_modules/.bin/nx'), FAKE_NX);
  chmodSync(join(root, 'node_modules/.bin/nx'), 0o755);
  mkdirSync(join(root, 'apps/ci-gate/dist'), { recursive: true });
  writeFileSync(join(root, 'apps/ci-gate/dist/main.js'), FAKE_GATE);
  writeFileSync(join(root, '.gitignore'), 'node_modules/\nnx.log\napps/\n');
  writeFileSync(join(root, 'package.json'), '{"name":"scratch","private":true}\n');
  mkdirSync(join(root, 'config/profiles'), { recursive: true });
  const profile = (name: string, v: number) => writeFileSync(join(root, 'config/profiles', name), `{"min_interval_ms": ${v}}\n`);
  profile('base.json', 100);
  profile('market_maker_S1.json', 60);
  profile('market_maker_conservative.json', 200);
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-qm', 'base');
  git('checkout', '-q', '-b', 'change');
  profile('market_maker_S1.json', 61);
  profile('market_maker_two words.json', 70);
  profile('S2.json', 80);
  git('add', '-A');
  git('commit', '-qm', 'change');
  git('checkout', '-q', 'main');
  profile('market_maker_conservative.json', 210);
  git('commit', '-qam', 'main moves on');
  git('checkout', '-q', 'change');
  return { root, git };
}

function runScript(s: Scratch, args: string[], env: Record<string, string>) {
  const log = join(s.root, 'nx.log');
  writeFileSync(log, '');
  const r = spawnSync('bash', ['tools/ci/affected.sh', ...args], {
    cwd: s.root,
    env: { ...process.env, NX_LOG: log, EXITS: '', ...env },
    encoding: 'utf8',
  });
  const calls = readFileSync(log, 'utf8')
    .split('--- call\n')
    .filter(Boolean)
    .map((c) => c.replace(/\n$/, '').split('\n'));
  const compared = calls.filter((c) => c[0] === 'ci-gate' && c[1] === 'compare').map((c) => c[c.indexOf('--candidate') + 1]);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, calls, compared };
}

describe('tools/ci/affected.sh', () => {
  const s = scratchRepo();

  it('compares the profiles the branch changed since its merge-base with main, each name whole', () => {
    const r = runScript(s, [], { NX_BASE: 'main' });
    expect(r.stderr).toContain('S2.json is not a profile file');
    // conservative changed on main after the fork: a two-dot diff would wrongly compare it.
    expect(r.compared).toEqual(['S1', 'two words']);
    expect(r.calls.some((c) => c[0] === 'affected' && c.includes('lint'))).toBe(true);
    expect(r.calls.some((c) => c[0] === 'run' && c[1] === 'soak-runner:mini')).toBe(true);
    expect(r.calls.some((c) => c[0] === 'ci-gate' && c[1] === 'check')).toBe(true);
    // The invalid file name fails the run, after everything else ran.
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 failure\(s\):\n {2}- config\/profiles\/S2\.json \(invalid name\)/);
  });

  it('goes on after a failing compare and lists every failure at the end', () => {
    const r = runScript(s, [], { NX_BASE: 'main', EXITS: 'S1=1,two words=2' });
    expect(r.compared).toEqual(['S1', 'two words']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ci-gate compare: S1: FAIL');
    expect(r.stderr).toContain('ci-gate compare: two words: refused (bad input, exit 2)');
    expect(r.stderr).toContain('3 failure(s):\n  - config/profiles/S2.json (invalid name)\n  - S1 (FAIL)\n  - two words (refused: bad input)\n');
  });

  it('builds ci-gate once, then calls the built bin so the exit code is the verdict', () => {
    const r = runScript(s, [], { NX_BASE: 'main' });
    const builds = r.calls.filter((c) => c[0] === 'run' && c[1] === 'ci-gate:build');
    expect(builds).toHaveLength(1);
    expect(r.calls.findIndex((c) => c[1] === 'ci-gate:build')).toBeLessThan(r.calls.findIndex((c) => c[0] === 'ci-gate'));
    expect(r.calls.filter((c) => c[0] === 'ci-gate')[1]).toEqual(['ci-gate', 'compare', '--baseline', 'base', '--candidate', 'S1', '--out-dir', 'artifacts/gate-compare/S1']);
  });

  it('exits 0 when every compare passes or is INCONCLUSIVE and no invalid file changed; prints each verdict', () => {
    s.git('rm', '-q', 'config/profiles/S2.json');
    s.git('commit', '-qm', 'drop S2');
    try {
      const pass = runScript(s, [], { NX_BASE: 'main' });
      expect(pass.stderr).not.toMatch(/failed|not a profile file/);
      expect(pass.compared).toEqual(['S1', 'two words']);
      expect(pass.stdout).toContain('ci-gate compare: S1: PASS');
      expect(pass.code).toBe(0);
      // INCONCLUSIVE (exit 3): the seeds cannot tell; said on the console, not a CI failure.
      const undecided = runScript(s, [], { NX_BASE: 'main', EXITS: 'S1=3' });
      expect(undecided.stdout).toContain('ci-gate compare: S1: INCONCLUSIVE (not a failure');
      expect(undecided.stdout).toContain('ci-gate compare: two words: PASS');
      expect(undecided.code).toBe(0);
      // Any other code is not a verdict: it fails.
      const odd = runScript(s, [], { NX_BASE: 'main', EXITS: 'two words=4' });
      expect(odd.code).toBe(1);
      expect(odd.stderr).toContain('  - two words (exit 4)');
    } finally {
      s.git('reset', '-q', '--hard', 'HEAD~1');
    }
  });

  it('--gates-only runs the gate steps but not lint/typecheck/test/build', () => {
    const r = runScript(s, ['--gates-only'], { NX_BASE: 'main' });
    expect(r.calls.some((c) => c[0] === 'affected' || c[0] === 'run-many')).toBe(false);
    expect(r.calls.some((c) => c[0] === 'ci-gate' && c[1] === 'check')).toBe(true);
    expect(r.compared).toEqual(['S1', 'two words']);
  });

  it("the check's verdict on the default market is reported; refused artifacts (2) and odd codes fail CI", () => {
    s.git('rm', '-q', 'config/profiles/S2.json');
    s.git('commit', '-qm', 'drop S2');
    try {
      const fail = runScript(s, ['--gates-only'], { NX_BASE: 'main', EXITS: 'check=1' });
      expect(fail.stdout).toContain('ci-gate check: FAIL on the default market (reported');
      expect(fail.code).toBe(0);
      const unsure = runScript(s, ['--gates-only'], { NX_BASE: 'main', EXITS: 'check=3' });
      expect(unsure.stdout).toContain('ci-gate check: INCONCLUSIVE on the default market');
      expect(unsure.code).toBe(0);
      const refused = runScript(s, ['--gates-only'], { NX_BASE: 'main', EXITS: 'check=2' });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('  - ci-gate check (refused: exit 2)');
      // The compares still ran after the refused check.
      expect(refused.compared).toEqual(['S1', 'two words']);
      const odd = runScript(s, ['--gates-only'], { NX_BASE: 'main', EXITS: 'check=4' });
      expect(odd.code).toBe(1);
      expect(odd.stderr).toContain('  - ci-gate check (exit 4)');
    } finally {
      s.git('reset', '-q', '--hard', 'HEAD~1');
    }
  });

  it('without a base commit: everything, every profile file', () => {
    const r = runScript(s, ['--gates-only'], { NX_BASE: 'no-such-ref' });
    expect(r.stdout).toContain('no base commit "no-such-ref"');
    expect([...r.compared].sort()).toEqual(['S1', 'conservative', 'two words']);
    expect(r.code).toBe(1); // S2.json
  });

  it('refuses an unknown argument with exit 2', () => {
    const r = runScript(s, ['--gate-only'], { NX_BASE: 'main' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown argument "--gate-only"');
    expect(r.calls).toEqual([]);
  });
});
