/** Markdown renderings of a soak's results, for people and CI step summaries. Pure. */
import type { SoakRunSummary } from '@mm-profiles/profile-core';
import type { SoakMetricsRecord } from '../soak-metrics.js';

type Dict = Record<string, unknown>;
const num = (x: unknown) => (typeof x === 'number' ? String(x) : '-');

export function renderEdgeReport(profile: string, report: { total: Dict; iterations: Dict[] }): string {
  const cols = ['gross_bps', 'fees_eff_bps', 'slippage_bps', 'inventory_bps', 'net_bps', 'adverse_bps', 'fills'];
  const lines = [
    `# Edge report: ${profile}`,
    '',
    'net_bps = gross_bps + fees_eff_bps + slippage_bps + inventory_bps (bps of turnover). adverse_bps is the',
    'turnover-weighted 1 s markout (information only; negative = the mid moved against our fills).',
    '',
    `| window | ${cols.join(' | ')} |`,
    `|---|${cols.map(() => '---:').join('|')}|`,
  ];
  for (const it of report.iterations) lines.push(`| ${it['iteration']} | ${cols.map((c) => num(it[c])).join(' | ')} |`);
  lines.push(`| **total** | ${cols.map((c) => `**${num(report.total[c])}**`).join(' | ')} |`, '');
  const mk = report.total['markout_bps'] as Dict | undefined;
  if (mk) lines.push(`Markout curve (bps): ${Object.entries(mk).map(([h, v]) => `${h} ${v}`).join(', ')}`, '');
  return lines.join('\n');
}

export function renderSoakResults(summary: SoakRunSummary, iterations: SoakMetricsRecord[]): string {
  const m: Dict = summary.metrics;
  const gates = summary.gates;
  const lines = [
    `# Soak results: ${summary.profile} — ${summary.verdict}`,
    '',
    `Market: \`${JSON.stringify({ ...summary.market, stats: undefined })}\`, ${summary.iterations} iteration(s) of ${summary.window_s} s.`,
    '',
    '## Gates',
    '',
    '| gate | kind | actual | result |',
    '|---|---|---:|---|',
    ...gates.map((g) => `| ${g.metric} ${g.op} ${g.value} | ${g.kind} | ${g.actual ?? 'missing'} | ${g.status}${g.finding ? `: ${g.finding}` : ''} |`),
    '',
    '## Key metrics',
    '',
    '| metric | value |',
    '|---|---:|',
  ];
  for (const k of ['net_bps', 'gross_bps', 'fees_eff_bps', 'slippage_bps', 'inventory_bps', 'pnl', 'realised_spread_bps', 'instant_move_bps', 'fills', 'turnover', 'hit_ratio', 'fill_ratio', 'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms', 'feed_latency_p50_ms', 'feed_latency_p95_ms', 'feed_latency_p99_ms', 'places', 'replaces', 'cancels', 'cancel_ratio', 'order_to_trade', 'quote_presence', 'max_abs_position', 'max_drawdown']) {
    lines.push(`| ${k} | ${num(m[k])} |`);
  }
  lines.push('', `Blocks: ${JSON.stringify(m['blocked_by'])}`, '', '## Iterations', '', '| # | net_bps | fills | hit_ratio | blocked | min_interval_ms |', '|---:|---:|---:|---:|---:|---:|');
  for (const it of iterations) lines.push(`| ${it['iteration']} | ${it['net_bps']} | ${it['fills']} | ${it['hit_ratio']} | ${it['blocked']} | ${it['min_interval_ms']} |`);
  lines.push('');
  return lines.join('\n');
}
