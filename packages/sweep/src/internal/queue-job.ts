/**
 * What a queued cell job carries and how a worker turns it back into a cell task. Everything a cell needs
 * travels in the job (base profile, deltas, the loaded scenario, constraints, edge policy) except the replay
 * files, which each worker reads from its own copy under its workspace root: the job names them relative to
 * the root with the coordinator's sha256, and a worker whose copy differs fails the job instead of running
 * it on other data.
 */
import { UserError, quoterSpecSchema } from '@mm-profiles/profile-core';
import { venueOf, type MarketSpec } from '@mm-profiles/soak-runner';
import type { SweepCellTask } from '../sweep-cell.js';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { z } from 'zod';

const record = z.record(z.string(), z.unknown());

const marketSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('mock'), scenario: record, scenarioName: z.string(), venue: record, venueName: z.string() }),
  z.strictObject({
    kind: z.literal('replay'),
    scenario: record,
    scenarioName: z.string(),
    venue: record,
    venueName: z.string(),
    format: z.string(),
    skipBadLines: z.boolean(),
    /** Relative to the workspace root (absolute when the coordinator's file lay outside it). */
    files: z.array(z.strictObject({ path: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).min(1),
  }),
]);

export const cellJobSchema = z.strictObject({
  v: z.literal(1),
  sweep: z.string().regex(/^[0-9a-f]{24}$/),
  index: z.number().int().min(0),
  seed: z.number().int(),
  name: z.string(),
  label: z.string(),
  base: z.strictObject({ path: z.string(), sha256: z.string(), content: record }),
  deltas: record,
  /** The cell's quoter, when not the profile quoter (a GLFT sweep). */
  quoter: record.optional(),
  market: marketSchema,
  iterations: z.number().int().min(1),
  windowS: z.number().positive().optional(),
  autoTune: z.boolean(),
  constraints: z.strictObject({ hard: z.array(record), soft: z.array(record) }),
  edgePolicy: record,
});

export type CellJob = z.infer<typeof cellJobSchema>;

/** What a worker returns for a cell job: the seed's metrics (and the applied profile, as a local cell run has). */
export const cellJobResultSchema = z.strictObject({ applied: record, metrics: record });
export type CellJobResult = z.infer<typeof cellJobResultSchema>;

/** A replay's files (comma-separated in MarketSpec.file) as the job names them. */
export function jobDataPath(root: string, file: string): string {
  const rel = relative(root, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** The job of one cell on its `seedIndex`-th market; `dataSha256` in the order of the replay's files. */
export function cellJobData(sweepId: string, t: SweepCellTask, seedIndex: number, dataSha256: readonly string[]): CellJob {
  const m = t.markets[seedIndex]!;
  const market: CellJob['market'] =
    m.kind === 'mock'
      ? { kind: 'mock', scenario: m.scenario as unknown as Record<string, unknown>, scenarioName: m.scenarioName, venue: venueOf(m) as unknown as Record<string, unknown>, venueName: m.venueName ?? m.scenarioName }
      : {
          kind: 'replay',
          scenario: m.scenario as unknown as Record<string, unknown>,
          scenarioName: m.scenarioName,
          venue: venueOf(m) as unknown as Record<string, unknown>,
          venueName: m.venueName ?? m.scenarioName,
          format: m.format,
          skipBadLines: m.skipBadLines,
          files: m.file.split(',').map((f, i) => ({ path: jobDataPath(t.root, f), sha256: dataSha256[i]! })),
        };
  const job: CellJob = {
    v: 1,
    sweep: sweepId,
    index: t.index,
    seed: m.seed,
    name: t.name,
    label: t.label,
    base: t.base as unknown as CellJob['base'],
    deltas: t.deltas as Record<string, unknown>,
    market,
    iterations: t.iterations,
    autoTune: t.autoTune,
    constraints: t.constraints as unknown as CellJob['constraints'],
    edgePolicy: t.edgePolicy as unknown as Record<string, unknown>,
  };
  if (t.windowS !== undefined) job.windowS = t.windowS;
  if (t.quoter && t.quoter.kind !== 'profile') job.quoter = t.quoter as unknown as Record<string, unknown>;
  return job;
}

/** A job's data that is not one of ours (another version, another tool on the same queue). */
export class BadCellJob extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadCellJob';
  }
}

export function parseCellJob(data: unknown, jobId: string): CellJob {
  const parsed = cellJobSchema.safeParse(data);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new BadCellJob(`job ${jobId}: not a cell job of this mm version (${i.path.join('.') || 'data'}: ${i.message})`);
  }
  return parsed.data;
}

/** sha256 of a file, streamed. */
export function sha256File(path: string): Promise<string> {
  return new Promise((ok, fail) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (d) => h.update(d))
      .on('error', fail)
      .on('end', () => ok(h.digest('hex')));
  });
}

/** Hashes each file once per size and mtime (a worker runs many cells on the same capture). */
export class FileHashes {
  private readonly known = new Map<string, { key: string; sha: Promise<string> }>();

  sha256(path: string): Promise<string> {
    const st = statSync(path);
    const key = `${st.size}:${st.mtimeMs}`;
    const hit = this.known.get(path);
    if (hit && hit.key === key) return hit.sha;
    const sha = sha256File(path);
    this.known.set(path, { key, sha });
    return sha;
  }
}

/** The market data a job names is missing or is not the coordinator's: the job fails, naming the file. */
export class MarketDataMismatch extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'MarketDataMismatch';
  }
}

/** The job as a cell task on this worker's copy of the data (checked), with one market: the job's seed. */
export async function cellTaskFromJob(job: CellJob, root: string, hashes: FileHashes): Promise<SweepCellTask> {
  const m = job.market;
  let market: MarketSpec;
  if (m.kind === 'mock') {
    market = { kind: 'mock', scenario: m.scenario as never, scenarioName: m.scenarioName, venue: m.venue as never, venueName: m.venueName, seed: job.seed };
  } else {
    const files: string[] = [];
    for (const f of m.files) {
      const abs = isAbsolute(f.path) ? f.path : resolve(root, f.path);
      if (!existsSync(abs)) throw new MarketDataMismatch(`market data ${f.path}: not found under ${root} on this worker; copy the sweep's file there`);
      const sha = await hashes.sha256(abs);
      if (sha !== f.sha256) {
        throw new MarketDataMismatch(`market data ${f.path}: sha256 ${sha.slice(0, 12)}... on this worker, the sweep's is ${f.sha256.slice(0, 12)}...; every worker must read the same file`);
      }
      files.push(abs);
    }
    market = { kind: 'replay', file: files.join(','), format: m.format, skipBadLines: m.skipBadLines, scenario: m.scenario as never, scenarioName: m.scenarioName, venue: m.venue as never, venueName: m.venueName, seed: job.seed };
  }
  const task: SweepCellTask = {
    index: job.index,
    name: job.name,
    label: job.label,
    base: job.base as unknown as SweepCellTask['base'],
    deltas: job.deltas as SweepCellTask['deltas'],
    markets: [market],
    iterations: job.iterations,
    autoTune: job.autoTune,
    constraints: job.constraints as unknown as SweepCellTask['constraints'],
    edgePolicy: job.edgePolicy as unknown as SweepCellTask['edgePolicy'],
    root,
  };
  if (job.windowS !== undefined) task.windowS = job.windowS;
  if (job.quoter !== undefined) {
    const q = quoterSpecSchema().safeParse(job.quoter);
    if (!q.success) throw new BadCellJob(`a cell job's quoter is not one this worker knows: ${q.error.issues[0]?.message ?? 'invalid'}`);
    task.quoter = q.data;
  }
  return task;
}
