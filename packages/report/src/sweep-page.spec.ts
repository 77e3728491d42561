import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserOrLoudSkip, checkPage } from '../../../tools/browser/page-check.mjs';
import { sweepPageData, sweepPageHtml, writeSweepReport, type ParamSweep } from './sweep-page.js';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A 3 x 2 sweep whose starting profile (a = 1.5, b = 10) is off the grid on `a`: it was never soaked. */
function offGridSweep(): ParamSweep {
  const cells = [1, 2, 3].flatMap((a, i) =>
    [10, 20].map((b, j) => ({
      index: i * 2 + j,
      params: { a, b },
      metrics: { net_bps: a - b / 10, hit_ratio: 0.9 },
      objective_by_seed: [a - b / 10 - 0.1, a - b / 10 + 0.1],
      interval: { mean: a - b / 10, lo: a - b / 10 - 1.27, hi: a - b / 10 + 1.27, n: 2, stdev: 0.14 },
      safe: !(a === 3 && b === 20),
      breaks: a === 3 && b === 20 ? ['hit_ratio 0.6 < 0.7'] : [],
    })),
  );
  return {
    grid: { profile: 'S1', objective: 'net_bps', fields: { a: [1, 2, 3], b: [10, 20] }, constraints: [{ metric: 'hit_ratio', op: '>=', value: 0.7 }] },
    grid_file: 'config/sweeps/t.json',
    starting_values: { a: 1.5, b: 10 },
    best: cells[4]!,
    windows: [
      { field: 'a', values: [1, 2, 3], slice: [0, 1, 2], window: [2, 3], start: 1.5, influence: 2 },
      { field: 'b', values: [10, 20], slice: [2, 1], window: [10, 20], start: 10, influence: 1 },
    ],
    summary: { cells: 6, safe_cells: 5, positive_safe_cells: 3 },
    cells,
  };
}

describe('the sweep page: the starting profile at its own values', () => {
  it('says which of its values the grid holds, and that an off-grid start was not soaked', () => {
    const s = offGridSweep();
    const d = sweepPageData(s);
    expect(d.start).toEqual([1.5, 10]);
    expect(d.startOnGrid).toEqual([false, true]);
    expect(d.startNearest).toEqual([1, 10]);
    const html = sweepPageHtml(s);
    expect(html).toContain('<td>a</td><td class="n">1.5</td><td>not a grid value (grid: 1, 2, 3)</td>');
    expect(html).toContain('did not soak it');
  });

  it("names the start's own cell with its objective, interval and safety when the grid holds it", () => {
    const s = offGridSweep();
    s.starting_values = { a: 3, b: 20 };
    expect(sweepPageHtml(s)).toContain('Its own cell #5: net_bps 1 (by seed 0.9, 1.1), 95% CI of the mean -0.27 .. 2.27; unsafe: breaks hit_ratio 0.6 &lt; 0.7.');
  });

  if (!browserOrLoudSkip(it.skip)) return;

  it('in headless Chromium: a dashed marker where the start falls between grid values; hover reads the cell', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-sweep-page-'));
    writeFileSync(join(dir, 'PARAM_SWEEP.json'), JSON.stringify(offGridSweep()));
    const page = writeSweepReport(join(dir, 'PARAM_SWEEP.json'));
    mkdirSync(join(ROOT, 'artifacts/report-browser'), { recursive: true });
    const seen = await checkPage(page, { hover: { selector: 'rect[data-cell="5"]', read: '#sweep-tip' }, screenshot: join(ROOT, 'artifacts/report-browser/sweep-offgrid.png') });
    expect(seen.errors).toEqual([]);
    expect(seen.report.errors).toEqual([]);
    // x = a (most influential), y = b: one marker, on a, halfway between 1 and 2.
    expect(seen.report.charts['sweep-start']).toEqual({ points: 1, series: 1, values: [1] });
    expect(seen.report.charts['sweep-heatmap']).toEqual({ points: 6, series: 1, values: [6] });
    expect(seen.hovered).toContain('cell #5');
    expect(seen.hovered).toContain('95% CI of the mean: -0.270 .. 2.270');
    expect(seen.hovered).toContain('unsafe: breaks hit_ratio 0.6 < 0.7');
  });
});
