/**
 * What every page script shares, run in the browser: drawing a uPlot chart into an element (recording its
 * points and values in `window.__report` for the browser tests), a palette, axis helpers, and marking the
 * page ready. Serialised into each page before its script, which receives it as its third argument.
 */
import type uPlot from 'uplot';

export interface ChartRecord {
  points: number;
  series: number;
  /** Non-null values per series (x excluded). */
  values: number[];
  /** Totals each series stands for, where the chart gave them (a histogram: its counts, drawn as densities). */
  sums?: number[];
}

export interface ChartKit {
  COLORS: string[];
  /** Draws a chart of the element's width (height 260) and records it; a failure is recorded and rethrown. */
  draw(id: string, opts: Partial<uPlot.Options> & { series: uPlot.Series[] }, d: uPlot.AlignedData, record?: { sums?: number[] }): uPlot;
  yAxis(label: string): uPlot.Axis;
  /** An x axis of small whole numbers (seeds, windows) with half a step of room at each end. */
  indexScale: uPlot.Scale;
  indexAxis(label: string): uPlot.Axis;
  /** Every chart drawn; call last. */
  ready(): void;
  /** Records a chart drawn without uPlot (an SVG). */
  record(id: string, r: ChartRecord): void;
  /** Records a failure outside `draw`. */
  fail(what: string): void;
}

export function chartKit(U: typeof uPlot): ChartKit {
  const w = window as unknown as { __report: { charts: Record<string, ChartRecord>; errors: string[]; ready: boolean; ms: number; readyAt: number } };
  const t0 = performance.now();
  w.__report = { charts: {}, errors: [], ready: false, ms: 0, readyAt: 0 };
  const charts: uPlot[] = [];
  const widthOf = (el: HTMLElement) => Math.max(320, el.clientWidth);
  window.addEventListener('resize', () => {
    for (const u of charts) u.setSize({ width: widthOf(u.root.parentElement!), height: 260 });
  });
  return {
    COLORS: ['#1f6feb', '#2da44e', '#cf222e', '#8250df', '#bf8700', '#57606a', '#0a7f86'],
    draw(id, opts, d, record) {
      const el = document.getElementById(id);
      try {
        if (!el) throw new Error(`no element #${id}`);
        const u = new U({ width: widthOf(el), height: 260, ...opts } as uPlot.Options, d, el);
        charts.push(u);
        const values = d.slice(1).map((s) => (s as (number | null | undefined)[]).filter((v) => v !== null && v !== undefined).length);
        w.__report.charts[id] = { points: d[0].length, series: d.length - 1, values };
        if (record?.sums) w.__report.charts[id]!.sums = record.sums;
        return u;
      } catch (e) {
        w.__report.errors.push(`${id}: ${String(e)}`);
        throw e;
      }
    },
    yAxis: (label) => ({ label, size: 72 }),
    indexScale: { time: false, range: (_u, lo, hi) => [lo - 0.6, hi + 0.6] },
    indexAxis: (label) => ({ label, incrs: [1, 2, 5, 10, 20, 50, 100], values: (_u, v) => v.map((x) => (x === null ? '' : String(x))) }),
    ready() {
      w.__report.ms = performance.now() - t0;
      w.__report.readyAt = performance.now();
      w.__report.ready = true;
    },
    record(id, r) {
      w.__report.charts[id] = r;
    },
    fail(what) {
      w.__report.errors.push(what);
    },
  };
}
