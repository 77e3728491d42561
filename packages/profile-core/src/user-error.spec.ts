import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { UserError, fileSystemErrorMessage, isUserError, runCli, runCommand, wholeNumberFlag } from './user-error.js';

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
    // A sign and surrounding blanks are plain decimal too.
    expect(wholeNumberFlag('+5', '--n', 0)).toBe(5);
    expect(wholeNumberFlag(' 7 ', '--n', 0)).toBe(7);
    expect(wholeNumberFlag('-3', '--offset', -5)).toBe(-3);
  });

  it('refuses hex, exponents, empty strings, fractions and values out of range', () => {
    for (const v of ['0x2', '1e3', '', ' ', '2.5', 'Infinity', '99999999999999999999']) {
      expect(() => wholeNumberFlag(v, '--iterations', 0), v).toThrow(`--iterations must be a whole number >= 0, got "${v}"`);
    }
    expect(() => wholeNumberFlag('9', '--workers', 0, 8)).toThrow('--workers must be a whole number from 0 to 8, got "9"');
    expect(() => wholeNumberFlag('0', '--seeds', 1)).toThrow('--seeds must be a whole number >= 1, got "0"');
    expect(() => wholeNumberFlag('x5', '--seeds', 1)).toThrow('--seeds must be a whole number >= 1, got "x5"');
  });
});

/** Runs a command boundary with stderr captured and process.exitCode restored. */
async function boundary(argv: string[], body: () => unknown): Promise<{ code: number | string | undefined; err: string }> {
  const saved = { exitCode: process.exitCode, argv: process.argv };
  let err = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
  process.argv = ['node', 'mm', ...argv];
  try {
    await runCommand('mm soak', body as () => number | void);
    return { code: process.exitCode, err };
  } finally {
    spy.mockRestore();
    process.argv = saved.argv;
    process.exitCode = saved.exitCode;
  }
}

describe('runCommand: the error boundary of a command', () => {
  it("the body's return value is the exit code; nothing returned is 0", async () => {
    expect(await boundary([], () => 1)).toEqual({ code: 1, err: '' });
    expect(await boundary([], async () => undefined)).toEqual({ code: 0, err: '' });
  });

  it('a user error: one line, exit 2; its stack only with --debug', async () => {
    expect(await boundary([], () => { throw new UserError('--hours must be > 0'); })).toEqual({ code: 2, err: 'mm soak: error: --hours must be > 0\n' });
    const debug = await boundary(['--debug'], () => { throw new UserError('bad'); });
    expect(debug.code).toBe(2);
    expect(debug.err.split('\n')[0]).toBe('mm soak: error: bad');
    expect(debug.err).toContain('UserError: bad\n    at ');
    // Another package's user error (market-sim's) has the same mark.
    const marked = Object.assign(new Error('venue file: bad'), { exitCode: 2 });
    expect(await boundary([], () => { throw marked; })).toEqual({ code: 2, err: 'mm soak: error: venue file: bad\n' });
  });

  it("a file-system error is the user's environment: one line naming the path, exit 2", async () => {
    const e = Object.assign(new Error('ENOSPC: no space'), { code: 'ENOSPC', path: '/x/audit.jsonl', syscall: 'write' });
    expect(await boundary([], () => { throw e; })).toEqual({ code: 2, err: 'mm soak: error: /x/audit.jsonl: no space left on the device (write ENOSPC)\n' });
    const debug = await boundary(['--debug'], () => { throw e; });
    expect(debug.err).toContain('Error: ENOSPC: no space\n    at ');
  });

  it('anything else is a bug: exit 3, a hint, and the stack with --debug', async () => {
    expect(await boundary([], () => { throw new TypeError('x is undefined'); })).toEqual({
      code: 3,
      err: 'mm soak: internal error: x is undefined\nrun again with --debug for the stack trace\n',
    });
    const debug = await boundary(['--debug'], () => { throw new TypeError('x is undefined'); });
    expect(debug.code).toBe(3);
    expect(debug.err).toMatch(/^mm soak: internal error: x is undefined\nTypeError: x is undefined\n {4}at /);
    expect(await boundary([], () => { throw 'a string'; })).toEqual({ code: 3, err: 'mm soak: internal error: a string\nrun again with --debug for the stack trace\n' });
    // Even a thrown null or undefined is reported, not a crash of the boundary itself.
    expect(await boundary([], () => { throw null; })).toEqual({ code: 3, err: 'mm soak: internal error: null\nrun again with --debug for the stack trace\n' });
    expect(await boundary(['--debug'], () => { throw undefined; })).toEqual({ code: 3, err: 'mm soak: internal error: undefined\nundefined\n' });
  });
});

describe('isUserError and UserError', () => {
  it('a UserError carries exit code 2 and its name; other errors are not user errors', () => {
    const e = new UserError('m');
    expect(e.exitCode).toBe(2);
    expect(e.name).toBe('UserError');
    expect(isUserError(e)).toBe(true);
    expect(isUserError(Object.assign(new Error('x'), { exitCode: 3 }))).toBe(false);
    expect(isUserError({ exitCode: 2, message: 'not an Error' })).toBe(false);
    expect(isUserError(new Error('x'))).toBe(false);
  });
});

describe('runCli: the top level around the argument parser', () => {
  async function cli(parse: () => Promise<unknown>): Promise<number | string | undefined> {
    const saved = process.exitCode;
    const before = process.stdout.listeners('error');
    process.exitCode = undefined;
    try {
      await runCli(parse);
      return process.exitCode;
    } finally {
      for (const l of process.stdout.listeners('error')) if (!before.includes(l)) process.stdout.off('error', l as never);
      process.exitCode = saved;
    }
  }
  const commander = (code: string) => async () => {
    throw Object.assign(new Error(code), { code });
  };

  it('help and version exit 0, a usage mistake exits 2, a parse that succeeds leaves the code alone', async () => {
    expect(await cli(commander('commander.helpDisplayed'))).toBe(0);
    expect(await cli(commander('commander.help'))).toBe(0);
    expect(await cli(commander('commander.version'))).toBe(0);
    expect(await cli(commander('commander.unknownOption'))).toBe(2);
    expect(await cli(commander('commander.missingArgument'))).toBe(2);
    expect(await cli(async () => undefined)).toBeUndefined();
  });

  it('anything else thrown is rethrown', async () => {
    await expect(cli(commander('ENOENT'))).rejects.toThrow('ENOENT');
    await expect(cli(async () => { throw new TypeError('bug'); })).rejects.toThrow('bug');
    await expect(cli(async () => { throw null; })).rejects.toBeNull();
  });

  it('output closed by the reader (EPIPE) ends the process quietly; other stdout errors are thrown', async () => {
    const before = process.stdout.listeners('error');
    await runCli(async () => undefined);
    const added = process.stdout.listeners('error').filter((l) => !before.includes(l));
    expect(added).toHaveLength(1);
    // process.exit never returns: the stand-in throws so that nothing after it runs.
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    try {
      expect(() => (added[0] as (e: Error) => void)(Object.assign(new Error('epipe'), { code: 'EPIPE' }))).toThrow('exit 0');
      expect(() => (added[0] as (e: Error) => void)(Object.assign(new Error('other'), { code: 'EIO' }))).toThrow('other');
      expect(exit).toHaveBeenCalledTimes(1);
    } finally {
      exit.mockRestore();
      process.stdout.off('error', added[0] as never);
    }
  });
});

describe('fileSystemErrorMessage: the path as a user sees it', () => {
  it('relative to the working folder when inside it, absolute otherwise; dest when there is no path', () => {
    const inside = join(process.cwd(), 'out', 'summary.json');
    expect(fileSystemErrorMessage(Object.assign(new Error('x'), { code: 'EACCES', path: inside, syscall: 'open' }))).toBe(`${join('out', 'summary.json')}: permission denied (open EACCES)`);
    expect(fileSystemErrorMessage(Object.assign(new Error('x'), { code: 'EROFS', path: '/elsewhere-x/f', syscall: 'open' }))).toBe(
      process.cwd().startsWith('/elsewhere-x') ? expect.any(String) : '/elsewhere-x/f: read-only file system (open EROFS)',
    );
    expect(fileSystemErrorMessage(Object.assign(new Error('x'), { code: 'EXDEV' }))).toBeNull();
    expect(fileSystemErrorMessage(Object.assign(new Error('x'), { code: 'EEXIST', dest: 'b.json', syscall: 'link' }))).toBe('b.json: already exists (link EEXIST)');
    expect(fileSystemErrorMessage(Object.assign(new Error('x'), { code: 'EBUSY' }))).toBe('busy (file system EBUSY)');
    expect(fileSystemErrorMessage({ code: 'ENOSPC' })).toBeNull();
    expect(fileSystemErrorMessage(Object.assign(new Error('x'), { code: 5 }))).toBeNull();
    // Only a string code counts, not something that merely prints as one.
    expect(fileSystemErrorMessage(Object.assign(new Error('x'), { code: { toString: () => 'EACCES' } }))).toBeNull();
  });
});

describe('fileSystemErrorMessage: what each code says', () => {
  it('a plain phrase per errno code, with the syscall and the code', () => {
    const said: Record<string, string> = {
      EISDIR: 'is a folder where a file is expected',
      ENOTDIR: 'a part of this path is a file where a folder is expected',
      ENOENT: 'not found',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EROFS: 'read-only file system',
      ENOSPC: 'no space left on the device',
      EDQUOT: 'disk quota exceeded',
      EFBIG: 'file too large',
      ENAMETOOLONG: 'name too long',
      ELOOP: 'too many symbolic links',
      EEXIST: 'already exists',
      ENOTEMPTY: 'folder not empty',
      EMFILE: 'too many open files',
      EBUSY: 'busy',
      EIO: 'input/output error',
    };
    for (const [code, phrase] of Object.entries(said)) {
      expect(fileSystemErrorMessage(Object.assign(new Error('x'), { code, path: 'out/f', syscall: 'open' }))).toBe(`out/f: ${phrase} (open ${code})`);
    }
  });
});
