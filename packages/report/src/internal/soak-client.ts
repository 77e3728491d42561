/**
 * The soak page's script, run in the browser: draws the panels with uPlot from the page's data. It is
 * serialised into the page with Function.prototype.toString, so it must reference nothing outside itself
 * (its arguments and browser globals only). It records what it drew in `window.__report` for the browser test.
 */
import type { TimeseriesFile } from '@mm-profiles/soak-runner';
import type uPlot from 'uplot';
import type { ChartKit } from './chart-kit.js';

export interface LatencyLegData {
  leg: string;
  /** Its chart's element id. */
  id: string;
  /** Latencies counted on the leg (the sum of `counts`). */
  n: number;
  edges_ms: number[];
  counts: number[];
}

export interface SoakPageData {
  step_s: number;
  max_position: number;
  /** The time series' columns, as timeseries.json has them. */
  series: Omit<TimeseriesFile['columns'], 'presence' | 'blocks' | 'skew_bps'>;
  /** The quoter's inventory skew per sample, bps (null: the run's time series predates it). */
  skew_bps: number[] | null;
  fills: { t_s: number[]; side: number[]; px: number[] };
  /** One histogram per leg (LATENCY_LEGS order): bin lower edges (ms) and counts, trimmed after its last non-empty bin. */
  latency: LatencyLegData[];
  /** Markout curve over horizons (s): the run's, each window's, and an interval where the summary has one. */
  markout: { horizons: number[]; run: number[]; windows: number[][]; lo: number[] | null; hi: number[] | null; intervalLabel: string };
  /** Blocks per window by reason. */
  blocks: { windows: number[]; reasons: string[]; counts: number[][] };
}


export function soakClient(data: SoakPageData, U: typeof uPlot, kit: ChartKit): void {
  const { COLORS, draw, yAxis } = kit;
  const utc = (ts: number) => U.tzDate(new Date(ts * 1e3), 'Etc/UTC');
  const sync = U.sync('soak-time');

  const s = data.series;
  const timeX = { time: true };
  const line = (label: string, i: number, extra: Partial<uPlot.Series> = {}): uPlot.Series => ({ label, stroke: COLORS[i % COLORS.length], width: 1.25, ...extra });
  // Market time in UTC, 24 h clock; a synthetic market's clock starts at 0 (shown as elapsed time).
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = (ts: number | null) => {
    if (ts === null || ts === undefined) return '';
    const d = new Date(ts * 1e3);
    const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    const days = Math.floor(ts / 86400);
    return ts < 10 * 365 * 86400 ? (days ? `${days}d ${hms}` : hms) : `${d.toISOString().slice(0, 10)} ${hms}`;
  };
  const timeAxis: uPlot.Axis = { values: (_u, vals) => vals.map(clock), space: 80 };
  const xSeries: uPlot.Series = { label: 'market time', value: (_u, v) => clock(v) };
  const timeOpts = { tzDate: utc, cursor: { sync: { key: sync.key }, drag: { x: true, y: false } }, scales: { x: timeX } };

  draw(
    'chart-equity',
    { ...timeOpts, axes: [timeAxis, yAxis('quote currency')], series: [xSeries, line('equity', 0, { width: 2 }), line('gross', 1), line('slippage', 2), line('fees', 3), line('inventory', 4)] },
    [s.t_s, s.equity, s.gross, s.slippage, s.fees, s.inventory],
  );

  const maxPos = s.t_s.map(() => data.max_position);
  draw(
    'chart-position',
    {
      ...timeOpts,
      axes: [timeAxis, yAxis('position')],
      series: [xSeries, line('position', 0, { width: 1.5 }), line('+max_position', 2, { dash: [6, 4] }), line('-max_position', 2, { dash: [6, 4] })],
    },
    [s.t_s, s.position, maxPos, maxPos.map((x) => -x)],
  );

  // The quoter's reservation price against fair: where the inventory pushed both quotes (GLFT: -q σ c2).
  if (data.skew_bps) {
    draw(
      'chart-skew',
      { ...timeOpts, axes: [timeAxis, yAxis('bps of fair')], series: [xSeries, line('inventory skew', 1, { width: 1.5 })] },
      [s.t_s, data.skew_bps],
    );
  }

  // Fills at their own times: joined with the grid (gaps inserted by the join are bridged, our nulls are not).
  const f = data.fills;
  const buys: [number[], number[]] = [[], []];
  const sells: [number[], number[]] = [[], []];
  for (let i = 0; i < f.t_s.length; i++) {
    const side = f.side[i]! > 0 ? buys : sells;
    // Two fills at one instant: the later one keeps the time (uPlot needs unique x); nudge by 1 µs.
    const prev = side[0][side[0].length - 1];
    side[0].push(prev !== undefined && prev >= f.t_s[i]! ? prev + 1e-6 : f.t_s[i]!);
    side[1].push(f.px[i]!);
  }
  const grid = [s.t_s, s.mid, s.bid, s.ask] as uPlot.AlignedData;
  const joined = U.join([grid, buys as unknown as uPlot.AlignedData, sells as unknown as uPlot.AlignedData]);
  const dots = (label: string, color: string): uPlot.Series => ({ label, stroke: color, fill: color, width: 0, paths: () => null, points: { show: true, size: 4, width: 0, stroke: color, fill: color } });
  draw(
    'chart-mid',
    {
      ...timeOpts,
      axes: [timeAxis, yAxis('price')],
      series: [xSeries, line('mid', 5, { width: 1 }), line('our bid', 1), line('our ask', 2), dots('buy fills', 'rgba(26,127,55,0.55)'), dots('sell fills', 'rgba(209,36,47,0.55)')],
    },
    joined,
  );

  const m = data.markout;
  const mSeries: uPlot.Series[] = [{}, line('run', 0, { width: 2.5, points: { show: true, size: 7 } })];
  const mData: (number | null)[][] = [m.horizons, m.run];
  m.windows.forEach((wv, i) => {
    mSeries.push(line(`window ${i + 1}`, 5, { width: 1, dash: [3, 3], points: { show: true, size: 4 } }));
    mData.push(wv);
  });
  const bands: uPlot.Band[] = [];
  if (m.lo && m.hi) {
    mSeries.push(line(`${m.intervalLabel} high`, 0, { width: 0.5 }), line(`${m.intervalLabel} low`, 0, { width: 0.5 }));
    mData.push(m.hi, m.lo);
    bands.push({ series: [mData.length - 2, mData.length - 1], fill: 'rgba(31,111,235,0.15)' });
  }
  draw(
    'chart-markout',
    {
      scales: { x: { time: false, distr: 3 } },
      axes: [{ label: 'horizon (s)', space: 10, splits: () => m.horizons, filter: (_u, splits) => splits, values: (_u, vals) => vals.map((v) => (v === null ? '' : `${v} s`)) }, yAxis('bps')],
      series: mSeries,
      bands,
    },
    mData as uPlot.AlignedData,
  );

  // One histogram per leg: the legs count different things (events, requests, reports) by orders of magnitude.
  // Bars are counts per ms of bin width (the bins widen at 20 and 100 ms: raw counts would jump there); the
  // hover shows the bin's count.
  const bars = U.paths.bars!({ size: [0.9, 40], align: 1 });
  data.latency.forEach((h, i) => {
    const e = h.edges_ms;
    const width = (k: number) => (k + 1 < e.length ? e[k + 1]! - e[k]! : k > 0 ? e[k]! - e[k - 1]! : 1);
    const perMs = h.counts.map((c, k) => c / width(k));
    draw(
      h.id,
      {
        scales: { x: { time: false } },
        axes: [{ label: 'latency (ms, bin lower edge)' }, yAxis('count / ms')],
        series: [
          {},
          line(`${h.leg} (n = ${h.n})`, i, {
            paths: bars,
            fill: COLORS[i % COLORS.length] + '88',
            value: (_u: uPlot, v: number | null, _si: number, idx: number | null) => (idx === null || v === null ? '-' : `${h.counts[idx]} in [${e[idx]}, ${e[idx + 1] ?? '∞'}) ms`),
          }),
        ],
      },
      [e, perMs] as uPlot.AlignedData,
      { sums: [h.counts.reduce((a, b) => a + b, 0)] },
    );
  });

  // Blocks per window, stacked: each reason's bar drawn from 0 to the running total, the tallest first.
  const b = data.blocks;
  const stacked: number[][] = [];
  b.counts.forEach((c, i) => stacked.push(c.map((v, k) => v + (i ? stacked[i - 1]![k]! : 0))));
  const order = b.reasons.map((_, i) => b.reasons.length - 1 - i);
  const blockBars = U.paths.bars!({ size: [0.7, 60], align: 0 });
  draw(
    'chart-blocks',
    {
      scales: { x: kit.indexScale },
      axes: [kit.indexAxis('window'), yAxis('blocks')],
      series: [
        {},
        ...order.map((i) => ({
          label: b.reasons[i]!,
          stroke: COLORS[i % COLORS.length],
          fill: COLORS[i % COLORS.length],
          paths: blockBars,
          value: (_u: uPlot, _v: number | null, _si: number, idx: number | null) => (idx === null ? '-' : String(b.counts[i]![idx])),
        })),
      ],
    },
    [b.windows, ...order.map((i) => stacked[i]!)] as uPlot.AlignedData,
  );

  kit.ready();
}
