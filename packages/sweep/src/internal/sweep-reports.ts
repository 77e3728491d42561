/** PARAM_SWEEP.md and PARAM_SWEEP.svg, rendered from a sweep's analysis (pure, deterministic). */
import { formatInterval } from '@mm-profiles/soak-runner';
import type { Heatmap, SweepAnalysis, SweepCellResult } from './sweep-analysis.js';

const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));
const paramText = (p: Record<string, number>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

export interface SweepReportContext {
  label: string;
  profile: string;
  market: string;
  seeds: number[];
  iterations: number;
  constraints: string[];
}

export function renderSweepMarkdown(ctx: SweepReportContext, a: SweepAnalysis, cells: readonly SweepCellResult[]): string {
  const o = a.objective;
  const fields = a.windows.map((w) => w.field);
  const lines = [
    `# PARAM_SWEEP: ${ctx.label}`,
    '',
    `Starting profile \`${ctx.profile}\`; market ${ctx.market}; seeds ${ctx.seeds.join(', ')}; ${ctx.iterations} iteration(s) per seed.`,
    `Objective: mean \`${o}\` over the seeds (maximised). Safety constraints: ${ctx.constraints.length ? ctx.constraints.map((c) => `\`${c}\``).join(', ') : 'none'}.`,
    '',
    `${a.cells} cells, ${a.safe_cells} safe, ${a.positive_safe_cells} safe with ${o} > 0.`,
    '',
  ];
  if (a.best) {
    lines.push(`**Best safe cell** #${a.best.index}: ${paramText(a.best.params)} -> ${o} ${fmt(a.best.metrics[o])} (by seed: ${a.best.objective_by_seed.map((x) => fmt(x)).join(', ')})`, '');
    if (a.best.interval) lines.push(`Its ${o}: ${formatInterval(a.best.interval)}.`, '');
    const unsure = a.neighbours.filter((n) => !n.beaten);
    if (a.neighbours.length) {
      lines.push(
        unsure.length
          ? `Neighbours it does **not** beat with confidence (best − neighbour, paired by seed): ${unsure.map((n) => `#${n.index} (${paramText(n.params)}: ${formatInterval(n.delta)})`).join('; ')}.`
          : `It beats each of its ${a.neighbours.length} neighbour(s) with confidence (paired by seed).`,
        '',
      );
    }
  } else {
    lines.push('**No cell meets the safety constraints.**', '');
  }
  lines.push(
    '## The window',
    '',
    `Per field, the values that keep ${o} > 0 and the constraints held with the other fields at the best cell's values; ` +
      'influence = range of the field\'s marginal mean.',
    '',
    `| field | values | ${o} along the slice | window | starting value | in window | influence |`,
    '|---|---|---|---|---:|---|---:|',
  );
  for (const w of a.windows) {
    const window = w.window.length ? `${Math.min(...w.window)} .. ${Math.max(...w.window)} (${w.window.join(', ')})` : 'none';
    lines.push(
      `| ${w.field} | ${w.values.join(', ')} | ${w.slice.map((x) => fmt(x)).join(', ')} | ${window} | ${w.start} | ${w.start_in_window ? 'yes' : 'no'} | ${fmt(w.influence)} |`,
    );
  }
  const notBeaten = new Set(a.neighbours.filter((n) => !n.beaten).map((n) => n.index));
  lines.push(
    '',
    '## Top safe cells',
    '',
    `\\* = a neighbour of the best cell that it does not beat with confidence.`,
    '',
    `| # | ${fields.join(' | ')} | ${o} | 95% interval | spread by seed | hit_ratio | fills |`,
    `|---:|${fields.map(() => '---:|').join('')}---:|---|---|---:|---:|`,
  );
  for (const c of a.top) {
    const seeds = c.objective_by_seed;
    const iv = c.interval && c.interval.n >= 2 ? `[${fmt(c.interval.lo)}, ${fmt(c.interval.hi)}]` : '—';
    lines.push(
      `| ${c.index}${notBeaten.has(c.index) ? '\\*' : ''} | ${fields.map((f) => c.params[f]).join(' | ')} | ${fmt(c.metrics[o])} | ${iv} | ${fmt(Math.min(...seeds))} .. ${fmt(Math.max(...seeds))} | ${fmt(c.metrics['hit_ratio'])} | ${fmt(c.metrics['fills'], 0)} |`,
    );
  }
  lines.push('', '## Every cell', '', `| # | ${fields.join(' | ')} | ${o} | safe |`, `|---:|${fields.map(() => '---:|').join('')}---:|---|`);
  for (const c of cells) {
    lines.push(`| ${c.index} | ${fields.map((f) => c.params[f]).join(' | ')} | ${fmt(c.metrics[o])} | ${c.safe ? 'yes' : `no: ${c.breaks.join('; ')}`} |`);
  }
  lines.push('');
  return lines.join('\n');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Diverging colour: red below 0, white at 0, green above; scaled by the largest |value|. */
function colour(v: number | null, scale: number): string {
  if (v === null) return '#d9d9d9';
  const t = Math.min(1, Math.abs(v) / (scale || 1));
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return v >= 0 ? `rgb(${mix(255, 26)},${mix(255, 150)},${mix(255, 65)})` : `rgb(${mix(255, 215)},${mix(255, 48)},${mix(255, 39)})`;
}

/** The heatmap of the objective over the two most influential fields, the others fixed at the best cell's values. */
export function renderSweepSvg(title: string, objective: string, h: Heatmap | null, mark: { best?: Record<string, number>; start?: Record<string, number> }): string {
  if (!h) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="60"><text x="10" y="35" font-family="sans-serif" font-size="14">${esc(title)}: no safe cell to plot</text></svg>\n`;
  }
  const cw = 78;
  const ch = 34;
  const left = 130;
  const top = 78;
  const width = left + cw * h.xValues.length + 150;
  const height = Math.max(top + ch * h.yValues.length + 70, top + 140);
  const values = h.z.flat().filter((v): v is number => v !== null);
  const scale = Math.max(1e-9, ...values.map(Math.abs));
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
    `<text x="${left}" y="42">${esc(`${objective} (mean over seeds); grey = breaks a safety constraint`)}</text>`,
    `<text x="${left}" y="60" fill="#555">${esc(Object.keys(h.fixed).length ? `fixed at the best cell: ${Object.entries(h.fixed).map(([k, v]) => `${k}=${v}`).join(', ')}` : '')}</text>`,
  ];
  h.yValues.forEach((yv, yi) => {
    out.push(`<text x="${left - 8}" y="${top + yi * ch + ch / 2 + 4}" text-anchor="end">${yv}</text>`);
    h.xValues.forEach((xv, xi) => {
      const v = h.z[yi]![xi]!;
      const x = left + xi * cw;
      const y = top + yi * ch;
      const at = (p?: Record<string, number>) => p !== undefined && p[h.x] === xv && (h.y === h.x || p[h.y] === yv);
      const stroke = at(mark.best) ? ' stroke="black" stroke-width="3"' : at(mark.start) ? ' stroke="#1f4e9e" stroke-width="3" stroke-dasharray="5,3"' : ' stroke="white"';
      out.push(`<rect x="${x}" y="${y}" width="${cw}" height="${ch}" fill="${colour(v, scale)}"${stroke}/>`);
      out.push(`<text x="${x + cw / 2}" y="${y + ch / 2 + 4}" text-anchor="middle">${fmt(v, 2)}</text>`);
    });
  });
  const bottom = top + ch * h.yValues.length;
  h.xValues.forEach((xv, xi) => out.push(`<text x="${left + xi * cw + cw / 2}" y="${bottom + 16}" text-anchor="middle">${xv}</text>`));
  out.push(`<text x="${left + (cw * h.xValues.length) / 2}" y="${bottom + 36}" text-anchor="middle" font-weight="bold">${esc(h.x)}</text>`);
  if (h.y !== h.x) out.push(`<text transform="translate(18,${top + (ch * h.yValues.length) / 2}) rotate(-90)" text-anchor="middle" font-weight="bold">${esc(h.y)}</text>`);
  const lx = left + cw * h.xValues.length + 24;
  const legend: [number, string][] = [
    [scale, fmt(scale, 2)],
    [0, '0'],
    [-scale, fmt(-scale, 2)],
  ];
  legend.forEach(([v, label], i) => {
    out.push(`<rect x="${lx}" y="${top + i * 24}" width="18" height="18" fill="${colour(v, scale)}" stroke="#999"/>`);
    out.push(`<text x="${lx + 26}" y="${top + i * 24 + 14}">${label}</text>`);
  });
  out.push(`<rect x="${lx}" y="${top + 84}" width="18" height="18" fill="white" stroke="black" stroke-width="3"/><text x="${lx + 26}" y="${top + 98}">best safe cell</text>`);
  out.push(`<rect x="${lx}" y="${top + 108}" width="18" height="18" fill="white" stroke="#1f4e9e" stroke-width="3" stroke-dasharray="5,3"/><text x="${lx + 26}" y="${top + 122}">starting profile</text>`);
  out.push('</svg>', '');
  return out.join('\n');
}
