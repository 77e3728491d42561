/**
 * The soak's page (`report.html` in its out-dir): equity and its decomposition, position against the limit,
 * mid with our quotes and fills, the markout curve, the latency histogram, blocks per window, and the
 * verdict, gates and applied profile with its provenance. Built only from the soak's artifacts.
 */
import { BLOCK_REASONS, roundDecimal, writeFileAtomic } from '@mm-profiles/profile-core';
import { LATENCY_LEGS, MARKOUT_HORIZONS_S, ratioInterval, type TimeseriesFile } from '@mm-profiles/soak-runner';
import { join } from 'node:path';
import { esc, htmlPage } from './internal/html-page.js';
import { soakClient, type LatencyLegData, type SoakPageData } from './internal/soak-client.js';
import { readSoakPageArtifacts, type GateRow, type SoakPageArtifacts } from './internal/soak-artifacts.js';

export const REPORT_FILE = 'report.html';

const fmt = (x: unknown) => (typeof x === 'number' ? String(x) : x === null || x === undefined ? '-' : esc(x));

/** Drops trailing empty bins (all legs zero); keeps at least one. */
export function trimHistogram(edges: readonly number[], counts: Record<string, number[]>): { edges_ms: number[]; counts: Record<string, number[]> } {
  let last = 0;
  for (const c of Object.values(counts)) for (let i = 0; i < c.length; i++) if (c[i]! > 0 && i > last) last = i;
  const out: Record<string, number[]> = {};
  for (const [leg, c] of Object.entries(counts)) out[leg] = c.slice(0, last + 1);
  return { edges_ms: edges.slice(0, last + 1), counts: out };
}

/** What each leg counts, for its panel. */
const LEG_NOTES: Record<string, [string, string]> = {
  feed: ['Feed leg', 'Per market event: exchange time to when the strategy saw it'],
  entry: ['Entry leg', 'Per request sent (place, replace, cancel): sent to its arrival at the exchange'],
  response: ['Response leg', 'Per report the exchange sent (ack, reject, fill): exchange time to when the strategy learned it (behind earlier reports: one ordered connection)'],
  request_ack: ['Request to ack', 'Per request acknowledged or rejected by the end: sent to learned, as the strategy saw it (entry + response)'],
};

/**
 * The legs in LATENCY_LEGS order (then any other a time series has), each histogram trimmed on its own after
 * the empty bin that follows its last non-empty one (that bin's edge closes the last bar: a leg all in one bin
 * still has an axis).
 */
export function latencyLegs(latency: TimeseriesFile['latency']): LatencyLegData[] {
  const legs = [...LATENCY_LEGS.filter((l) => l in latency.counts), ...Object.keys(latency.counts).filter((l) => !(LATENCY_LEGS as readonly string[]).includes(l)).sort()];
  return legs.map((leg) => {
    const all = latency.counts[leg]!;
    const last = trimHistogram(latency.edges_ms, { [leg]: all }).edges_ms.length;
    const keep = Math.min(all.length, last + 1);
    const counts = all.slice(0, keep);
    return { leg, id: `chart-latency-${leg}`, n: counts.reduce((a, b) => a + b, 0), edges_ms: latency.edges_ms.slice(0, keep), counts };
  });
}

/** A leg's note: what it counts, how many, and the one bin when all fell in one. */
function legNote(h: LatencyLegData, edges: readonly number[]): string {
  const [, what] = LEG_NOTES[h.leg] ?? ['', `Leg ${h.leg} as the soak recorded it`];
  const nonEmpty = h.counts.map((c, i) => (c > 0 ? i : -1)).filter((i) => i >= 0);
  const one = nonEmpty.length === 1 ? `, all in [${edges[nonEmpty[0]!]}, ${edges[nonEmpty[0]! + 1] ?? '∞'}) ms` : '';
  return `${esc(what)}. n = ${h.n}${h.n === 0 ? ' (none on this run)' : ''}${esc(one)}. Bars: count per ms of bin width (bins 0.5 ms wide to 20 ms, 2 ms to 100, 10 ms to 1 s); hover for the count.`;
}

/** An interval of the markout curve, when the summary carries one (several seeds): `{lo, hi}` per horizon. */
function markoutInterval(summary: Record<string, unknown>): { lo: number[]; hi: number[]; label: string } | null {
  const intervals = (summary['intervals'] ?? (summary['metrics'] as Record<string, unknown>)['intervals']) as Record<string, unknown> | undefined;
  const mk = intervals?.['markout_bps'] as Record<string, { lo?: number; hi?: number }> | undefined;
  if (!mk) return null;
  const lo: number[] = [];
  const hi: number[] = [];
  for (const h of MARKOUT_HORIZONS_S) {
    const iv = mk[`${h}s`];
    if (typeof iv?.lo !== 'number' || typeof iv.hi !== 'number') return null;
    lo.push(iv.lo);
    hi.push(iv.hi);
  }
  return { lo, hi, label: String(intervals?.['label'] ?? 'interval') };
}

/**
 * A single run's band: at each horizon the 95% interval of the turnover-weighted mean markout, with the run's
 * blocks of market time as the samples (batch means; delta method for the ratio). Single fills are not
 * independent samples (markouts of fills seconds apart share most of their mid path), blocks of at least twice
 * the longest horizon nearly are. Else null, with the reason.
 */
export function markoutBlockInterval(ts: SoakPageArtifacts['timeseries']): { lo: number[]; hi: number[]; label: string; n: number } | { why: string } {
  const mb = ts.markout_blocks;
  if (!mb) return { why: 'this run predates the markout blocks in timeseries.json (run the soak again for a band)' };
  const lo: number[] = [];
  const hi: number[] = [];
  let n = Infinity;
  for (const h of MARKOUT_HORIZONS_S) {
    const i = mb.horizons_s.indexOf(h);
    const iv = i < 0 ? null : ratioInterval(mb.weighted[i]!, mb.notional[i]!);
    if (!iv || iv.n < 2) return { why: `fills fell in ${iv?.n ?? 0} block(s) of ${mb.block_s} s at the ${h} s horizon: an interval needs at least two` };
    lo.push(roundDecimal(iv.lo, 6));
    hi.push(roundDecimal(iv.hi, 6));
    n = Math.min(n, iv.n);
  }
  return { lo, hi, n, label: `95% CI, ${n} blocks of ${mb.block_s} s` };
}

export function soakPageData(a: SoakPageArtifacts): SoakPageData {
  const c = a.timeseries.columns;
  const curve = (mk: Record<string, number>) => MARKOUT_HORIZONS_S.map((h) => mk[`${h}s`] ?? 0);
  const seedsIv = markoutInterval(a.summary as Record<string, unknown>);
  const blocksIv = seedsIv ? null : markoutBlockInterval(a.timeseries);
  const iv = seedsIv ?? (blocksIv && 'lo' in blocksIv ? blocksIv : null);
  return {
    step_s: a.timeseries.step_s,
    max_position: a.timeseries.max_position,
    series: { t_s: c.t_s, equity: c.equity, gross: c.gross, slippage: c.slippage, fees: c.fees, inventory: c.inventory, position: c.position, mid: c.mid, bid: c.bid, ask: c.ask },
    skew_bps: c.skew_bps ?? null,
    fills: { t_s: a.fills.columns.t_s, side: a.fills.columns.side, px: a.fills.columns.px },
    latency: latencyLegs(a.timeseries.latency),
    markout: {
      horizons: [...MARKOUT_HORIZONS_S],
      run: curve(a.summary.metrics['markout_bps'] as Record<string, number>),
      windows: a.windows.map((w) => curve(w.markout_bps)),
      lo: iv?.lo ?? null,
      hi: iv?.hi ?? null,
      intervalLabel: iv?.label ?? '',
    },
    blocks: {
      windows: a.windows.map((w) => w.iteration),
      reasons: [...BLOCK_REASONS],
      counts: BLOCK_REASONS.map((r) => a.windows.map((w) => w.blocked_by[r] ?? 0)),
    },
  };
}

/** What the markout panel's band is, or why it has none. */
function markoutBandNote(a: SoakPageArtifacts): string {
  if (markoutInterval(a.summary as Record<string, unknown>)) return 'Band: the 95% interval over the samples the summary names.';
  const b = markoutBlockInterval(a.timeseries);
  if ('why' in b) return esc(`No band: ${b.why}.`);
  const bs = a.timeseries.markout_blocks!.block_s;
  return esc(
    `Band: at each horizon the 95% interval of the run's turnover-weighted mean markout, over its fills grouped in blocks of ${bs} s of market time (${b.n} or more blocks with fills; Student t, delta method for the ratio). Blocks, not fills, are the samples: markouts of fills seconds apart share most of their mid path.`,
  );
}

type PageGate = GateRow;

/** A gate's status: as the summary says it, else from pass/kind. */
const gateStatus = (g: PageGate) => (typeof g['status'] === 'string' ? g['status'] : g.pass ? 'PASS' : g.kind === 'hard' ? 'FAIL' : 'WARN');

/** The gates with their actual value, 95% interval where judged on one, threshold and status. */
export function gatesTable(gates: readonly PageGate[]): string {
  const rows = gates
    .map((g) => {
      const iv = g['interval'] as { lo?: number; hi?: number; n?: number } | undefined;
      const ivText = iv && typeof iv.lo === 'number' ? `${iv.lo} .. ${iv.hi} (n=${iv.n})` : '';
      const st = gateStatus(g);
      return `<tr><td>${esc(g.kind)}</td><td>${esc(g.metric)}</td><td class="n">${fmt(g.actual)}</td><td class="n">${esc(ivText)}</td><td>${esc(g.op)} ${fmt(g.value)}</td><td><span class="badge ${esc(st)}">${esc(st)}</span></td></tr>`;
    })
    .join('');
  return `<table><tr><th>kind</th><th>gate</th><th class="n">actual</th><th class="n">95% interval</th><th>threshold</th><th></th></tr>${rows}</table>`;
}

function table(rows: Array<[string, unknown]>): string {
  return `<table>${rows.map(([k, v]) => `<tr><td>${esc(k)}</td><td class="n">${fmt(v)}</td></tr>`).join('')}</table>`;
}

function section(id: string, title: string, note: string, wide = false): string {
  return `<section class="${wide ? 'wide' : ''}"><h2>${esc(title)}</h2><p class="note">${note}</p><div class="chart" id="${id}"></div></section>`;
}

export function soakPageHtml(a: SoakPageArtifacts): string {
  const s = a.summary;
  const m = s.metrics as Record<string, unknown>;
  const market = s['market'] as Record<string, unknown> | undefined;
  const marketText = market ? (market['kind'] === 'mock' ? `mock ${market['scenario']} seed ${market['seed']}` : `replay ${market['file']} (${market['format']})`) : '';
  const f = a.fills;
  const fillsNote = f.stride > 1 ? `${f.total} fills, every ${f.stride}th shown` : `${f.total} fills`;
  const c = a.timeseries.columns;
  const quoter = s['quoter'] as { kind?: string; gamma?: number } | undefined;
  const quoterText = quoter?.kind === 'glft' ? `; GLFT, γ ${quoter.gamma}: −q·σ·c2 with q the position in orders` : '; the profile quoter: its inventory tilt';
  const applied = (s['applied_profile'] ?? {}) as Record<string, unknown>;
  const p = a.provenance ?? {};
  const deltas = (p['deltas'] ?? {}) as Record<string, unknown>;
  const base = (p['base'] ?? {}) as Record<string, unknown>;
  const origin = (k: string) => (k in deltas ? `profile ${k}: ${fmt(deltas[k])}` : `${k}_delta` in deltas ? `base ${fmt(base[k])} + ${fmt(deltas[`${k}_delta`])}` : 'base');
  const adjustments = [...((p['runtime_adjustments'] as unknown[]) ?? []), ...(((s['runtime_adjustments'] as unknown[]) ?? []).filter((x) => !((p['runtime_adjustments'] as unknown[]) ?? []).some((y) => JSON.stringify(y) === JSON.stringify(x))))];
  const profileRows = Object.keys(applied)
    .sort()
    .map((k) => `<tr><td>${esc(k)}</td><td class="n">${fmt(applied[k])}</td><td>${origin(k)}</td></tr>`)
    .join('');
  const provRows: Array<[string, unknown]> = [
    ['profile file', p['profile_file']],
    ['profile sha256', p['profile_sha256']],
    ['base file', p['base_file']],
    ['applied sha256', p['applied_sha256']],
    ['runtime overrides', JSON.stringify((p['runtime_overrides'] as Record<string, unknown> | undefined)?.['values'] ?? {})],
  ];
  const body = [
    `<section class="wide"><h2>Verdict <span class="badge ${esc(s.verdict)}">${esc(s.verdict)}</span></h2>
${gatesTable(s.gates)}
<p class="note">${table([
      ['net bps', m['net_bps']],
      ['gross / fees / slippage / inventory bps', [m['gross_bps'], m['fees_eff_bps'], m['slippage_bps'], m['inventory_bps']].map(fmt).join(' / ')],
      ['PnL', m['pnl']],
      ['fills', m['fills']],
      ['hit ratio', m['hit_ratio']],
      ['quote presence', m['quote_presence']],
      ['max |position|', m['max_abs_position']],
      ['latency p50 / p95 ms (request to ack as seen)', `${fmt(m['latency_p50_ms'])} / ${fmt(m['latency_p95_ms'])}`],
      ['feed latency p50 / p95 ms', `${fmt(m['feed_latency_p50_ms'])} / ${fmt(m['feed_latency_p95_ms'])}`],
    ])}</p></section>`,
    section('chart-equity', 'Equity and its decomposition', 'Cumulative, quote currency: equity = gross + slippage + fees + inventory. Drag to zoom, double-click to reset.', true),
    section('chart-position', 'Position', `Against the scenario's max_position (${fmt(a.timeseries.max_position)}).`, true),
    ...(c.skew_bps
      ? [section('chart-skew', 'Inventory skew', `Where the quoter centred its quotes against fair (bps; negative when long: both quotes lower)${quoterText}. Drag to zoom.`, true)]
      : []),
    section('chart-mid', 'Mid, our quotes and fills', `Our live bid and ask (gaps: no order resting); ${fillsNote}. Drag to zoom.`, true),
    section('chart-markout', 'Markout curve', `Turnover-weighted markout of our fills (bps, negative = the mid moved against us): the run and each window. ${markoutBandNote(a)}`),
    ...latencyLegs(a.timeseries.latency).map((h) => section(h.id, `Latency: ${LEG_NOTES[h.leg]?.[0] ?? h.leg}`, legNote(h, a.timeseries.latency.edges_ms))),
    section('chart-blocks', 'Blocks per window', 'Guard blocks by reason in each window (stacked).'),
    `<section><h2>Applied profile</h2><table><tr><th>field</th><th class="n">value</th><th>from</th></tr>${profileRows}</table>
<p class="note">${table(provRows)}</p>${adjustments.length ? `<p class="note">Runtime adjustments: ${esc(JSON.stringify(adjustments))}</p>` : ''}</section>`,
  ].join('\n');
  return htmlPage({
    title: `Soak ${s.profile}: ${s.verdict}`,
    subtitle: esc(`${marketText} · ${s['iterations']} window(s) of ${s['window_s']} s · step ${a.timeseries.step_s} s · ${fillsNote}`),
    body,
    data: soakPageData(a),
    client: soakClient as (d: never, u: never, k: never) => void,
  });
}

/** Builds `DIR/report.html` from the artifacts of one soak run; returns its path. */
export function writeRunReport(dir: string, opts: { show?: (p: string) => string; metricsPath?: string } = {}): string {
  const html = soakPageHtml(readSoakPageArtifacts(dir, opts.show, opts.metricsPath));
  const path = join(dir, REPORT_FILE);
  writeFileAtomic(path, html);
  return path;
}
