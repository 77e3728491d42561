/**
 * Affected-graph wiring, tried the way CI uses it: a scratch git repo with this workspace's tracked files, one
 * commit, then an edit; one `nx affected -t lint mini check --graph=stdout` per edit answers both questions: the
 * affected projects are those with a lint task (every project has one: the eslint plugin infers it from the
 * project's eslint.config.mjs, checked below), and the mini/check tasks are the soak and the gate. One cold nx
 * call per edit instead of two (each costs ~8 s on a loaded machine).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../../../..');
const tracked = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
const hasGit = tracked.status === 0 && tracked.stdout.length > 0;
const NX_ENV = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: 'true' };

let scratch = '';
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd: scratch, encoding: 'utf8' });
const nx = (...args: string[]) => execFileSync(join(scratch, 'node_modules/.bin/nx'), args, { cwd: scratch, env: NX_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function affectedAfter(edit: string, change: (text: string) => string): { projects: string[]; tasks: string[] } {
  git('checkout', '-q', '--', '.');
  const file = join(scratch, edit);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
  const graph = JSON.parse(nx('affected', '-t', 'lint', 'mini', 'check', '--base=HEAD', '--graph=stdout'));
  const all = Object.keys(graph.tasks.tasks).sort();
  return {
    projects: all.filter((t) => t.endsWith(':lint')).map((t) => t.slice(0, -':lint'.length)),
    tasks: all.filter((t) => !t.endsWith(':lint')),
  };
}

describe.runIf(hasGit)('nx affected in a scratch git repo', () => {
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'mm-affected-'));
    for (const f of tracked.stdout.split('\0').filter(Boolean)) {
      mkdirSync(dirname(join(scratch, f)), { recursive: true });
      cpSync(join(REPO, f), join(scratch, f));
    }
    symlinkSync(join(REPO, 'node_modules'), join(scratch, 'node_modules'));
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
  });

  it('every project has an eslint config, so a lint task stands for the project', () => {
    const dirs = ['apps', 'packages'].flatMap((d) => readdirSync(join(REPO, d)).map((p) => join(REPO, d, p)));
    const projects = dirs.filter((d) => existsSync(join(d, 'package.json')));
    expect(projects.length).toBeGreaterThanOrEqual(7);
    expect(projects.filter((d) => !existsSync(join(d, 'eslint.config.mjs')))).toEqual([]);
  });

  it('editing the S1 profile affects the soak and the gate', () => {
    const a = affectedAfter('config/profiles/market_maker_S1.json', (t) => t.replace('"min_interval_ms": 60', '"min_interval_ms": 61'));
    expect(a.projects).toEqual(expect.arrayContaining(['soak-runner', 'ci-gate', 'cli']));
    expect(a.tasks).toEqual(expect.arrayContaining(['soak-runner:mini', 'ci-gate:check']));
  });

  it('editing a gate threshold affects the soak and the gate', () => {
    const a = affectedAfter('config/gates/soak.json', (t) => t.replace('"value": 150', '"value": 140'));
    expect(a.tasks).toEqual(expect.arrayContaining(['soak-runner:mini', 'ci-gate:check']));
  });

  it('editing the quoter affects soak-runner, the report pages, the sweep, cli and ci-gate, not profile-core', () => {
    const a = affectedAfter('packages/quoter/src/target-quotes.ts', (t) => `${t}\n// touched\n`);
    expect(a.projects).toEqual(['ci-gate', 'cli', 'quoter', 'report', 'soak-runner', 'sweep']);
  });

  it('editing the sweep affects the sweep and cli only: the soak and its gate do not depend on it', () => {
    const a = affectedAfter('packages/sweep/src/sweep-grid.ts', (t) => `${t}\n// touched\n`);
    expect(a.projects).toEqual(['cli', 'sweep']);
    expect(a.tasks).toEqual([]);
  });

  it('editing only the README affects nothing that soaks', () => {
    const a = affectedAfter('README.md', (t) => `${t}\nA note.\n`);
    expect(a.projects).toEqual([]);
    expect(a.tasks).toEqual([]);
  });
});
