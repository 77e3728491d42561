import { fixtureDataFile } from '@mm-profiles/market-sim';
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSweep, type SweepCellResult } from './internal/sweep-analysis.js';
import { loadSweepGrid } from './sweep-grid.js';
import { renderSweepMarkdown, renderSweepSvg } from './internal/sweep-reports.js';
import { useReplayCache } from './sweep-cell.js';
import { runSweep, SWEEP_FILES, type SweepProgress } from './sweep-run.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CONFIG = join(ROOT, 'config/profiles');

/** 2 x 3 cells, one seed, two 10-minute windows each: small enough to run in-process. */
function smallSweep() {
  const dir = mkdtempSync(join(tmpdir(), 'mm-sweep-'));
  const path = join(dir, 'grid.json');
  writeFileSync(
    path,
    JSON.stringify({
      profile: 'S1',
      fields: { min_interval_ms: [60, 150], base_spread_bps_delta: [0, 0.35, 1] },
      market: { scenario: 'quiet', seeds: [1] },
      iterations: 2,
      window_s: 600,
      constraints: [{ metric: 'hit_ratio', op: '>=', value: 0.5 }],
    }),
  );
  return { dir, sweep: loadSweepGrid(path, 'grid.json', CONFIG) };
}

const base = { workers: 0, resume: false, edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy, root: ROOT };

describe('runSweep (in-process)', () => {
  it('soaks every cell, writes the journal and PARAM_SWEEP.json/.md/.svg; a wider spread earns more net bps per fill', async () => {
    const { dir, sweep } = smallSweep();
    const out = join(dir, 'out');
    const r = await runSweep({ ...base, sweep, outDir: out });
    expect(r.complete).toBe(true);
    expect(r.results.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const f of Object.values(SWEEP_FILES)) expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, SWEEP_FILES.jsonl), 'utf8').trim().split('\n')).toHaveLength(6);
    const doc = JSON.parse(readFileSync(join(out, SWEEP_FILES.json), 'utf8'));
    expect(doc.cells).toHaveLength(6);
    expect(doc.starting_values).toEqual({ min_interval_ms: 60, base_spread_bps_delta: 0.35 });
    // Monotone in the spread (the same seed for every cell): net bps rises from delta 0 to 1 at each interval.
    for (const mi of [60, 150]) {
      const net = r.results.filter((c) => c.params['min_interval_ms'] === mi).map((c) => c.metrics['net_bps']!);
      expect(net[2]).toBeGreaterThan(net[0]!);
    }
    // Each cell's metrics come from its own soak: fills differ across the spread.
    expect(new Set(r.results.map((c) => c.metrics['fills'])).size).toBeGreaterThan(1);
    expect(r.bestDeltas).toMatchObject({ ...r.analysis.best!.params });
  });

  it('--resume after an interrupted sweep runs only the missing cells, and ends with the same PARAM_SWEEP.json bytes', async () => {
    const { dir, sweep } = smallSweep();
    const full = await runSweep({ ...base, sweep, outDir: join(dir, 'full') });
    expect(full.complete).toBe(true);

    const out = join(dir, 'resumed');
    let finished = 0;
    const first = await runSweep({ ...base, sweep, outDir: out, shouldStop: () => finished >= 4, onProgress: (p) => (finished = p.done) });
    expect(first.complete).toBe(false);
    expect(existsSync(join(out, SWEEP_FILES.json))).toBe(false);
    expect(readFileSync(join(out, SWEEP_FILES.jsonl), 'utf8').trim().split('\n')).toHaveLength(4);
    // A crash mid-write leaves a torn last line: dropped on resume.
    writeFileSync(join(out, SWEEP_FILES.jsonl), readFileSync(join(out, SWEEP_FILES.jsonl), 'utf8') + '{"index":4,"met');

    const seen: SweepProgress[] = [];
    const second = await runSweep({ ...base, sweep, outDir: out, resume: true, onProgress: (p) => seen.push({ ...p }) });
    expect(second.complete).toBe(true);
    expect(seen[0]).toMatchObject({ done: 4, resumed: 4, total: 6 });
    expect(seen.length - 1).toBe(2); // one progress report per cell run now
    expect(readFileSync(join(out, SWEEP_FILES.json), 'utf8')).toBe(readFileSync(join(dir, 'full', SWEEP_FILES.json), 'utf8'));
    expect(readFileSync(join(out, SWEEP_FILES.jsonl), 'utf8').trim().split('\n')).toHaveLength(6);
  });

  it('--resume refuses a journal from a different grid', async () => {
    const { dir, sweep } = smallSweep();
    const out = join(dir, 'out');
    await runSweep({ ...base, sweep, outDir: out, shouldStop: () => true });
    writeFileSync(join(out, SWEEP_FILES.jsonl), JSON.stringify({ index: 0, grid_sha256: 'other' }) + '\n');
    await expect(runSweep({ ...base, sweep, outDir: out, resume: true })).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('analyzeSweep (pure)', () => {
  const cell = (index: number, a: number, b: number, net: number, safe = true): SweepCellResult => ({
    index,
    params: { a, b },
    metrics: { net_bps: net },
    objective_by_seed: [net],
    interval: { mean: net, lo: net, hi: net, n: 1, stdev: 0 },
    safe,
    breaks: safe ? [] : ['hit_ratio >= 0.7 (0.5)'],
  });
  // net rises with a, falls off with b; (3, 20) is unsafe.
  const results = [cell(0, 1, 10, -0.2), cell(1, 1, 20, -0.3), cell(2, 2, 10, 0.1), cell(3, 2, 20, 0.05), cell(4, 3, 10, 0.4), cell(5, 3, 20, 0.9, false)];
  const a = analyzeSweep({ a: [1, 2, 3], b: [10, 20] }, results, 'net_bps', { a: 2, b: 20 });

  it('the best safe cell, never an unsafe one', () => {
    expect(a.best!.index).toBe(4);
    expect(a.safe_cells).toBe(5);
    expect(a.positive_safe_cells).toBe(3);
  });

  it('the window per field along the slice through the best cell, and whether the start lies in it', () => {
    expect(a.windows.map((w) => [w.field, w.window, w.slice, w.start_in_window])).toEqual([
      ['a', [2, 3], [-0.2, 0.1, 0.4], true],
      ['b', [10], [0.4, null], false],
    ]);
  });

  it('the heatmap spans the two most influential fields', () => {
    expect(a.windows[0]!.influence).toBeGreaterThan(a.windows[1]!.influence);
    expect(a.heatmap).toMatchObject({ x: 'a', y: 'b', xValues: [1, 2, 3], yValues: [10, 20], z: [[-0.2, 0.1, 0.4], [-0.3, 0.05, null]] });
    const svg = renderSweepSvg('t', 'net_bps', a.heatmap, { best: a.best!.params, start: { a: 2, b: 20 } });
    expect(svg.match(/<rect x="\d+" y="\d+" width="78"/g)).toHaveLength(6);
    expect(svg).toContain('>0.40</text>');
    expect(svg).toContain('stroke="black" stroke-width="3"');
  });

  it('each cell carries its interval; the best cell\'s neighbours it does not beat with confidence (paired by seed) are marked', () => {
    const seeded = (index: number, a: number, bySeed: number[]): SweepCellResult => {
      const mean = bySeed.reduce((x, y) => x + y, 0) / bySeed.length;
      return { index, params: { a }, metrics: { net_bps: mean }, objective_by_seed: bySeed, interval: null, safe: true, breaks: [] };
    };
    // Best (a=2) − a=1: 0.4 on every seed -> beaten. Best − a=3: 0.05, -0.05, 0.1: mean 0.033333, s = 0.076376,
    // half = t(2) 4.302653 × 0.076376 / √3 = 0.189726 -> [-0.156393, 0.223059]: not beaten.
    const r = analyzeSweep({ a: [1, 2, 3] }, [seeded(0, 1, [0.1, 0.2, 0]), seeded(1, 2, [0.5, 0.6, 0.4]), seeded(2, 3, [0.45, 0.65, 0.3])], 'net_bps', { a: 2 });
    expect(r.best!.index).toBe(1);
    expect(r.neighbours.map((n) => [n.index, n.beaten])).toEqual([
      [0, true],
      [2, false],
    ]);
    const b = r.neighbours[1]!.delta;
    expect(b.mean).toBeCloseTo(0.033333, 6);
    expect(b.lo).toBeCloseTo(-0.156393, 5);
    expect(b.hi).toBeCloseTo(0.223059, 5);
    const md = renderSweepMarkdown({ label: 't', profile: 'S1', market: 'm', seeds: [1, 2, 3], iterations: 1, constraints: [] }, r, []);
    expect(md).toContain('Neighbours it does **not** beat with confidence (best − neighbour, paired by seed): #2 (a=3: 0.033 [-0.156, 0.223] (95% CI, n=3))');
    expect(md).toMatch(/^\| 2\\\* \| 3 \|/m);
  });
});

// The committed slice of the Binance capture: runs on any checkout.
const BINANCE = fixtureDataFile(ROOT, 'binance-usdm/btcusdt_20240808.head.gz');

describe('a sweep over replayed data', () => {
  it('soaks every cell on the same recorded market; the spread changes the edge', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-sweep-replay-'));
    const path = join(dir, 'grid.json');
    writeFileSync(
      path,
      JSON.stringify({
        profile: 'S1',
        fields: { base_spread_bps_delta: [0.35, 1] },
        market: { scenario: 'default', seeds: [1], replay: BINANCE, format: 'binance-ws' },
        iterations: 1,
      }),
    );
    const r = await runSweep({ ...base, sweep: loadSweepGrid(path, 'grid.json', CONFIG), outDir: join(dir, 'out') });
    expect(r.complete).toBe(true);
    expect(r.results).toHaveLength(2);
    const [narrow, wide] = r.results.map((c) => c.metrics);
    expect(narrow!['fills']).toBeGreaterThan(wide!['fills']!);
    expect(narrow!['net_bps']).not.toBe(wide!['net_bps']);
    const doc = JSON.parse(readFileSync(join(dir, 'out', SWEEP_FILES.json), 'utf8'));
    expect(doc.grid.market.replay).toBe(BINANCE);
  });

  it('market.depth: off runs the cells without the L2 book (recorded in PARAM_SWEEP.json); a bad value is refused before any soak', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-sweep-depth-'));
    const path = join(dir, 'grid.json');
    const market = { scenario: 'default', seeds: [1], replay: BINANCE, format: 'binance-ws', depth: 'off' };
    writeFileSync(path, JSON.stringify({ profile: 'S1', fields: { base_spread_bps_delta: [0, 0.35] }, market, iterations: 1 }));
    const r = await runSweep({ ...base, sweep: loadSweepGrid(path, 'grid.json', CONFIG), outDir: join(dir, 'out') });
    expect(r.complete).toBe(true);
    expect(r.results.every((c) => c.metrics['fills']! > 0)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'out', SWEEP_FILES.json), 'utf8')).grid.market.depth).toBe('off');
    writeFileSync(path, JSON.stringify({ profile: 'S1', fields: { base_spread_bps_delta: [0] }, market: { ...market, depth: 'maybe' } }));
    expect(() => loadSweepGrid(path, 'grid.json', CONFIG)).toThrow(/market\.depth/);
  });

  it('the same PARAM_SWEEP.json bytes with the decoded capture reused across cells and seeds as with each cell decoding its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-sweep-cache-'));
    const path = join(dir, 'grid.json');
    for (const windowS of [undefined, 20]) {
      writeFileSync(
        path,
        JSON.stringify({
          profile: 'S1',
          fields: { base_spread_bps_delta: [0, 0.35, 1] },
          market: { scenario: 'default', seeds: [1, 2], replay: BINANCE, format: 'binance-ws' },
          iterations: 2,
          ...(windowS ? { window_s: windowS } : {}),
        }),
      );
      const sweep = loadSweepGrid(path, 'grid.json', CONFIG);
      const cached = await runSweep({ ...base, sweep, outDir: join(dir, `cached-${windowS}`) });
      useReplayCache(false);
      try {
        const fresh = await runSweep({ ...base, sweep, outDir: join(dir, `fresh-${windowS}`) });
        expect(fresh.results.map((c) => c.metrics)).toEqual(cached.results.map((c) => c.metrics));
      } finally {
        useReplayCache(true);
      }
      const bytes = (d: string) => readFileSync(join(dir, d, SWEEP_FILES.json), 'utf8');
      expect(bytes(`cached-${windowS}`)).toBe(bytes(`fresh-${windowS}`));
      // The cells differ (the test is not comparing empty runs).
      expect(new Set(cached.results.map((c) => c.metrics['fills'])).size).toBeGreaterThan(1);
    }
  });
});
