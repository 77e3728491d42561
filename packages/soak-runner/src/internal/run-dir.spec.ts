import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunDir } from './run-dir.js';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'mm-rundir-'));
}

describe('RunDir', () => {
  it('stages every file and swaps them all in at commit, keeping files it did not write', () => {
    const out = join(scratch(), 'soak');
    mkdirSync(out);
    writeFileSync(join(out, 'summary.json'), 'old');
    writeFileSync(join(out, 'runtime_overrides.json'), '{}');
    const run = RunDir.open(out, { command: 'test' });
    writeFileSync(run.path('summary.json'), 'new');
    mkdirSync(run.path('charts'));
    writeFileSync(run.path('charts/a.svg'), '<svg/>');
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe('old');
    expect(run.staged()).toEqual(['charts/a.svg', 'summary.json']);
    const written = run.commit();
    expect(written).toEqual([join(out, 'charts/a.svg'), join(out, 'summary.json')]);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe('new');
    expect(readdirSync(out).sort()).toEqual(['charts', 'runtime_overrides.json', 'summary.json']);
  });

  it('sends a staged file elsewhere when asked (--export-json)', () => {
    const base = scratch();
    const out = join(base, 'soak');
    const run = RunDir.open(out, { command: 'test' });
    writeFileSync(run.path('metrics.jsonl'), 'l\n');
    run.commit({ 'metrics.jsonl': join(base, 'elsewhere/m.jsonl') });
    expect(readFileSync(join(base, 'elsewhere/m.jsonl'), 'utf8')).toBe('l\n');
    expect(readdirSync(out)).toEqual([]);
  });

  it('abort changes nothing; a folder it created is removed again', () => {
    const base = scratch();
    const out = join(base, 'soak');
    const run = RunDir.open(out, { command: 'test' });
    writeFileSync(run.path('summary.json'), 'new');
    run.abort();
    expect(existsSync(out)).toBe(false);
    mkdirSync(out);
    writeFileSync(join(out, 'summary.json'), 'old');
    const again = RunDir.open(out, { command: 'test' });
    writeFileSync(again.path('summary.json'), 'new');
    again.abort();
    expect(readdirSync(out)).toEqual(['summary.json']);
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe('old');
  });

  it('a second run on the folder is refused while the first holds it; a killed run\'s staging is removed with a warning', () => {
    const out = join(scratch(), 'soak');
    const run = RunDir.open(out, { command: 'mm soak', label: 'soak' });
    expect(() => RunDir.open(out, { command: 'mm soak', label: 'soak' })).toThrow(/^soak: in use by mm soak \(pid \d+/);
    run.abort();
    mkdirSync(join(out, '.staging-999999'), { recursive: true });
    writeFileSync(join(out, '.staging-999999/metrics.jsonl'), '{"iteration":1}\n{"itera');
    const warnings: string[] = [];
    const next = RunDir.open(out, { command: 'mm soak', label: 'soak', warn: (l) => warnings.push(l) });
    expect(warnings).toEqual(["warning: soak: removed .staging-999999, left by a run that did not finish (its files never replaced the previous run's)"]);
    next.commit();
    expect(readdirSync(out)).toEqual([]);
  });

  it('a second commit is refused; an open that fails after taking the lock releases it', () => {
    const out = join(scratch(), 'soak');
    const run = RunDir.open(out, { command: 'test' });
    run.commit();
    expect(() => run.commit()).toThrow(/^run folder already closed$/);
    // A warning that throws (a killed run's staging found) fails the open after the lock was taken: the lock is
    // given back, so the next open gets the folder.
    mkdirSync(join(out, '.staging-999998'));
    expect(() =>
      RunDir.open(out, {
        command: 'test',
        warn: () => {
          throw new Error('stop');
        },
      }),
    ).toThrow(/^stop$/);
    const next = RunDir.open(out, { command: 'test' });
    next.abort();
    expect(readdirSync(out)).toEqual([]);
  });
});
