import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import { marketSpec } from '@mm-profiles/soak-runner';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellJobData, cellTaskFromJob, FileHashes, parseCellJob, sha256File } from './queue-job.js';
import type { SweepCellTask } from '../sweep-cell.js';
import { cellDeltas, loadSweepGrid } from '../sweep-grid.js';

const ROOT = resolve(import.meta.dirname, '../../../..');
const SWEEP_ID = '0123456789abcdef01234567';
// sha256("abc\n") and sha256("abd\n"), from coreutils' sha256sum.
const SHA_ABC = 'edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb';

function taskOn(root: string, replay?: string): SweepCellTask {
  const dir = mkdtempSync(join(tmpdir(), 'mm-qjob-'));
  writeFileSync(join(dir, 'g.json'), JSON.stringify({ profile: 'S1', fields: { min_interval_ms: [60, 150] }, market: { seeds: [4, 5] } }));
  const sweep = loadSweepGrid(join(dir, 'g.json'), 'g.json', join(ROOT, 'config/profiles'));
  const m0 = marketSpec(ROOT, { scenario: 'quiet', seed: 4, ...(replay ? { replay, format: 'binance-ws', venue: 'binance-usdm-btcusdt' } : {}) });
  return {
    index: 1,
    name: 'S1#1',
    label: 'g.json cell 1',
    base: sweep.base,
    deltas: cellDeltas(sweep.start, { min_interval_ms: 150 }),
    markets: [4, 5].map((seed) => ({ ...m0, seed })),
    iterations: 2,
    windowS: 600,
    autoTune: true,
    constraints: { hard: [{ metric: 'hit_ratio', op: '>=', value: 0.5 }], soft: [] } as SweepCellTask['constraints'],
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root,
  };
}

/** What crosses Redis: JSON text. */
const viaRedis = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('cell jobs', () => {
  it('a mock cell job, through JSON and back, is the cell task on that one seed', async () => {
    const t = taskOn(ROOT);
    const job = parseCellJob(viaRedis(cellJobData(SWEEP_ID, t, 1, [])), 'j');
    expect(job.seed).toBe(5);
    const back = await cellTaskFromJob(job, '/elsewhere', new FileHashes());
    expect(back).toEqual({ ...t, markets: [t.markets[1]], root: '/elsewhere' });
  });

  it('replay files travel relative to the root and are read under the worker\'s root after a sha256 check', async () => {
    const coord = mkdtempSync(join(tmpdir(), 'mm-qjob-root-'));
    mkdirSync(join(coord, 'data'));
    writeFileSync(join(coord, 'data/cap.jsonl'), 'abc\n');
    expect(await sha256File(join(coord, 'data/cap.jsonl'))).toBe(SHA_ABC);
    const t = taskOn(coord, join(coord, 'data/cap.jsonl'));
    const job = parseCellJob(viaRedis(cellJobData(SWEEP_ID, t, 0, [SHA_ABC])), 'j');
    expect(job.market).toMatchObject({ kind: 'replay', files: [{ path: 'data/cap.jsonl', sha256: SHA_ABC }] });

    const worker = mkdtempSync(join(tmpdir(), 'mm-qjob-worker-'));
    const hashes = new FileHashes();
    await expect(cellTaskFromJob(job, worker, hashes)).rejects.toThrow(`market data data/cap.jsonl: not found under ${worker} on this worker; copy the sweep's file there`);
    mkdirSync(join(worker, 'data'));
    writeFileSync(join(worker, 'data/cap.jsonl'), 'abd\n');
    await expect(cellTaskFromJob(job, worker, hashes)).rejects.toThrow(
      "market data data/cap.jsonl: sha256 b10bd3130c1c... on this worker, the sweep's is edeaaff3f177...; every worker must read the same file",
    );
    writeFileSync(join(worker, 'data/cap.jsonl'), 'abc\n');
    const back = await cellTaskFromJob(job, worker, hashes);
    expect(back.markets[0]).toMatchObject({ kind: 'replay', file: join(worker, 'data/cap.jsonl'), seed: 4 });
  });

  it('data that is not a cell job is refused with the field that is wrong', () => {
    const t = taskOn(ROOT);
    const good = viaRedis(cellJobData(SWEEP_ID, t, 0, [])) as Record<string, unknown>;
    expect(() => parseCellJob({ ...good, v: 2 }, 'j7')).toThrow(/^job j7: not a cell job of this mm version \(v: /);
    expect(() => parseCellJob({ ...good, iterations: 0 }, 'j7')).toThrow(/\(iterations: /);
  });
});
