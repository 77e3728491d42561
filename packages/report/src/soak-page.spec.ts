import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_REASONS, resolveProfile } from '@mm-profiles/profile-core';
import { SyntheticMarket, loadScenario } from '@mm-profiles/market-sim';
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import { LATENCY_EDGES_MS, LATENCY_LEGS, MAX_FILL_ROWS, MAX_SERIES_POINTS, loadGates, runSoak, sampleStepS, type SoakResult } from '@mm-profiles/soak-runner';
import { browserOrLoudSkip, checkPage } from '../../../tools/browser/page-check.mjs';
import { esc, scriptJson } from './internal/html-page.js';
import { readSoakPageArtifacts } from './internal/soak-artifacts.js';
import { REPORT_FILE, latencyLegs, soakPageData, soakPageHtml, trimHistogram } from './soak-page.js';
import { writeSoakReport } from './soak-report.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const SHOTS = join(ROOT, 'artifacts/report-browser');

/** The mini soak as `mm soak` runs it (S1, default scenario, 2 windows of 30 min), into a fresh folder. */
async function miniSoak(profile = 'S1'): Promise<SoakResult & { outDir: string }> {
  const outDir = mkdtempSync(join(tmpdir(), 'mm-report-'));
  const r = await runSoak({
    profile: resolveProfile({ name: profile, configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} }),
    market: { kind: 'mock', scenario: loadScenario(join(ROOT, 'config/scenarios/quiet.json')), scenarioName: 'quiet', seed: 1 },
    iterations: 2,
    outDir,
    autoTune: true,
    gates: loadGates(join(ROOT, 'config/gates/soak.json')),
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root: ROOT,
  });
  return { ...r, outDir };
}

let soak: SoakResult & { outDir: string };
// A real soak: give it the test timeout, not the 10 s of a hook (the machine may be busy).
beforeAll(async () => {
  soak = await miniSoak();
}, 120_000);

describe('page pieces', () => {
  it('escapes text and keeps inline JSON from closing its script', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const j = scriptJson({ s: '</script><!--' });
    expect(j).not.toContain('</script>');
    expect(JSON.parse(j)).toEqual({ s: '</script><!--' });
  });

  it('trims a histogram after its last non-empty bin, over all legs', () => {
    expect(trimHistogram([0, 1, 2, 3, 4], { a: [0, 2, 0, 0, 0], b: [1, 0, 3, 0, 0] })).toEqual({ edges_ms: [0, 1, 2], counts: { a: [0, 2, 0], b: [1, 0, 3] } });
  });

  it('gives each latency leg its own histogram, in leg order, to the empty bin after its last count', () => {
    const legs = latencyLegs({ edges_ms: [0, 1, 2, 3], counts: { x: [0, 0, 0, 1], request_ack: [0, 2, 0, 0], feed: [5, 0, 0, 0] }, n: {} });
    expect(legs).toEqual([
      { leg: 'feed', id: 'chart-latency-feed', n: 5, edges_ms: [0, 1], counts: [5, 0] },
      { leg: 'request_ack', id: 'chart-latency-request_ack', n: 2, edges_ms: [0, 1, 2], counts: [0, 2, 0] },
      { leg: 'x', id: 'chart-latency-x', n: 1, edges_ms: [0, 1, 2, 3], counts: [0, 0, 0, 1] },
    ]);
  });
});

describe('the soak page', () => {
  it("shows the quoter's inventory skew: GLFT1's -q σ c2, sample by sample, from the position", async () => {
    const glft = await miniSoak('GLFT1');
    const a = readSoakPageArtifacts(glft.outDir);
    const d = soakPageData(a);
    const skew = d.skew_bps!;
    expect(skew).toHaveLength(d.series.t_s.length);
    // GLFT1's σ c2 (its calibrated σ, A, k and γ = 0.1), by the closed form: c2 = sqrt(γ/(2Ak) (1+γ/k)^(1+k/γ)).
    const q = a.summary['quoter'] as { gamma: number; sigma_bps_per_sqrt_s: number; a_per_s: number; k_per_bps: number };
    const x = q.gamma / q.k_per_bps;
    const sigmaC2 = q.sigma_bps_per_sqrt_s * Math.sqrt((q.gamma / (2 * q.a_per_s * q.k_per_bps)) * (1 + x) ** (1 + q.k_per_bps / q.gamma));
    // Each sample is -q σ c2 with q the position in orders (0.01) at the quoter's last decision: where the
    // position stood at the sample (no fill between that decision and the sample), the two agree.
    const agree = skew.filter((v, i) => Math.abs(v - (-d.series.position[i]! / 0.01) * sigmaC2) < 1e-5).length;
    expect(agree / skew.length).toBeGreaterThan(0.95);
    expect(skew.some((v) => v !== 0)).toBe(true);
    const html = soakPageHtml(a);
    expect(html).toContain('<h2>Inventory skew</h2>');
    expect(html).toContain('GLFT, γ 0.1');
  }, 120_000);

  it('carries the artifacts unchanged: every point of the series, every fill, blocks and markouts per window', () => {
    const a = readSoakPageArtifacts(soak.outDir);
    const d = soakPageData(a);
    expect(d.series.t_s).toHaveLength(3601);
    expect(d.series.equity[3600]).toBeCloseTo(soak.metrics['pnl'] as number, 5);
    expect(d.fills.t_s).toHaveLength(soak.metrics['fills'] as number);
    const byReason = soak.metrics['blocked_by'] as Record<string, number>;
    BLOCK_REASONS.forEach((r, i) => expect(d.blocks.counts[i]!.reduce((x, y) => x + y, 0), r).toBe(byReason[r]));
    expect(d.markout.run).toEqual([0.1, 1, 5, 30].map((h) => (soak.metrics['markout_bps'] as Record<string, number>)[`${h}s`]));
    expect(d.markout.windows).toHaveLength(2);
    // One histogram per leg, in order, each with every count the time series holds.
    expect(d.latency.map((h) => h.leg)).toEqual(['feed', 'entry', 'response', 'request_ack']);
    for (const h of d.latency) expect(h.counts.reduce((x, y) => x + y, 0), h.leg).toBe(a.timeseries.latency.n[h.leg]);
    // Every request sent is on the entry leg (the summary's executed actions).
    expect(d.latency[1]!.n).toBe(soak.metrics['executed']);
  });

  it('a single run draws a band on its markout curve: the 95% interval over blocks of its fills, containing the run', () => {
    const a = readSoakPageArtifacts(soak.outDir);
    const d = soakPageData(a);
    expect(d.markout.intervalLabel).toMatch(/^95% CI, \d+ blocks of 60 s$/);
    const mb = a.timeseries.markout_blocks!;
    d.markout.horizons.forEach((h, i) => {
      // By hand at this horizon: the ratio of sums over blocks with fills, residuals, t(n-1) · se.
      const blocks = mb.notional[i]!.map((n, b) => [mb.weighted[i]![b]!, n] as const).filter(([, n]) => n > 0);
      const W = blocks.reduce((x, [w]) => x + w, 0);
      const N = blocks.reduce((x, [, n]) => x + n, 0);
      const mean = W / N;
      expect(mean, `${h}s`).toBeCloseTo(d.markout.run[i]!, 5);
      const k = blocks.length;
      const se = Math.sqrt((k / (k - 1)) * blocks.reduce((x, [w, n]) => x + (w - mean * n) ** 2, 0)) / N;
      // k is about 60 (one hour in 60 s blocks): t(0.975, 59) = 2.0010 from a printed table.
      expect(k).toBeGreaterThan(50);
      expect(d.markout.lo![i]).toBeCloseTo(mean - 2.001 * se, 2);
      expect(d.markout.hi![i]).toBeCloseTo(mean + 2.001 * se, 2);
      expect(d.markout.lo![i]!).toBeLessThan(d.markout.run[i]!);
      expect(d.markout.hi![i]!).toBeGreaterThan(d.markout.run[i]!);
    });
    expect(soakPageHtml(a)).toContain('Blocks, not fills, are the samples');
  });

  it('a run with no markout blocks (written before them) says why its curve has no band', () => {
    const a = readSoakPageArtifacts(soak.outDir);
    delete (a.timeseries as Partial<typeof a.timeseries>).markout_blocks;
    const d = soakPageData(a);
    expect(d.markout.lo).toBeNull();
    expect(soakPageHtml(a)).toContain('No band: this run predates the markout blocks');
  });

  it('is one file that loads nothing from the network', () => {
    const html = soakPageHtml(readSoakPageArtifacts(soak.outDir));
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/[^"'\s]*\.(js|css)/);
    expect(html).toContain('uPlot');
  });

  it('names the file when an artifact is missing or malformed, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-report-bad-'));
    for (const f of ['summary.json', 'metrics.jsonl', 'timeseries.json', 'fills.json']) writeFileSync(join(dir, f), readFileSync(join(soak.outDir, f)));
    rmSync(join(dir, 'fills.json'));
    expect(() => writeSoakReport(dir)).toThrow(`${join(dir, 'fills.json')}: not found`);
    writeFileSync(join(dir, 'fills.json'), '{"version":1,"total":1');
    expect(() => writeSoakReport(dir)).toThrow(/fills\.json:1:\d+: malformed JSON/);
    writeFileSync(join(dir, 'fills.json'), readFileSync(join(soak.outDir, 'fills.json')));
    const ts = JSON.parse(readFileSync(join(soak.outDir, 'timeseries.json'), 'utf8'));
    ts.columns.mid.pop();
    writeFileSync(join(dir, 'timeseries.json'), JSON.stringify(ts));
    expect(() => writeSoakReport(dir)).toThrow(/timeseries\.json: column "mid" has 3600 points, t_s has 3601/);
    expect(existsSync(join(dir, REPORT_FILE))).toBe(false);
  });

  it("reads summary.json through the soak's own strict schema (profile-core's): an unknown or a missing key is refused, named", () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-report-summary-'));
    for (const f of ['metrics.jsonl', 'timeseries.json', 'fills.json']) writeFileSync(join(dir, f), readFileSync(join(soak.outDir, f)));
    const summary = JSON.parse(readFileSync(join(soak.outDir, 'summary.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'summary.json'), JSON.stringify({ ...summary, surprise: 1 }));
    expect(() => writeSoakReport(dir)).toThrow(/summary\.json.*"surprise"/);
    const { metrics_sha256: _, ...missing } = summary;
    writeFileSync(join(dir, 'summary.json'), JSON.stringify(missing));
    expect(() => writeSoakReport(dir)).toThrow(/summary\.json.*"metrics_sha256"/);
    expect(existsSync(join(dir, REPORT_FILE))).toBe(false);
    writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary));
    expect(writeSoakReport(dir)).toBe(join(dir, REPORT_FILE));
  });

  it('stays under 5 MB for a 24 h soak: the largest series and fills table the sampler writes', () => {
    // A 24 h soak samples every sampleStepS(24 h) seconds and lists at most MAX_FILL_ROWS fills; fill every
    // column with full-width values (prices to the tick, amounts to 6 decimals) and build the page.
    const a = readSoakPageArtifacts(soak.outDir);
    const step = sampleStepS(24 * 3600e6);
    const n = (24 * 3600) / step + 1;
    expect(n).toBeLessThanOrEqual(MAX_SERIES_POINTS);
    const wide = (i: number) => -12345.678901 - i / 7;
    const px = (i: number) => 61234.5 + (i % 1000) / 10;
    const c = a.timeseries.columns;
    for (const k of ['equity', 'gross', 'slippage', 'fees', 'inventory', 'presence'] as const) c[k] = Array.from({ length: n }, (_, i) => wide(i));
    c.position = Array.from({ length: n }, (_, i) => -0.1234567891 + i * 1e-10);
    for (const k of ['mid', 'bid', 'ask'] as const) c[k] = Array.from({ length: n }, (_, i) => px(i) + 0.05);
    c.t_s = Array.from({ length: n }, (_, i) => i * step);
    for (const r of BLOCK_REASONS) c.blocks[r] = Array.from({ length: n }, () => 123);
    a.timeseries.latency.counts = Object.fromEntries(LATENCY_LEGS.map((l) => [l, LATENCY_EDGES_MS.map(() => 99999)]));
    const f = a.fills.columns;
    f.t_s = Array.from({ length: MAX_FILL_ROWS }, (_, i) => 86399.123456 - i / 1e3);
    f.px = Array.from({ length: MAX_FILL_ROWS }, (_, i) => px(i));
    f.side = Array.from({ length: MAX_FILL_ROWS }, (_, i) => (i % 2 ? -1 : 1));
    a.windows = Array.from({ length: 48 }, (_, i) => ({ ...a.windows[0]!, iteration: i + 1 }));
    const bytes = Buffer.byteLength(soakPageHtml(a));
    process.stdout.write(`24 h soak page, worst case: ${(bytes / 1e6).toFixed(2)} MB\n`);
    expect(bytes).toBeLessThan(5e6);
  });
});

describe('the soak page in headless Chromium', () => {
  if (!browserOrLoudSkip(it.skip)) return;

  it('draws every panel with all its data, no console errors, no network; saves a screenshot', async () => {
    const page = writeSoakReport(soak.outDir);
    mkdirSync(SHOTS, { recursive: true });
    const shot = join(SHOTS, 'soak.png');
    const seen = await checkPage(page, { screenshot: shot });
    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
    expect(seen.report.errors).toEqual([]);
    const a = readSoakPageArtifacts(soak.outDir);
    const c = a.timeseries.columns;
    const ch = seen.report.charts;
    const nonNull = (xs: (number | null)[]) => xs.filter((x) => x !== null).length;
    expect(ch['chart-equity']).toEqual({ points: c.t_s.length, series: 5, values: [c.equity, c.gross, c.slippage, c.fees, c.inventory].map((x) => x.length) });
    expect(ch['chart-position']!.values[0]).toBe(c.position.length);
    expect(ch['chart-skew']!.values[0]).toBe(c.skew_bps!.length);
    const buys = a.fills.columns.side.filter((s) => s > 0).length;
    expect(ch['chart-mid']!.values).toEqual([nonNull(c.mid), nonNull(c.bid), nonNull(c.ask), buys, a.fills.columns.side.length - buys]);
    // The run, each window, and the band's two edges.
    expect(ch['chart-markout']).toMatchObject({ points: 4, series: 1 + a.windows.length + 2 });
    // One histogram per leg: as many bars as timeseries.json has bins up to the leg's last non-empty one, and
    // counts that add up to what the leg counts, derived apart from the engine.
    const lat = a.timeseries.latency;
    const auditTypes = readFileSync(join(soak.outDir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { type: string }).type);
    const count = (...types: string[]) => auditTypes.filter((t) => types.includes(t)).length;
    const sent = count('PLACE', 'REPLACE', 'CANCEL');
    let events = 0;
    for await (const batch of new SyntheticMarket(loadScenario(join(ROOT, 'config/scenarios/quiet.json')), 1).stream(3600e6)) events += batch.length;
    for (const leg of ['feed', 'entry', 'response', 'request_ack']) {
      const counts = lat.counts[leg]!;
      const lastBin = counts.reduce((last, c, i) => (c > 0 ? i : last), 0);
      // Up to the empty bin after the last non-empty one (it closes the last bar).
      const bins = Math.min(counts.length, lastBin + 2);
      expect(ch[`chart-latency-${leg}`], leg).toMatchObject({ points: bins, series: 1, values: [bins] });
    }
    const sums = (leg: string) => ch[`chart-latency-${leg}`]!.sums![0]!;
    // Feed: every market event of the hour (a second stream of the same seed). Entry: every request in the audit.
    expect(sums('feed')).toBe(events);
    expect(sums('entry')).toBe(sent);
    // Response: a report per fill and per request that reached the exchange (all but one per side at most, in
    // flight at the end). Request to ack: those acks and rejects the strategy learned by the end.
    expect(sums('response')).toBeLessThanOrEqual(count('FILL') + sent);
    expect(sums('response')).toBeGreaterThanOrEqual(count('FILL') + sent - 2);
    expect(sums('request_ack')).toBeLessThanOrEqual(sums('response') - count('FILL'));
    expect(sums('request_ack')).toBeGreaterThanOrEqual(sent - 4);
    expect(ch['chart-blocks']).toMatchObject({ points: a.windows.length, series: BLOCK_REASONS.length });
    // Each chart's canvas has paint on it.
    for (const id of Object.keys(ch)) {
      const canvas = seen.canvases.find((x) => x.id === id);
      expect(canvas?.painted, id).toBeGreaterThan(1000);
    }
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    // On screen is a frame after every chart was made (uPlot draws in a microtask after its constructor).
    expect(seen.report.paintedAt).toBeGreaterThan(seen.report.readyAt);
    process.stdout.write(`soak page: ${(statSync(page).size / 1e3).toFixed(0)} kB, ready ${seen.report.readyAt.toFixed(0)} ms after navigation (charts ${seen.report.ms.toFixed(0)} ms), on screen ${seen.report.paintedAt.toFixed(0)} ms\n`);
    writeFileSync(join(SHOTS, 'soak-timing.json'), JSON.stringify({ bytes: statSync(page).size, ready_ms: seen.report.readyAt, charts_ms: seen.report.ms, on_screen_ms: seen.report.paintedAt }) + '\n');
  });
});
