import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserOrLoudSkip, checkPage, chromiumPath, NO_BROWSER_MESSAGE } from '../../../../tools/browser/page-check.mjs';
import { REPO_ROOT, runMm, scratchRepo } from './run-mm.js';

const SHOTS = join(REPO_ROOT, 'artifacts/report-browser');
const GRID = {
  profile: 'S1',
  fields: { min_interval_ms: [40, 60, 150, 300], base_spread_bps_delta: [0.05, 0.15, 0.35, 0.7], tail_age_ms: [700, 1500] },
  market: { scenario: 'quiet', seeds: [1, 2] },
  iterations: 2,
  window_s: 300,
  constraints: [
    { metric: 'hit_ratio', op: '>=', value: 0.7 },
    { metric: 'latency_p95_ms', op: '<=', value: 150 },
  ],
};

describe('mm soak and mm report: the soak page', () => {
  it('mm soak writes report.html and prints its path last; mm report rebuilds the same bytes', () => {
    const root = scratchRepo();
    const r = runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '2', '--window-s', '300', '--quiet'], { cwd: root });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[lines.length - 1]).toBe('report: artifacts/soak/report.html');
    const page = join(root, 'artifacts/soak/report.html');
    const first = readFileSync(page);
    rmSync(page);
    const again = runMm(['report', 'artifacts/soak'], { cwd: root });
    expect(again).toMatchObject({ code: 0, stdout: 'report: artifacts/soak/report.html\n', stderr: '' });
    expect(readFileSync(page).equals(first)).toBe(true);
  });

  it('bad input: one line naming the folder or file, exit 2, the page left as it was', () => {
    const root = scratchRepo();
    expect(runMm(['report', 'artifacts/nowhere'], { cwd: root })).toMatchObject({ code: 2, stderr: 'mm: error: artifacts/nowhere: not a folder\n' });
    mkdirSync(join(root, 'artifacts/empty'), { recursive: true });
    expect(runMm(['report', 'artifacts/empty'], { cwd: root }).stderr).toBe('mm: error: artifacts/empty: no summary.json, PARAM_SWEEP.json or GATE_REPORT.json here (expected the out-dir of a soak, a sweep or a ci-gate compare)\n');
    expect(runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '1', '--window-s', '60', '--quiet'], { cwd: root }).code).toBe(0);
    const page = join(root, 'artifacts/soak/report.html');
    const before = readFileSync(page);
    writeFileSync(join(root, 'artifacts/soak/timeseries.json'), '{"version":1,');
    const bad = runMm(['report', 'artifacts/soak'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^mm: error: artifacts\/soak\/timeseries\.json:1:\d+: malformed JSON: .+\n$/);
    expect(readFileSync(page).equals(before)).toBe(true);
  });
});

describe('mm soak --seeds: a page over the seeds and one per seed', () => {
  it('net bps per seed with its interval, each seed\'s markout with the mean and a 95% t interval; each seed\'s page', async () => {
    const root = scratchRepo();
    const r = runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--seeds', '2', '--iterations', '1', '--window-s', '300', '--quiet'], { cwd: root });
    expect([0, 1, 3]).toContain(r.code);
    expect(r.stdout.trim().split('\n').pop()).toBe('report: artifacts/soak/report.html');
    const dir = join(root, 'artifacts/soak');
    for (const s of [1, 2]) expect(existsSync(join(dir, `seed-${s}`, 'report.html')), `seed ${s}`).toBe(true);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('href="seed-1/report.html"');
    const data = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]!);
    const mk = [1, 2].map((s) => JSON.parse(readFileSync(join(dir, `seed-${s}`, 'summary.json'), 'utf8')).metrics.markout_bps as Record<string, number>);
    // By hand: two samples, t(0.975, 1 dof) = 12.7062; half-width = t * |a - b| / 2 (sd = |a - b| / sqrt 2, / sqrt 2 again).
    // The page keeps 6 decimals, so its mean is within 5e-7 of the exact one (a tie rounds either way).
    ['0.1s', '1s', '5s', '30s'].forEach((h, i) => {
      const [a, b] = [mk[0]![h]!, mk[1]![h]!];
      expect(Math.abs(data.markoutMean[i] - (a + b) / 2)).toBeLessThanOrEqual(5e-7 + 1e-12);
      expect(data.markoutLo[i]).toBeCloseTo((a + b) / 2 - (12.7062047 * Math.abs(a - b)) / 2, 5);
      expect(data.markoutHi[i]).toBeCloseTo((a + b) / 2 + (12.7062047 * Math.abs(a - b)) / 2, 5);
    });
    const browser = chromiumPath();
    if (!browser) return void process.stderr.write(`\n${NO_BROWSER_MESSAGE}\n\n`);
    const seen = await checkPage(join(dir, 'report.html'), { screenshot: join(SHOTS, 'soak-seeds.png') });
    expect(seen.errors).toEqual([]);
    expect(seen.report.charts['chart-seeds-net']).toEqual({ points: 2, series: 4, values: [2, 2, 2, 2] });
    expect(seen.report.charts['chart-seeds-markout']).toEqual({ points: 4, series: 5, values: [4, 4, 4, 4, 4] });
  });
});

describe('mm sweep: the sweep page in headless Chromium', () => {
  if (!browserOrLoudSkip(it.skip)) return;

  it('heatmap cells, windows per field, hover with seeds and the broken constraint; no errors; screenshot', async () => {
    const root = scratchRepo();
    writeFileSync(join(root, 'config/sweeps/small.json'), JSON.stringify(GRID));
    const r = runMm(['sweep', '--grid', 'config/sweeps/small.json', '--workers', '0', '--quiet'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^report: artifacts\/sweep\/report\.html$/m);
    const page = join(root, 'artifacts/sweep/report.html');
    expect(runMm(['report', 'artifacts/sweep'], { cwd: root })).toMatchObject({ code: 0, stdout: 'report: artifacts/sweep/report.html\n' });
    const doc = JSON.parse(readFileSync(join(root, 'artifacts/sweep/PARAM_SWEEP.json'), 'utf8'));
    // Hover an unsafe cell of the heatmap's slice (the other fields at the best cell's values), if it has one.
    type Cell = { index: number; safe: boolean; breaks: string[]; params: Record<string, number> };
    const ranked = [...doc.windows].sort((a: { influence: number }, b: { influence: number }) => b.influence - a.influence);
    const [fx, fy] = [ranked[0].field, ranked[1].field];
    const onSlice = (c: Cell) => Object.entries(doc.best.params as Record<string, number>).every(([k, v]) => k === fx || k === fy || c.params[k] === v);
    const unsafe = (doc.cells as Cell[]).find((c) => !c.safe && onSlice(c));
    mkdirSync(SHOTS, { recursive: true });
    const selector = unsafe ? `rect[data-cell="${unsafe.index}"]` : `rect[data-cell="${doc.best.index}"]`;
    const seen = await checkPage(page, { screenshot: join(SHOTS, 'sweep.png'), hover: { selector, read: '#sweep-tip' } });
    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
    expect(seen.report.errors).toEqual([]);
    // The two most influential fields span the heatmap: one rect per pair of their values, each a real cell.
    const n = ranked[0].values.length * ranked[1].values.length;
    expect(seen.report.charts['sweep-heatmap']).toEqual({ points: n, series: 1, values: [n] });
    for (const w of doc.windows) {
      expect(seen.report.charts[`window-${w.field}`], w.field).toEqual({ points: w.values.length, series: 1, values: [w.slice.filter((s: number | null) => s !== null).length] });
    }
    expect(seen.svgs.length).toBe(1 + doc.windows.length);
    expect(seen.hovered).toMatch(/cell #\d+.*by seed: .+ \(range .+\).*95% CI of the mean: .+ \.\. /s);
    if (unsafe) expect(seen.hovered).toContain(`unsafe: breaks ${unsafe.breaks.join('; ')}`);
    else expect(seen.hovered).toContain('best safe cell');
    expect(statSync(join(SHOTS, 'sweep.png')).size).toBeGreaterThan(10_000);
    expect(existsSync(page)).toBe(true);
  });
});
