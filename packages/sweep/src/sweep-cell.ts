/**
 * One sweep cell: the starting profile with the cell's values, soaked on each seed of the grid's market with
 * nothing written. Runs in a worker thread (sweep-worker) or in-process; its input and output are plain data so
 * they cross the thread boundary as they are.
 */
import { UserError, isUserError, resolveProfileDeltas, type AppliedProfile, type LoadedFile, type ProfileFile, type QuoterSpec } from '@mm-profiles/profile-core';
import type { EdgePolicyConfig } from '@mm-profiles/sentinel';
import { ReplayCache, runSoak, type GateSet, type MarketSpec } from '@mm-profiles/soak-runner';

/** This thread's last decoded capture: every cell and seed it runs on one replay decodes it once. */
const replayCache = new ReplayCache();
let cacheOn = true;

/** Off: every cell decodes its replay itself, as before the cache (tests compare the two). */
export function useReplayCache(on: boolean): void {
  cacheOn = on;
}

export interface SweepCellTask {
  index: number;
  name: string;
  label: string;
  base: LoadedFile<AppliedProfile>;
  deltas: ProfileFile;
  /** Who quotes the cell (the starting profile's quoter with the cell's `quoter.<name>` values); default: the profile quoter. */
  quoter?: QuoterSpec;
  /** One market per seed. */
  markets: MarketSpec[];
  iterations: number;
  windowS?: number;
  autoTune: boolean;
  constraints: GateSet;
  edgePolicy: EdgePolicyConfig;
  root: string;
}

export interface SweepCellRun {
  index: number;
  applied: AppliedProfile;
  /** Metrics of each seed's soak, in the grid's seed order. */
  runs: Record<string, unknown>[];
}

export async function runSweepCell(t: SweepCellTask): Promise<SweepCellRun> {
  const profile = resolveProfileDeltas(t.name, t.base, t.deltas, t.label, t.quoter);
  const runs: Record<string, unknown>[] = [];
  for (const market of t.markets) {
    const r = await runSoak({
      profile,
      market,
      iterations: t.iterations,
      windowS: t.windowS,
      // A cell keeps only its metrics: no audit is written or even counted.
      audit: 'off',
      replayCache: cacheOn ? replayCache : undefined,
      autoTune: t.autoTune,
      gates: t.constraints,
      edgePolicy: t.edgePolicy,
      root: t.root,
    });
    runs.push(r.metrics);
  }
  return { index: t.index, applied: profile.applied, runs };
}

/** Marks a user error's message on its way out of a worker thread (a thrown error keeps only its message there). */
const USER_ERROR_TAG = 'mm-user-error: ';

/** The worker-thread entry: a cell whose input is bad (e.g. a truncated replay) stays a user error across threads. */
export async function runSweepCellInWorker(t: SweepCellTask): Promise<SweepCellRun> {
  try {
    return await runSweepCell(t);
  } catch (error) {
    if (isUserError(error)) throw new Error(USER_ERROR_TAG + error.message);
    throw error;
  }
}

/** The error a pool's rejection stands for: the worker's user error again, or the error as it came. */
export function fromWorkerError(error: unknown): unknown {
  const message = (error as Error | null)?.message;
  return typeof message === 'string' && message.startsWith(USER_ERROR_TAG) ? new UserError(message.slice(USER_ERROR_TAG.length)) : error;
}
