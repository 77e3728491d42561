import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFilesAll, writeFileAtomic, writeFilesAtomic } from './atomic-write.js';

describe('atomic writes', () => {
  it('replaces a file and leaves no temp behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-atomic-'));
    const path = join(dir, 'a.json');
    writeFileAtomic(path, 'one');
    writeFileAtomic(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('changes no file when one of a set cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-atomic-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, 'old');
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a file where a folder is needed');
    expect(() => writeFilesAtomic([{ path: good, content: 'new' }, { path: join(blocker, 'x.json'), content: 'x' }])).toThrow();
    expect(readFileSync(good, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['blocker', 'good.json']);
  });
});

describe('group replace, all or nothing', () => {
  it('a rename that fails puts back the files already replaced and leaves no temp or backup behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-atomic-'));
    const applied = join(dir, 'applied_profile.json');
    writeFileSync(applied, 'old');
    // The provenance's place is taken by a folder: its rename fails after the applied profile's succeeded.
    const provenance = join(dir, 'applied_profile.provenance.json');
    mkdirSync(provenance);
    writeFileSync(join(provenance, 'keep'), 'x');
    // Said as rename(2) would say it, before anything moved: a file-system error naming the folder.
    expect(() => writeFilesAtomic([{ path: applied, content: 'new' }, { path: provenance, content: 'p' }])).toThrow(
      expect.objectContaining({ code: 'EISDIR', syscall: 'rename', path: provenance, message: `EISDIR: illegal operation on a directory, rename '${provenance}'` }),
    );
    expect(readFileSync(applied, 'utf8')).toBe('old');
    expect(readdirSync(dir).sort()).toEqual(['applied_profile.json', 'applied_profile.provenance.json']);
    expect(readdirSync(provenance)).toEqual(['keep']);
  });

  it('a new file that was not there before is removed again on failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-atomic-'));
    mkdirSync(join(dir, 'b.json'));
    expect(() => writeFilesAtomic([{ path: join(dir, 'a.json'), content: 'a' }, { path: join(dir, 'b.json'), content: 'b' }])).toThrow();
    expect(readdirSync(dir)).toEqual(['b.json']);
  });

  it('replaceFilesAll moves staged files over old ones and consumes them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-atomic-'));
    writeFileSync(join(dir, 'x'), 'old x');
    mkdirSync(join(dir, 'stage'));
    writeFileSync(join(dir, 'stage/x'), 'new x');
    writeFileSync(join(dir, 'stage/y'), 'new y');
    replaceFilesAll([
      { from: join(dir, 'stage/x'), to: join(dir, 'x') },
      { from: join(dir, 'stage/y'), to: join(dir, 'y') },
    ]);
    expect(readFileSync(join(dir, 'x'), 'utf8')).toBe('new x');
    expect(readFileSync(join(dir, 'y'), 'utf8')).toBe('new y');
    expect(readdirSync(dir).sort()).toEqual(['stage', 'x', 'y']);
    expect(readdirSync(join(dir, 'stage'))).toEqual([]);
  });
});
