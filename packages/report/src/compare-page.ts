/**
 * The compare page (`report.html` beside ci-gate compare's GATE_REPORT.json): the verdict and its reasons,
 * each seed's paired net bps and delta, the mean delta with its interval against the margin, every compared
 * metric. Built from GATE_REPORT.json and the per-seed soaks' summary.json beside it.
 */
import { UserError, describeIssues, parseJsonText, soakSummarySchema, writeFileAtomic } from '@mm-profiles/profile-core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { compareClient, type ComparePageData } from './internal/compare-client.js';
import { esc, htmlPage } from './internal/html-page.js';
import { gateSchema } from './internal/soak-artifacts.js';
import { gatesTable, REPORT_FILE } from './soak-page.js';

const num = z.number();
export const compareReportSchema = z.looseObject({
  command: z.literal('compare'),
  verdict: z.enum(['PASS', 'FAIL', 'INCONCLUSIVE']),
  reasons: z.array(z.string()),
  subject: z.looseObject({ baseline: z.string(), candidate: z.string(), seeds: num, margin_bps: num }),
  gates: z.array(gateSchema),
  comparison: z.array(
    z.looseObject({ metric: z.string(), baseline_mean: num, candidate_mean: num, delta_mean: num, delta_min: num, delta_max: num, delta_stdev: num }),
  ),
});
export type CompareReport = z.infer<typeof compareReportSchema>;

export interface CompareArtifacts {
  report: CompareReport;
  /** Per seed: the two soaks' net bps (and every metric), paired by seed. */
  seeds: { seed: number; baseline: Record<string, unknown>; candidate: Record<string, unknown> }[];
}

function readJson<T>(path: string, schema: z.ZodType<T>, show: (p: string) => string): T {
  const label = show(path);
  if (!existsSync(path)) throw new UserError(`${label}: not found (run ci-gate compare first)`);
  const raw = parseJsonText(readFileSync(path, 'utf8'), label);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UserError(describeIssues(parsed.error.issues, label, raw).join('; '));
  return parsed.data;
}

function seedDirs(dir: string): Map<number, string> {
  const out = new Map<number, string>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const m = /^seed-(\d+)$/.exec(name);
    if (m) out.set(Number(m[1]), join(dir, name));
  }
  return out;
}

export function readCompareArtifacts(dir: string, show: (p: string) => string = (p) => p): CompareArtifacts {
  const report = readJson(join(dir, 'GATE_REPORT.json'), compareReportSchema, show);
  const b = seedDirs(join(dir, `baseline-${report.subject.baseline}`));
  const c = seedDirs(join(dir, `candidate-${report.subject.candidate}`));
  const seeds = [...b.keys()].filter((s) => c.has(s)).sort((x, y) => x - y);
  if (seeds.length !== report.subject.seeds) {
    throw new UserError(`${show(dir)}: ${seeds.length} paired seed folder(s), but GATE_REPORT.json says ${report.subject.seeds} seed(s); the artifacts are from different runs`);
  }
  return {
    report,
    seeds: seeds.map((seed) => ({
      seed,
      baseline: readJson(join(b.get(seed)!, 'summary.json'), soakSummarySchema, show).metrics,
      candidate: readJson(join(c.get(seed)!, 'summary.json'), soakSummarySchema, show).metrics,
    })),
  };
}

/** The 95% interval of the mean delta the report carries (`delta_lo`/`delta_hi`), else the samples' min..max. */
function deltaInterval(c: Record<string, unknown>): [number, number, string] {
  if (typeof c['delta_lo'] === 'number' && typeof c['delta_hi'] === 'number') return [c['delta_lo'], c['delta_hi'], '95% CI'];
  return [c['delta_min'] as number, c['delta_max'] as number, 'min..max'];
}

export function comparePageData(a: CompareArtifacts, metric = 'net_bps'): ComparePageData {
  const row = a.report.comparison.find((c) => c.metric === metric);
  if (!row) throw new UserError(`GATE_REPORT.json: no "${metric}" in comparison`);
  const val = (m: Record<string, unknown>) => (typeof m[metric] === 'number' ? (m[metric] as number) : NaN);
  const baseline = a.seeds.map((s) => val(s.baseline));
  const candidate = a.seeds.map((s) => val(s.candidate));
  return {
    metric,
    seeds: a.seeds.map((s) => s.seed),
    baseline,
    candidate,
    deltas: candidate.map((x, i) => Math.round((x - baseline[i]!) * 1e6) / 1e6),
    mean: row.delta_mean,
    interval: deltaInterval(row),
    margin: a.report.subject.margin_bps,
  };
}

export function comparePageHtml(a: CompareArtifacts): string {
  const r = a.report;
  const s = r.subject;
  const data = comparePageData(a);
  const rows = r.comparison
    .map((c) => {
      const iv = deltaInterval(c);
      return `<tr><td>${esc(c.metric)}</td><td class="n">${c.baseline_mean}</td><td class="n">${c.candidate_mean}</td><td class="n">${c.delta_mean}</td><td class="n">${iv[0]} .. ${iv[1]}</td><td class="n">${c.delta_stdev}</td></tr>`;
    })
    .join('');
  const body = [
    `<section class="wide"><h2>Verdict <span class="badge ${r.verdict}">${r.verdict}</span></h2>${
      r.reasons.length ? `<ul>${r.reasons.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>` : `<p>candidate ${esc(s.candidate)} is not worse than ${esc(s.baseline)} on mean net bps by more than ${s.margin_bps} bps, and holds the hard gates.</p>`
    }<p class="note">Mean delta ${data.mean} bps over ${esc(String(s['samples'] ?? s.seeds))} paired sample(s) (${esc(String(s['sample_unit'] ?? 'seed'))}s); ${esc(data.interval[2])} ${data.interval[0]} .. ${data.interval[1]}; margin ${s.margin_bps} bps.${
      typeof (r['paired'] as Record<string, unknown> | undefined)?.['samples_needed'] === 'number' ? ` About ${(r['paired'] as Record<string, unknown>)['samples_needed']} samples would decide it.` : ''
    }</p></section>`,
    `<section><h2>Net bps per seed</h2><p class="note">Each seed's whole run, the same market and seed for both profiles (paired).</p><div class="chart" id="chart-paired"></div></section>`,
    `<section><h2>Paired deltas</h2><p class="note">Candidate minus baseline per seed; the mean, its interval (shaded) and minus the margin (red).</p><div class="chart" id="chart-deltas"></div></section>`,
    `<section class="wide"><h2>Every compared metric</h2><table><tr><th>metric</th><th class="n">baseline (mean)</th><th class="n">candidate (mean)</th><th class="n">delta (mean)</th><th class="n">delta 95% CI</th><th class="n">delta stdev</th></tr>${rows}</table></section>`,
    `<section class="wide"><h2>Candidate's gates (means over the samples)</h2>${gatesTable(r.gates)}</section>`,
  ].join('\n');
  return htmlPage({
    title: `Compare ${s.candidate} vs ${s.baseline}: ${r.verdict}`,
    subtitle: esc(`${s['market'] ?? ''} · ${s.seeds} seed(s) from ${s['first_seed'] ?? '?'} · ${s['iterations'] ?? '?'} iteration(s) · margin ${s.margin_bps} bps`),
    body,
    data,
    client: compareClient as (d: never, u: never, k: never) => void,
  });
}

/** Builds `DIR/report.html` for a ci-gate compare out-dir; returns its path. */
export function writeCompareReport(dir: string, show?: (p: string) => string): string {
  const html = comparePageHtml(readCompareArtifacts(dir, show));
  const path = join(dir, REPORT_FILE);
  writeFileAtomic(path, html);
  return path;
}
