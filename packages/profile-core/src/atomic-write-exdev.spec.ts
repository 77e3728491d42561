/** A staged file on another file system (rename gives EXDEV): copied beside its target, then renamed over it. */
import * as realFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const crossDevice = new Set<string>();
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    renameSync: (from: string, to: string) => {
      if (crossDevice.has(from)) throw Object.assign(new Error(`EXDEV: cross-device link not permitted, rename '${from}'`), { code: 'EXDEV', syscall: 'rename' });
      return fs.renameSync(from, to);
    },
  };
});
const { replaceFilesAll } = await import('./atomic-write.js');

afterEach(() => crossDevice.clear());

describe('replaceFilesAll across file systems', () => {
  it('an EXDEV rename becomes copy + rename: the target has the new bytes, the staged file and the copy are gone', () => {
    const dir = realFs.mkdtempSync(join(tmpdir(), 'mm-exdev-'));
    realFs.mkdirSync(join(dir, 'stage'));
    realFs.writeFileSync(join(dir, 'stage/x'), 'new x');
    realFs.writeFileSync(join(dir, 'x'), 'old x');
    crossDevice.add(join(dir, 'stage/x'));
    replaceFilesAll([{ from: join(dir, 'stage/x'), to: join(dir, 'x') }]);
    expect(realFs.readFileSync(join(dir, 'x'), 'utf8')).toBe('new x');
    expect(realFs.readdirSync(dir).sort()).toEqual(['stage', 'x']);
    expect(realFs.readdirSync(join(dir, 'stage'))).toEqual([]);
  });

  it('any other rename error is not taken for EXDEV: the old file comes back, the error is thrown', () => {
    const dir = realFs.mkdtempSync(join(tmpdir(), 'mm-exdev-'));
    realFs.writeFileSync(join(dir, 'x'), 'old x');
    // The staged file does not exist: rename gives ENOENT, which must not be copied around.
    expect(() => replaceFilesAll([{ from: join(dir, 'missing'), to: join(dir, 'x') }])).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(realFs.readFileSync(join(dir, 'x'), 'utf8')).toBe('old x');
    expect(realFs.readdirSync(dir)).toEqual(['x']);
  });

  it('a copy that fails half-way leaves no temp file beside the target, and the old file back', () => {
    const dir = realFs.mkdtempSync(join(tmpdir(), 'mm-exdev-'));
    realFs.writeFileSync(join(dir, 'x'), 'old x');
    // A staged folder: rename is refused as EXDEV, and copying a folder fails (EISDIR or similar).
    realFs.mkdirSync(join(dir, 'stagedir'));
    crossDevice.add(join(dir, 'stagedir'));
    expect(() => replaceFilesAll([{ from: join(dir, 'stagedir'), to: join(dir, 'x') }])).toThrow();
    expect(realFs.readFileSync(join(dir, 'x'), 'utf8')).toBe('old x');
    expect(realFs.readdirSync(dir).sort()).toEqual(['x']);
  });
});
