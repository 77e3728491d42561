/**
 * The compare page's script, run in the browser: each seed's net bps for the baseline and the candidate
 * (paired), and the per-seed deltas with their mean, the interval and the margin. Serialised into the page: it
 * references nothing outside itself.
 */
import type uPlot from 'uplot';
import type { ChartKit } from './chart-kit.js';

export interface ComparePageData {
  metric: string;
  seeds: number[];
  baseline: number[];
  candidate: number[];
  deltas: number[];
  mean: number;
  /** The interval of the mean delta: [lo, hi, label]. */
  interval: [number, number, string];
  margin: number;
}

export function compareClient(data: ComparePageData, U: typeof uPlot, kit: ChartKit): void {
  const { draw, yAxis: axis } = kit;
  const seedAxis = kit.indexAxis('seed');
  const pts = (label: string, color: string, dash?: number[]): uPlot.Series => ({ label, stroke: color, width: 1.5, dash, points: { show: true, size: 9, fill: color } });
  draw(
    'chart-paired',
    { scales: { x: kit.indexScale }, axes: [seedAxis, axis(`${data.metric}`)], series: [{ label: 'seed' }, pts('baseline', '#57606a', [4, 4]), pts('candidate', '#1f6feb')] },
    [data.seeds, data.baseline, data.candidate],
  );
  const flat = (x: number) => data.seeds.map(() => x);
  const bars = U.paths.bars!({ size: [0.5, 80] });
  draw(
    'chart-deltas',
    {
      scales: { x: kit.indexScale },
      axes: [seedAxis, axis(`delta ${data.metric}`)],
      series: [
        { label: 'seed' },
        { label: 'delta (candidate - baseline)', stroke: '#1f6feb', fill: '#1f6feb88', paths: bars },
        { label: 'mean', stroke: '#1d2430', width: 2 },
        { label: `${data.interval[2]} high`, stroke: '#1d2430', width: 0.5, dash: [3, 3] },
        { label: `${data.interval[2]} low`, stroke: '#1d2430', width: 0.5, dash: [3, 3] },
        { label: '-margin', stroke: '#cf222e', width: 1.5, dash: [6, 4] },
      ],
      bands: [{ series: [3, 4], fill: 'rgba(29,36,48,0.08)' }],
    },
    [data.seeds, data.deltas, flat(data.mean), flat(data.interval[1]), flat(data.interval[0]), flat(-data.margin)],
  );
  kit.ready();
}
