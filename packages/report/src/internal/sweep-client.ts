/**
 * The sweep page's script, run in the browser: a heatmap of the objective over two fields (chosen on the page,
 * the two most influential by default; the other fields fixed, at the best cell's values by default), each
 * cell's per-seed values and interval on hover, unsafe cells naming the constraint they break, and each
 * field's window. Serialised into the page: it references nothing outside itself.
 */
import type { ChartKit } from './chart-kit.js';

export interface SweepPageCell {
  index: number;
  /** Values in the order of `fields`. */
  p: number[];
  /** Mean objective over the seeds. */
  m: number;
  seeds: number[];
  /** An interval of the objective where the sweep recorded one: [lo, hi, label]. */
  iv: [number, number, string] | null;
  safe: boolean;
  breaks: string[];
}

export interface SweepPageData {
  objective: string;
  fields: string[];
  values: number[][];
  start: number[];
  /** Per field: the starting value is one of the grid's values (else the sweep never soaked it). */
  startOnGrid: boolean[];
  /** The grid value nearest the starting value, per field (itself when on the grid). */
  startNearest: number[];
  best: number[] | null;
  cells: SweepPageCell[];
  windows: { field: string; values: number[]; slice: (number | null)[]; window: number[]; start: number; influence: number }[];
  x: number;
  y: number;
}

export function sweepClient(data: SweepPageData, _U: unknown, kit: ChartKit): void {
  const NS = 'http://www.w3.org/2000/svg';
  const el = (name: string, attrs: Record<string, string | number>, parent?: Element): SVGElement => {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (parent) parent.appendChild(e);
    return e;
  };
  const key = (p: number[]) => p.join('|');
  const byKey = new Map(data.cells.map((c) => [key(c.p), c]));
  const maxAbs = Math.max(1e-12, ...data.cells.filter((c) => c.safe).map((c) => Math.abs(c.m)));
  const color = (c: SweepPageCell | undefined) => {
    if (!c) return '#ffffff';
    if (!c.safe) return '#c9ced6';
    const t = Math.min(1, Math.abs(c.m) / maxAbs);
    const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
    return c.m >= 0 ? `rgb(${mix(247, 26)},${mix(247, 152)},${mix(247, 80)})` : `rgb(${mix(247, 215)},${mix(247, 48)},${mix(247, 39)})`;
  };
  const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(3));
  const tip = document.getElementById('sweep-tip')!;
  const describe = (c: SweepPageCell) =>
    [
      `<b>cell #${c.index}</b>`,
      ...data.fields.map((f, i) => `${f} = ${c.p[i]}`),
      `${data.objective} (mean) = ${c.m}`,
      `by seed: ${c.seeds.map((s) => (s >= 0 ? '+' : '') + s).join(', ')} (range ${fmt(Math.min(...c.seeds))} .. ${fmt(Math.max(...c.seeds))})`,
      c.iv ? `${c.iv[2]}: ${fmt(c.iv[0])} .. ${fmt(c.iv[1])}` : '',
      c.safe ? 'safe' : `<b>unsafe</b>: breaks ${c.breaks.join('; ')}`,
    ]
      .filter(Boolean)
      .join('<br>');

  const state = { x: data.x, y: data.y, fixed: (data.best ?? data.start).slice() };
  const controls = document.getElementById('sweep-controls')!;
  const select = (label: string, options: string[], value: number, on: (v: number) => void) => {
    const l = document.createElement('label');
    l.textContent = label + ' ';
    const s = document.createElement('select');
    options.forEach((o, i) => {
      const op = document.createElement('option');
      op.value = String(i);
      op.textContent = o;
      if (i === value) op.selected = true;
      s.appendChild(op);
    });
    s.addEventListener('change', () => on(Number(s.value)));
    l.appendChild(s);
    controls.appendChild(l);
  };

  function drawControls(): void {
    controls.innerHTML = '';
    // The other fields at the best cell's values or at the starting profile's.
    const off = data.fields.filter((_, i) => !data.startOnGrid[i]);
    const startLabel = off.length ? `others at the starting profile (nearest grid value for ${off.join(', ')})` : 'others at the starting profile';
    for (const [label, at] of [['others at the best cell', data.best], [startLabel, data.startNearest]] as const) {
      if (!at) continue;
      const b = document.createElement('button');
      b.textContent = label;
      b.addEventListener('click', () => ((state.fixed = at.slice()), drawControls(), drawHeatmap()));
      controls.appendChild(b);
    }
    select('x', data.fields, state.x, (v) => ((state.x = v), drawControls(), drawHeatmap()));
    select('y', data.fields, state.y, (v) => ((state.y = v), drawControls(), drawHeatmap()));
    data.fields.forEach((f, i) => {
      if (i === state.x || i === state.y) return;
      const vals = data.values[i]!;
      select(f, vals.map(String), Math.max(0, vals.indexOf(state.fixed[i]!)), (v) => ((state.fixed[i] = vals[v]!), drawHeatmap()));
    });
  }

  function drawHeatmap(): void {
    const host = document.getElementById('sweep-heatmap')!;
    host.innerHTML = '';
    const xs = data.values[state.x]!;
    const ys = state.y === state.x ? [state.fixed[state.x]!] : data.values[state.y]!;
    const cw = Math.max(34, Math.min(90, Math.floor(820 / xs.length)));
    const ch = 30;
    const left = 90;
    const top = 10;
    const width = left + cw * xs.length + 10;
    const height = top + ch * ys.length + 46;
    const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}` }, host);
    let drawn = 0;
    let withValue = 0;
    ys.forEach((yv, yi) => {
      const row = ys.length - 1 - yi;
      el('text', { x: left - 6, y: top + row * ch + ch / 2 + 4, 'text-anchor': 'end', 'font-size': 11 }, svg).textContent = String(yv);
      xs.forEach((xv, xi) => {
        const p = state.fixed.slice();
        p[state.x] = xv;
        if (state.y !== state.x) p[state.y] = yv;
        const c = byKey.get(key(p));
        const isBest = data.best !== null && key(p) === key(data.best);
        const isStart = key(p) === key(data.start);
        const r = el(
          'rect',
          {
            x: left + xi * cw + 1,
            y: top + row * ch + 1,
            width: cw - 2,
            height: ch - 2,
            fill: color(c),
            stroke: isBest ? '#000' : isStart ? '#1f6feb' : 'none',
            'stroke-width': isBest || isStart ? 2.5 : 0,
            'stroke-dasharray': isStart && !isBest ? '4 3' : 'none',
            'data-cell': c ? c.index : -1,
          },
          svg,
        );
        drawn++;
        if (c) {
          withValue++;
          el('text', { x: left + xi * cw + cw / 2, y: top + row * ch + ch / 2 + 4, 'text-anchor': 'middle', 'font-size': 10, 'pointer-events': 'none' }, svg).textContent = c.safe ? fmt(c.m) : '×';
          r.addEventListener('mousemove', (ev) => {
            const me = ev as MouseEvent;
            tip.innerHTML = describe(c) + (isBest ? '<br><b>best safe cell</b>' : '') + (isStart ? '<br><b>the starting profile</b>' : '');
            tip.style.display = 'block';
            tip.style.left = `${me.pageX + 14}px`;
            tip.style.top = `${me.pageY + 10}px`;
          });
          r.addEventListener('mouseleave', () => (tip.style.display = 'none'));
        }
      });
    });
    xs.forEach((xv, xi) => {
      el('text', { x: left + xi * cw + cw / 2, y: top + ch * ys.length + 16, 'text-anchor': 'middle', 'font-size': 11 }, svg).textContent = String(xv);
    });
    // The starting profile at its own values: where it falls between the grid's values on an axis it is not on.
    let markers = 0;
    const between = (vals: number[], v: number): number => {
      // Fractional index of v among the axis' values (in their order), clamped half a cell outside the ends.
      for (let i = 0; i + 1 < vals.length; i++) {
        const [a, b] = [vals[i]!, vals[i + 1]!];
        if ((v - a) * (v - b) <= 0 && a !== b) return i + (v - a) / (b - a);
      }
      const first = vals[0]!;
      const last = vals[vals.length - 1]!;
      const rising = last >= first;
      return (v < first) === rising ? -0.5 : vals.length - 0.5;
    };
    if (!data.startOnGrid[state.x]) {
      const px = left + (between(xs, data.start[state.x]!) + 0.5) * cw;
      el('line', { x1: px, x2: px, y1: top, y2: top + ch * ys.length, stroke: '#1f6feb', 'stroke-width': 2, 'stroke-dasharray': '4 3', 'data-start': 'x' }, svg);
      el('text', { x: px, y: top + ch * ys.length + 28, 'text-anchor': 'middle', 'font-size': 10, fill: '#1f6feb' }, svg).textContent = `start ${data.start[state.x]}`;
      markers++;
    }
    if (state.y !== state.x && !data.startOnGrid[state.y]) {
      const py = top + (ys.length - 0.5 - between(ys, data.start[state.y]!)) * ch;
      el('line', { x1: left, x2: left + cw * xs.length, y1: py, y2: py, stroke: '#1f6feb', 'stroke-width': 2, 'stroke-dasharray': '4 3', 'data-start': 'y' }, svg);
      el('text', { x: left - 6, y: py - 3, 'text-anchor': 'end', 'font-size': 10, fill: '#1f6feb' }, svg).textContent = `start ${data.start[state.y]}`;
      markers++;
    }
    kit.record('sweep-start', { points: markers, series: 1, values: [markers] });
    el('text', { x: left + (cw * xs.length) / 2, y: top + ch * ys.length + 36, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 600 }, svg).textContent = data.fields[state.x]!;
    el('text', { x: 12, y: top + (ch * ys.length) / 2, 'font-size': 12, 'font-weight': 600, transform: `rotate(-90 12 ${top + (ch * ys.length) / 2})`, 'text-anchor': 'middle' }, svg).textContent =
      state.y === state.x ? '' : data.fields[state.y]!;
    kit.record('sweep-heatmap', { points: drawn, series: 1, values: [withValue] });
  }

  function drawWindows(): void {
    const host = document.getElementById('sweep-windows')!;
    data.windows.forEach((win) => {
      const div = document.createElement('div');
      div.className = 'window-row';
      const title = document.createElement('div');
      const onGrid = win.values.includes(win.start);
      title.innerHTML = `<b>${win.field}</b> window ${win.window.length ? `${win.window[0]} .. ${win.window[win.window.length - 1]}` : '(none)'} · start ${win.start}${onGrid ? '' : ' (not a grid value: not soaked)'} · influence ${win.influence}`;
      div.appendChild(title);
      const cw = 56;
      const svg = el('svg', { width: cw * win.values.length + 4, height: 46 }, div);
      win.values.forEach((v, i) => {
        const s = win.slice[i];
        const inWin = win.window.includes(v);
        const fake: SweepPageCell | undefined = s === null ? ({ safe: false } as SweepPageCell) : ({ safe: true, m: s } as SweepPageCell);
        el('rect', { x: 2 + i * cw, y: 2, width: cw - 4, height: 24, fill: color(fake), stroke: v === win.start ? '#1f6feb' : 'none', 'stroke-width': 2.5, 'stroke-dasharray': '4 3' }, svg);
        el('text', { x: 2 + i * cw + cw / 2 - 2, y: 18, 'text-anchor': 'middle', 'font-size': 10 }, svg).textContent = s === null ? 'unsafe' : fmt(s);
        el('text', { x: 2 + i * cw + cw / 2 - 2, y: 40, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': inWin ? 700 : 400, fill: inWin ? '#1a7f37' : '#57606a' }, svg).textContent = String(v);
      });
      host.appendChild(div);
      kit.record(`window-${win.field}`, { points: win.values.length, series: 1, values: [win.slice.filter((s) => s !== null).length] });
    });
  }

  try {
    drawControls();
    drawHeatmap();
    drawWindows();
  } catch (e) {
    kit.fail(String(e));
    throw e;
  }
  kit.ready();
}
