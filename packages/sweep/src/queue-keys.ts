/**
 * Names a queued sweep uses in Redis: the two BullMQ queues, the job ids (derived from what decides a sweep's
 * results, so submitting the same sweep twice finds the jobs already there instead of adding copies), and the
 * `redis://` / `rediss://` URL turned into connection options, checked up front with a one-line error.
 */
import { canonicalJson, sha256Hex, UserError } from '@mm-profiles/profile-core';

/** Cell-seed jobs: what `mm worker` takes. */
export const CELL_QUEUE = 'mm-sweep-cells';
/** One parent job per sweep (a BullMQ flow's parent, never processed): groups its cells, anchors dedup. */
export const SWEEP_QUEUE = 'mm-sweeps';

/** What decides every cell's metrics besides the cell and seed; equal inputs, equal id. */
export interface SweepIdentity {
  /** The grid + base + starting profile (LoadedSweep.sha256). */
  gridSha256: string;
  /** sha256 of each replay file, in order; empty for the synthetic market. */
  dataSha256: readonly string[];
  /** The loaded scenario (venue parameters) the cells run with. */
  scenario: unknown;
  edgePolicy: unknown;
}

/** 24 hex digits of the identity's hash: the sweep's name in Redis. */
export function queuedSweepId(id: SweepIdentity): string {
  return sha256Hex(canonicalJson({ data: id.dataSha256, edge_policy: id.edgePolicy, grid: id.gridSha256, scenario: id.scenario })).slice(0, 24);
}

/** The sweep's parent job id. BullMQ ids must not contain ':' nor be whole numbers. */
export function sweepJobId(sweepId: string): string {
  return `sweep-${sweepId}`;
}

/** One cell on one seed. */
export function cellJobId(sweepId: string, index: number, seed: number): string {
  return `${sweepId}-c${index}-s${seed}`;
}

/** `{sweepId}-c{index}-s{seed}` (or BullMQ's `bull:{queue}:{id}` key of it) back to its parts; null if not one of ours. */
export function parseCellJobId(idOrKey: string): { sweepId: string; index: number; seed: number } | null {
  const id = idOrKey.slice(idOrKey.lastIndexOf(':') + 1);
  const m = /^([0-9a-f]{24})-c(\d+)-s(-?\d+)$/.exec(id);
  return m ? { sweepId: m[1]!, index: Number(m[2]), seed: Number(m[3]) } : null;
}

export interface RedisConnection {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: Record<string, never>;
  /** BullMQ workers need ioredis to retry forever rather than fail a blocking call. */
  maxRetriesPerRequest: null;
}

/**
 * `redis://[[user]:password@]host[:port][/db]` or `rediss://...` (TLS) -> ioredis options. Anything else, a
 * bad port or db, or a query string, is a UserError naming the flag.
 */
export function redisConnection(url: string, flag = '--queue'): RedisConnection {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new UserError(`${flag}: "${url}" is not a URL; expected redis://HOST:PORT[/DB] (rediss:// for TLS)`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new UserError(`${flag}: "${redactedUrl(url)}" must start with redis:// or rediss:// (TLS)`);
  }
  if (!u.hostname) throw new UserError(`${flag}: "${redactedUrl(url)}" names no host`);
  if (u.search || u.hash) throw new UserError(`${flag}: "${redactedUrl(url)}": no query or fragment is read; put the db number in the path (/DB)`);
  const port = u.port ? Number(u.port) : 6379;
  const dbText = u.pathname.replace(/^\//, '');
  if (!/^\d{0,2}$/.test(dbText)) throw new UserError(`${flag}: "${redactedUrl(url)}": the path must be a database number (/0../99), got "/${dbText}"`);
  const out: RedisConnection = { host: u.hostname.replace(/^\[(.*)\]$/, '$1'), port, db: dbText ? Number(dbText) : 0, maxRetriesPerRequest: null };
  if (u.username) out.username = decodeURIComponent(u.username);
  if (u.password) out.password = decodeURIComponent(u.password);
  if (u.protocol === 'rediss:') out.tls = {};
  return out;
}

/** The URL with its password replaced by `***`, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
