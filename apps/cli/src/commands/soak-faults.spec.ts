/** `mm soak` under bad input, file-system errors, a second run and signals, in child processes (issue 14). */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MM, runMm, scratchRepo } from '../__tests__/run-mm.js';

/** Every file under a folder with its bytes, dot-files included. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length + 1)] = readFileSync(join(e.parentPath, e.name), 'latin1');
  }
  return out;
}

describe('mm soak: a failed start changes nothing', () => {
  it('bad replays (garbage gzip, truncated gzip, empty file, bad line, unknown format) exit 2 with one line and leave the previous run byte for byte', () => {
    const root = scratchRepo();
    const good = runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '1', '--quiet', '--export-json', 'out/m.jsonl'], { cwd: root });
    expect([0, 1]).toContain(good.code);
    const before = snapshot(join(root, 'artifacts'));
    const exported = readFileSync(join(root, 'out/m.jsonl'), 'utf8');
    expect(Object.keys(before)).toContain('soak/audit.jsonl');
    const gz = gzipSync(Buffer.from('{"stream":"btcusdt@bookTicker","data":{"u":1,"s":"BTCUSDT","b":"1","B":"1","a":"2","A":"1","T":1,"E":1}}\n'.repeat(50)));
    writeFileSync(join(root, 'garbage.gz'), Buffer.from('this is not gzip at all'));
    writeFileSync(join(root, 'truncated.gz'), gz.subarray(0, gz.length >> 1));
    writeFileSync(join(root, 'empty.jsonl'), '');
    writeFileSync(join(root, 'badline.jsonl'), '{"stream":"btcusdt@bookTicker"\n');
    for (const args of [
      ['--replay', 'garbage.gz', '--format', 'binance-ws'],
      ['--replay', 'truncated.gz', '--format', 'binance-ws'],
      ['--replay', 'empty.jsonl', '--format', 'binance-ws'],
      ['--replay', 'badline.jsonl', '--format', 'binance-ws'],
      ['--replay', 'empty.jsonl', '--format', 'xyz'],
    ]) {
      const r = runMm(['soak', '--profile', 'S1', ...args, '--quiet', '--export-json', 'out/m.jsonl'], { cwd: root });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(snapshot(join(root, 'artifacts')), args.join(' ')).toEqual(before);
      expect(readFileSync(join(root, 'out/m.jsonl'), 'utf8')).toBe(exported);
    }
  });

  it('file-system errors are one line and exit 2: out-dir is a file, --export-json is a folder, a profile path is a folder', () => {
    const root = scratchRepo();
    writeFileSync(join(root, 'afile'), 'x');
    let r = runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--out-dir', 'afile', '--quiet'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('mm: error: afile: is a file, but the output folder must be a folder');
    mkdirSync(join(root, 'adir'));
    r = runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--export-json', 'adir', '--quiet'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('mm: error: --export-json adir: is a folder; give a file path');
    mkdirSync(join(root, 'config/profiles/market_maker_D.json'));
    r = runMm(['soak', '--profile', 'D', '--mock', '--scenario', 'quiet', '--quiet'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toBe('mm: error: config/profiles/market_maker_D.json: is a folder, not a file');
    expect(existsSync(join(root, 'artifacts'))).toBe(false);
    for (const args of [['--watch', 'adir'], ['--watch', 'nope.jsonl'], ['--watch', 'afile', '--sentinel-config', 'adir']]) {
      r = runMm(['sentinel', '--profile', 'S1', ...args], { cwd: root });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(existsSync(join(root, 'artifacts')), args.join(' ')).toBe(false);
    }
  });
});

describe('mm soak: one run per out-dir, signals', () => {
  it('a second run into the same out-dir is refused at once naming the holder; SIGTERM stops the first: INCOMPLETE, exit 143', async () => {
    const root = scratchRepo();
    const child = spawn(process.execPath, [MM, 'soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '1000', '--window-s', '60'], { cwd: root, env: { ...process.env, MM_PROFILE: '' } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    const lock = join(root, 'artifacts/soak/.lock');
    for (let i = 0; i < 600 && !/soak_iter \| OK \| ITER=2\//.test(stdout); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(lock)).toBe(true);
    const second = runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '1', '--quiet'], { cwd: root });
    expect(second.code).toBe(2);
    expect(second.stderr.trim()).toBe(`mm: error: artifacts/soak: in use by mm soak (pid ${child.pid} on ${JSON.parse(readFileSync(lock, 'utf8')).host}); wait for it to finish or choose another --out-dir`);
    // "At once": refused while the first still runs, not after waiting for its lock (no wall-clock bound: the
    // machine's load would decide it).
    expect(child.exitCode).toBeNull();
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    const summary = JSON.parse(readFileSync(join(root, 'artifacts/soak/summary.json'), 'utf8'));
    expect(summary.verdict).toBe('INCOMPLETE');
    expect(summary.iterations).toBeLessThan(1000);
    const lines = readFileSync(join(root, 'artifacts/soak/metrics.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(summary.iterations);
    expect(JSON.parse(lines.at(-1)!).complete).toBe(0);
    expect(readdirSync(join(root, 'artifacts/soak')).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 120_000);
});
