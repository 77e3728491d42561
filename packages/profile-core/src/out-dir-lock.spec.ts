import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockOutDir, processAlive } from './out-dir-lock.js';

const children: Array<{ kill: () => void }> = [];
afterEach(() => children.splice(0).forEach((c) => c.kill()));

/** A pid that certainly ran and exited: a finished child's. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('out-dir lock', () => {
  it('a second lock on the same folder is refused at once, naming the holder; after release it is free', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    const first = lockOutDir(dir, { command: 'mm soak' });
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toEqual({ pid: process.pid, host: hostname(), command: 'mm soak' });
    expect(() => lockOutDir(dir, { command: 'mm soak', label: 'out' })).toThrow(
      `out: in use by mm soak (pid ${process.pid} on ${hostname()}); wait for it to finish or choose another --out-dir`,
    );
    first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const second = lockOutDir(dir, { command: 'mm sweep' });
    second.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('the lock of a live process is refused; of a dead process on this host it is taken over with a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    children.push(child);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: child.pid, host: hostname(), command: 'mm soak' }));
    expect(() => lockOutDir(dir, { command: 'mm soak' })).toThrow(/in use by mm soak \(pid \d+/);
    const dead = deadPid();
    expect(processAlive(dead)).toBe(false);
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: dead, host: hostname(), command: 'mm soak' }));
    const warnings: string[] = [];
    const lock = lockOutDir(dir, { command: 'mm soak', label: 'out', warn: (l) => warnings.push(l) });
    expect(warnings).toEqual([`warning: out: took over the lock of mm soak (pid ${dead} on ${hostname()}), which is no longer running`]);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('a lock from another host is never taken over; an unreadable lock is refused with what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: 'elsewhere', command: 'mm sweep' }));
    expect(() => lockOutDir(dir, { command: 'mm soak' })).toThrow(/in use by mm sweep \(pid \d+ on elsewhere\)/);
    writeFileSync(join(dir, LOCK_FILE), 'garbage');
    expect(() => lockOutDir(dir, { command: 'mm soak', label: 'out' })).toThrow(`out: locked by an unreadable ${LOCK_FILE} file; if no run is using the folder, delete out/${LOCK_FILE}`);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('an out-dir that is a file is a user error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    writeFileSync(join(dir, 'f'), '');
    expect(() => lockOutDir(join(dir, 'f'), { command: 'mm soak', label: 'f' })).toThrow('f: is a file, but the output folder must be a folder');
  });
});

describe("out-dir lock: what counts as a holder's record", () => {
  it('a pid that is not a positive whole number, or no host, is an unreadable lock; a missing command shows as ?', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    const unreadable = `out: locked by an unreadable ${LOCK_FILE} file; if no run is using the folder, delete out/${LOCK_FILE}`;
    for (const holder of [{ pid: 0, host: hostname() }, { pid: -5, host: hostname() }, { pid: 1.5, host: hostname() }, { pid: '7', host: hostname() }, { pid: process.pid }, { pid: process.pid, host: 7 }, null]) {
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify(holder));
      expect(() => lockOutDir(dir, { command: 'mm soak', label: 'out' }), JSON.stringify(holder)).toThrow(unreadable);
    }
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, host: hostname() }));
    expect(() => lockOutDir(dir, { command: 'mm soak', label: 'out' })).toThrow(`out: in use by ? (pid ${process.pid} on ${hostname()})`);
  });

  it('release removes only its own lock, once; a lock someone else wrote meanwhile stays', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    const lock = lockOutDir(dir, { command: 'mm soak' });
    expect(lock.path).toBe(join(dir, LOCK_FILE));
    const other = JSON.stringify({ pid: 999999, host: 'elsewhere', command: 'mm sweep' });
    writeFileSync(lock.path, other);
    lock.release();
    expect(readFileSync(lock.path, 'utf8')).toBe(other);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('the lock goes at the latest when the process exits: release is registered for exit, and unregistered by release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    const before = process.listeners('exit').length;
    const lock = lockOutDir(dir, { command: 'mm soak' });
    expect(process.listeners('exit').length).toBe(before + 1);
    (process.listeners('exit').at(-1) as () => void)();
    expect(existsSync(lock.path)).toBe(false);
    expect(process.listeners('exit').length).toBe(before);
    lock.release();
  });

  it('a dead holder taken over without a warn callback is still taken over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-lock-'));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), command: 'mm soak' }));
    const lock = lockOutDir(dir, { command: 'mm sweep' });
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toEqual({ pid: process.pid, host: hostname(), command: 'mm sweep' });
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
  });
});
