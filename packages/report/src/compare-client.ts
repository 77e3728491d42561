/**
 * The compare page's script, run in the browser: each seed's net bps for the baseline and the candidate
 * (paired), and the per-seed deltas with their mean, the interval and the margin. Serialised into the page: it
 * references nothing outside itself.
 */
import type uPlot from 'uplot';

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

export function compareClient(data: ComparePageData, U: typeof uPlot): void {
  const w = window as unknown as { __report: { charts: Record<string, { points: number; series: number; values: number[] }>; errors: string[]; ready: boolean; ms: number; readyAt: number } };
  const t0 = performance.now();
  w.__report = { charts: {}, errors: [], ready: false, ms: 0, readyAt: 0 };
  const axis = (label: string): uPlot.Axis => ({ label, size: 70 });
  const seedAxis: uPlot.Axis = { label: 'seed', incrs: [1, 2, 5, 10, 20, 50, 100], values: (_u, v) => v.map((x) => (x === null ? '' : String(x))) };
  const range = (_u: uPlot, lo: number, hi: number): uPlot.Range.MinMax => [lo - 0.6, hi + 0.6];
  function draw(id: string, opts: Partial<uPlot.Options> & { series: uPlot.Series[] }, d: uPlot.AlignedData): void {
    const el = document.getElementById(id)!;
    try {
      new U({ width: Math.max(320, el.clientWidth), height: 260, ...opts } as uPlot.Options, d, el);
      w.__report.charts[id] = { points: d[0].length, series: d.length - 1, values: d.slice(1).map((s) => (s as (number | null)[]).filter((v) => v !== null && v !== undefined).length) };
    } catch (e) {
      w.__report.errors.push(`${id}: ${String(e)}`);
      throw e;
    }
  }
  const pts = (label: string, color: string, dash?: number[]): uPlot.Series => ({ label, stroke: color, width: 1.5, dash, points: { show: true, size: 9, fill: color } });
  draw(
    'chart-paired',
    { scales: { x: { time: false, range } }, axes: [seedAxis, axis(`${data.metric}`)], series: [{ label: 'seed' }, pts('baseline', '#57606a', [4, 4]), pts('candidate', '#1f6feb')] },
    [data.seeds, data.baseline, data.candidate],
  );
  const flat = (x: number) => data.seeds.map(() => x);
  const bars = U.paths.bars!({ size: [0.5, 80] });
  draw(
    'chart-deltas',
    {
      scales: { x: { time: false, range } },
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
  w.__report.ms = performance.now() - t0;
  w.__report.readyAt = performance.now();
  w.__report.ready = true;
}
