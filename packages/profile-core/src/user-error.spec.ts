import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSystemErrorMessage, wholeNumberFlag } from './user-error.js';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('file-system errors as one line', () => {
  it('names the path and what is wrong, for a file where a folder is needed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-fs-'));
    writeFileSync(join(dir, 'f'), '');
    expect(fileSystemErrorMessage(thrown(() => writeFileSync(join(dir, 'f/x'), '')))).toBe(`${join(dir, 'f/x')}: a part of this path is a file where a folder is expected (open ENOTDIR)`);
    // read(2) on a folder gives no path: the line still says what is wrong.
    expect(fileSystemErrorMessage(thrown(() => readFileSync(dir)))).toBe('is a folder where a file is expected (read EISDIR)');
  });

  it('ENOSPC and EACCES are recognised; other errors are not', () => {
    const e = Object.assign(new Error('x'), { code: 'ENOSPC', path: '/x/audit.jsonl', syscall: 'write' });
    expect(fileSystemErrorMessage(e)).toBe('/x/audit.jsonl: no space left on the device (write ENOSPC)');
    expect(fileSystemErrorMessage(Object.assign(new Error('x'), { code: 'EACCES', path: '/r', syscall: 'open' }))).toBe('/r: permission denied (open EACCES)');
    expect(fileSystemErrorMessage(new TypeError('x is not a function'))).toBeNull();
    expect(fileSystemErrorMessage(Object.assign(new Error('x'), { code: 'constructor' }))).toBeNull();
  });
});

describe('wholeNumberFlag', () => {
  it('takes plain decimal digits within range', () => {
    expect(wholeNumberFlag('12', '--n', 1)).toBe(12);
    expect(wholeNumberFlag('0', '--first-seed', 0)).toBe(0);
    expect(wholeNumberFlag('8', '--workers', 0, 8)).toBe(8);
  });

  it('refuses hex, exponents, empty strings, fractions and values out of range', () => {
    for (const v of ['0x2', '1e3', '', ' ', '2.5', 'Infinity', '99999999999999999999']) {
      expect(() => wholeNumberFlag(v, '--iterations', 0), v).toThrow(`--iterations must be a whole number >= 0, got "${v}"`);
    }
    expect(() => wholeNumberFlag('9', '--workers', 0, 8)).toThrow('--workers must be a whole number from 0 to 8, got "9"');
  });
});
