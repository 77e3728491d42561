/**
 * The page script of a soak over several seeds, run in the browser: net bps per seed with the mean and its
 * 95% interval, and the markout curve of each seed with the mean curve and its 95% interval per horizon.
 * Serialised into the page: it references nothing outside itself.
 */
import type uPlot from 'uplot';
import type { ChartKit } from './chart-kit.js';

export interface SeedsPageData {
  seeds: number[];
  net: number[];
  /** The summary's interval of net bps over the samples: [mean, lo, hi], or null. */
  netInterval: [number, number, number] | null;
  horizons: number[];
  /** markouts[k][h]: seed k's markout at horizon h. */
  markouts: number[][];
  /** Per horizon: mean, lo, hi over the seeds (null under 2 seeds). */
  markoutMean: number[];
  markoutLo: number[] | null;
  markoutHi: number[] | null;
}

export function seedsClient(data: SeedsPageData, _U: typeof uPlot, kit: ChartKit): void {
  const { COLORS, draw, yAxis } = kit;
  const flat = (x: number) => data.seeds.map(() => x);
  const netSeries: uPlot.Series[] = [{ label: 'seed' }, { label: 'net bps', stroke: COLORS[0], width: 0, paths: () => null, points: { show: true, size: 9, fill: COLORS[0] } }];
  const netData: number[][] = [data.seeds, data.net];
  const bands: uPlot.Band[] = [];
  if (data.netInterval) {
    netSeries.push({ label: 'mean', stroke: '#1d2430', width: 2 }, { label: '95% high', stroke: '#1d2430', width: 0.5, dash: [3, 3] }, { label: '95% low', stroke: '#1d2430', width: 0.5, dash: [3, 3] });
    netData.push(flat(data.netInterval[0]), flat(data.netInterval[2]), flat(data.netInterval[1]));
    bands.push({ series: [3, 4], fill: 'rgba(29,36,48,0.08)' });
  }
  draw(
    'chart-seeds-net',
    {
      scales: { x: kit.indexScale },
      axes: [kit.indexAxis('seed'), yAxis('net bps')],
      series: netSeries,
      bands,
    },
    netData as uPlot.AlignedData,
  );
  const mSeries: uPlot.Series[] = [{}, ...data.seeds.map((s, i) => ({ label: `seed ${s}`, stroke: COLORS[(i + 1) % COLORS.length], width: 1, points: { show: true, size: 5 } }))];
  const mData: number[][] = [data.horizons, ...data.markouts];
  const mBands: uPlot.Band[] = [];
  mSeries.push({ label: 'mean', stroke: '#1d2430', width: 2.5, points: { show: true, size: 7 } });
  mData.push(data.markoutMean);
  if (data.markoutLo && data.markoutHi) {
    mSeries.push({ label: '95% high', stroke: '#1d2430', width: 0.5, dash: [3, 3] }, { label: '95% low', stroke: '#1d2430', width: 0.5, dash: [3, 3] });
    mData.push(data.markoutHi, data.markoutLo);
    mBands.push({ series: [mData.length - 2, mData.length - 1], fill: 'rgba(29,36,48,0.1)' });
  }
  draw(
    'chart-seeds-markout',
    {
      scales: { x: { time: false, distr: 3 } },
      axes: [{ label: 'horizon (s)', space: 10, splits: () => data.horizons, filter: (_u, splits) => splits, values: (_u, v) => v.map((x) => (x === null ? '' : `${x} s`)) }, yAxis('bps')],
      series: mSeries,
      bands: mBands,
    },
    mData as uPlot.AlignedData,
  );
  kit.ready();
}
