import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFilesAtomic } from './atomic-write.js';

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
