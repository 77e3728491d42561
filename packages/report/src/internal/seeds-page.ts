/**
 * The page of a soak over several seeds (`mm soak --seeds N`: one run per seed in `seed-<s>/`, the verdict on
 * their intervals in `summary.json`): the verdict and gates with their 95% intervals, net bps per seed with the
 * mean and its interval, each seed's markout curve with the mean curve and its interval, and a link to each
 * seed's own page.
 */
import { soakRunSummarySchema, soakSeedsSummarySchema, writeFileAtomic, type SoakSeedsSummary } from '@mm-profiles/profile-core';
import { MARKOUT_HORIZONS_S, meanInterval } from '@mm-profiles/soak-runner';
import { join } from 'node:path';
import { esc, htmlPage } from './html-page.js';
import { readChecked } from './soak-artifacts.js';
import { gatesTable, REPORT_FILE, writeRunReport } from '../soak-page.js';
import { seedsClient, type SeedsPageData } from './seeds-client.js';

/** The summary over the seeds (profile-core's soakSeedsSummarySchema): mean metrics, the gates on intervals, one entry per seed's run. */
type SeedsSummary = SoakSeedsSummary;

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function seedsPageData(summary: SeedsSummary, seedMetrics: Record<string, unknown>[]): SeedsPageData {
  const curve = (m: Record<string, unknown>) => MARKOUT_HORIZONS_S.map((h) => ((m['markout_bps'] as Record<string, number> | undefined)?.[`${h}s`] ?? NaN));
  const markouts = seedMetrics.map(curve);
  const byHorizon = MARKOUT_HORIZONS_S.map((_, i) => markouts.map((c) => c[i]!));
  const ivs = byHorizon.map((xs) => (xs.length >= 2 ? meanInterval(xs) : null));
  const net = summary.intervals;
  return {
    seeds: summary.runs.map((r) => r.seed),
    net: seedMetrics.map((m) => m['net_bps'] as number),
    netInterval: net['net_bps'] ? [net['net_bps'].mean, net['net_bps'].lo, net['net_bps'].hi] : null,
    horizons: [...MARKOUT_HORIZONS_S],
    markouts,
    markoutMean: byHorizon.map((xs) => r6(xs.reduce((a, b) => a + b, 0) / xs.length)),
    markoutLo: ivs.every((x) => x) ? ivs.map((x) => r6(x!.lo)) : null,
    markoutHi: ivs.every((x) => x) ? ivs.map((x) => r6(x!.hi)) : null,
  };
}

/** Writes each seed's page, then `DIR/report.html` over the seeds; returns its path. */
export function writeSeedsReport(dir: string, show: (p: string) => string = (p) => p): string {
  const summary = readChecked(join(dir, 'summary.json'), soakSeedsSummarySchema, show);
  const seedMetrics = summary.runs.map((r) => {
    writeRunReport(join(dir, r.dir), { show });
    return readChecked(join(dir, r.dir, 'summary.json'), soakRunSummarySchema, show).metrics as Record<string, unknown>;
  });
  const data = seedsPageData(summary, seedMetrics);
  const links = summary.runs.map((r, i) => `<tr><td><a href="${esc(r.dir)}/${REPORT_FILE}">seed ${r.seed}</a></td><td class="n">${data.net[i]}</td><td>${esc(r.verdict)}</td></tr>`).join('');
  const samples = summary.samples;
  const body = [
    `<section class="wide"><h2>Verdict <span class="badge ${esc(summary.verdict)}">${esc(summary.verdict)}</span></h2>${gatesTable(summary.gates)}
<p class="note">Actual values are means over ${samples.n} sample(s) (${esc(samples.unit === 'window' ? 'windows with fills, of every seed' : 'one per seed')}); hard gates are judged on their 95% Student t interval.</p></section>`,
    `<section><h2>Net bps per seed</h2><p class="note">Each seed's whole run; the mean and its 95% interval.</p><div class="chart" id="chart-seeds-net"></div></section>`,
    `<section><h2>Markout curve by seed</h2><p class="note">Turnover-weighted markout (bps) of each seed's fills; the mean over seeds and its 95% interval per horizon.</p><div class="chart" id="chart-seeds-markout"></div></section>`,
    `<section><h2>Each seed's page</h2><table><tr><th>seed</th><th class="n">net bps</th><th>verdict</th></tr>${links}</table></section>`,
  ].join('\n');
  const html = htmlPage({
    title: `Soak ${summary.profile} over ${summary.runs.length} seeds: ${summary.verdict}`,
    subtitle: esc(`seeds ${data.seeds.join(', ')} · ${summary['iterations_per_seed'] ?? '?'} window(s) per seed`),
    body,
    data,
    client: seedsClient as (d: never, u: never, k: never) => void,
  });
  const path = join(dir, REPORT_FILE);
  writeFileAtomic(path, html);
  return path;
}
