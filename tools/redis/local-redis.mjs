#!/usr/bin/env node
// A throwaway redis-server on a free loopback port, for tests, benchmarks and trying `mm sweep --queue` on
// one machine: no persistence (--save '' --appendonly no), bound to 127.0.0.1, stopped with the process that
// started it. Run directly, it prints the URL and keeps Redis up until Ctrl-C:
//   node tools/redis/local-redis.mjs            -> redis://127.0.0.1:PORT
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The redis-server binary on PATH (or in /usr/bin, /usr/sbin for Debian), or null. */
export function findRedisServer() {
  for (const candidate of ['redis-server', '/usr/bin/redis-server', '/usr/sbin/redis-server', '/usr/local/bin/redis-server']) {
    const r = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return candidate;
  }
  return null;
}

/** How to get redis-server on this machine, for messages. */
export const INSTALL_HINT = "install Debian's redis-server package (as root: apt-get install -y redis-server, or run tools/redis/ensure-redis.sh)";

/** A port nobody listens on now: bind port 0 on loopback, read the port, close. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Sends PING on a raw socket; resolves true on +PONG. */
function ping(port) {
  return new Promise((resolve) => {
    const sock = createConnection({ host: '127.0.0.1', port });
    let got = '';
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(500, () => done(false));
    sock.on('error', () => done(false));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) => {
      got += d.toString();
      if (got.includes('\r\n')) done(got.startsWith('+PONG'));
    });
  });
}

/**
 * Starts redis-server on a free loopback port and waits until it answers PING. Resolves to
 * `{ url, port, pid, stop }`; `stop()` ends it (SIGTERM, then SIGKILL after 2 s) and removes its folder.
 * Throws (with INSTALL_HINT) when redis-server is missing. A port taken between the probe and the start
 * (another process won the race) is retried with a fresh port.
 */
export async function startLocalRedis({ tries = 5 } = {}) {
  const bin = findRedisServer();
  if (!bin) throw new Error(`redis-server not found: ${INSTALL_HINT}`);
  let lastError = '';
  for (let attempt = 0; attempt < tries; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'mm-redis-'));
    const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let exited = false;
    const exitedP = new Promise((r) => child.once('exit', () => r((exited = true))));
    const deadline = Date.now() + 10_000;
    let up = false;
    while (!exited && Date.now() < deadline) {
      if (await ping(port)) {
        up = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (up) {
      const stop = async () => {
        if (!exited) {
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 2000);
          await exitedP;
          clearTimeout(t);
        }
        rmSync(dir, { recursive: true, force: true });
      };
      return { url: `redis://127.0.0.1:${port}`, port, pid: child.pid, stop };
    }
    if (!exited) child.kill('SIGKILL');
    await exitedP;
    rmSync(dir, { recursive: true, force: true });
    lastError = stderr.trim() || `no PONG on port ${port} within 10 s`;
  }
  throw new Error(`redis-server did not start: ${lastError}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const redis = await startLocalRedis().catch((e) => {
    console.error(`local-redis: ${e.message}`);
    process.exit(2);
  });
  console.log(redis.url);
  const end = async () => {
    await redis.stop();
    process.exit(0);
  };
  process.on('SIGINT', end);
  process.on('SIGTERM', end);
}
