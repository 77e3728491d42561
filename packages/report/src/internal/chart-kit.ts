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
  const w = window as unknown as { __report: { charts: Record<string, ChartRecord>; errors: string[]; ready: boolean; ms: number; readyAt: number; paintedAt: number } };
  const t0 = performance.now();
  w.__report = { charts: {}, errors: [], ready: false, ms: 0, readyAt: 0, paintedAt: 0 };
  const charts: uPlot[] = [];
  const widthOf = (el: HTMLElement) => Math.max(320, el.clientWidth);
  // Every chart's width read in one layout before the first chart is made: reading clientWidth after each
  // chart's insertion would force a layout per chart.
  let widths: Map<Element, number> | undefined;
  const initialWidthOf = (el: HTMLElement) => {
    widths ??= new Map(Array.from(document.querySelectorAll('.chart'), (c) => [c, Math.max(320, (c as HTMLElement).clientWidth)]));
    return widths.get(el) ?? widthOf(el);
  };
  window.addEventListener('resize', () => {
    for (const u of charts) u.setSize({ width: widthOf(u.root.parentElement!), height: 260 });
  });
  return {
    COLORS: ['#1f6feb', '#2da44e', '#cf222e', '#8250df', '#bf8700', '#57606a', '#0a7f86'],
    draw(id, opts, d, record) {
      const el = document.getElementById(id);
      try {
        if (!el) throw new Error(`no element #${id}`);
        const u = new U({ width: initialWidthOf(el), height: 260, ...opts } as uPlot.Options, d, el);
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
      // uPlot draws each chart in a microtask after its constructor: the frame after those is the first with
      // every chart on screen (the task after that frame's callback: its paint has been produced).
      requestAnimationFrame(() => setTimeout(() => (w.__report.paintedAt = performance.now())));
    },
    record(id, r) {
      w.__report.charts[id] = r;
    },
    fail(what) {
      w.__report.errors.push(what);
    },
  };
}
