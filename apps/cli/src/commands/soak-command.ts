/** `mm soak`: a profile soaked against a synthetic or replayed market; artifacts, gates, verdict. */
import type { TerminalBar } from '../terminal-bar.js';
import { DEFAULT_CONFIG_DIR, DEFAULT_SOAK_DIR, UserError, resolveProfile, wholeNumberFlag } from '@mm-profiles/profile-core';
import { AUDIT_MODES, MAX_SEED, formatInterval, gateMarker, loadGates, marketSpec, runSoak, runSoakSeeds, type GateResult, type Interval, type SoakProgress, type Verdict } from '@mm-profiles/soak-runner';
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot, root, shown } from '../cli-context.js';
import { requireProfileName } from '../profile-option.js';
import { sentinelSettings } from '../sentinel-settings.js';

export interface SoakCommandOptions {
  profile?: string;
  iterations?: string;
  hours?: string;
  mock?: boolean;
  scenario?: string;
  replay?: string;
  format?: string;
  skipBadLines?: boolean;
  depth?: string;
  untilLast?: boolean;
  venue?: string;
  queueModel?: string;
  exchangeModel?: string;
  latencyModel?: string;
  feedLatencyMs?: string;
  seed: string;
  seeds?: string;
  exportJson?: string;
  outDir: string;
  autoTune: boolean;
  gates: string;
  quiet?: boolean;
  windowS?: string;
  audit?: string;
  configDir: string;
}

/** Ranges checked before anything runs (README "Limits"): a typo must not become a 1.3 GB audit or a hang. */
export const SOAK_LIMITS = {
  iterations: 100_000,
  seeds: 1000,
  hours: 8784,
  windowS: [1, 604_800],
} as const;

function positiveNumber(v: string, what: string, max = Number.MAX_VALUE): number {
  const n = /^\s*[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!(n > 0) || !Number.isFinite(n) || n > max) throw new UserError(`${what} must be a positive number${max < Number.MAX_VALUE ? ` up to ${max}` : ''}, got "${v}"`);
  return n;
}

const fmtDuration = (us: number) => {
  const s = Math.round(us / 1e6);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', sec || (!h && !m) ? `${sec}s` : ''].join('');
};

interface SoakOutcome {
  verdict: Verdict;
  metrics: Record<string, unknown>;
  gates: GateResult[];
  intervals: Record<string, Interval>;
  durationUs: number;
}

const EXIT_CODES: Record<Verdict, number> = { PASS: 0, FAIL: 1, INCONCLUSIVE: 3, INCOMPLETE: 130 };

const undecided = (gates: GateResult[]) => gates.filter((g) => g.kind === 'hard' && g.status === 'INCONCLUSIVE');

export async function soakCommand(o: SoakCommandOptions): Promise<number> {
  const configDir = fromRoot(o.configDir ?? DEFAULT_CONFIG_DIR);
  const name = requireProfileName(o.profile, configDir);
  if (o.mock && o.replay) throw new UserError('choose one market: --mock or --replay FILE');
  if (!o.mock && !o.replay) throw new UserError('no market given: pass --mock [--scenario NAME] or --replay FILE --format binance-ws|tardis');
  const envHours = process.env['SOAK_HOURS'];
  const hoursRaw = o.hours ?? (envHours && Number(envHours) !== 0 ? envHours : undefined);
  const hours = hoursRaw !== undefined ? positiveNumber(hoursRaw, o.hours ? '--hours' : 'SOAK_HOURS', SOAK_LIMITS.hours) : undefined;

  const audit = o.audit ?? 'full';
  if (!(AUDIT_MODES as readonly string[]).includes(audit)) throw new UserError(`--audit must be one of ${AUDIT_MODES.join(', ')}, got "${audit}"`);
  const seed = wholeNumberFlag(o.seed, '--seed', 0, MAX_SEED);
  const seedCount = o.seeds !== undefined ? wholeNumberFlag(o.seeds, '--seeds', 1, SOAK_LIMITS.seeds) : 1;
  if (seed + seedCount > MAX_SEED) throw new UserError(`--seed ${seed} with --seeds ${seedCount} goes past the largest seed ${MAX_SEED}`);
  if (seedCount > 1 && o.exportJson) throw new UserError('--export-json names one metrics file: with --seeds each seed writes its own in <out-dir>/seed-<s>/metrics.jsonl');
  const market = marketSpec(root, { scenario: o.scenario, replay: o.replay, format: o.format, skipBadLines: o.skipBadLines, depth: o.depth, untilLast: o.untilLast, venue: o.venue, queueModel: o.queueModel, exchangeModel: o.exchangeModel, latencyModel: o.latencyModel, feedLatencyMs: o.feedLatencyMs, seed });
  const scenario = market.scenario;
  let windowS = o.windowS !== undefined ? positiveNumber(o.windowS, '--window-s', SOAK_LIMITS.windowS[1]) : undefined;
  let iterations = o.iterations !== undefined ? wholeNumberFlag(o.iterations, '--iterations', 1, SOAK_LIMITS.iterations) : undefined;
  if (hours !== undefined) {
    const w = windowS ?? scenario.window_s;
    // Exactly the hours asked for: as many windows as the window length needs, each shortened to fit
    // (--hours 0.1 with 30 min windows is one 6 min window, not 30 min).
    iterations ??= Math.max(1, Math.ceil((hours * 3600) / w));
    windowS = (hours * 3600) / iterations;
  }
  iterations ??= o.replay ? 1 : 2;
  if (iterations > SOAK_LIMITS.iterations) throw new UserError(`--hours ${hours} in windows of ${windowS ?? scenario.window_s} s is ${iterations} iterations; at most ${SOAK_LIMITS.iterations}`);
  const [minWindow, maxWindow] = SOAK_LIMITS.windowS;
  if (windowS !== undefined && (windowS < minWindow || windowS > maxWindow)) {
    throw new UserError(`window length ${windowS} s is outside [${minWindow}, ${maxWindow}] s (--window-s, or --hours / --iterations)`);
  }

  const profile = resolveProfile({ name, configDir, root });
  const settings = sentinelSettings(undefined);
  // The edge policy's fallback quotes from the window after a SWITCH (as the live sentinel would).
  const fallback = settings.edge_policy.fallback_profile;
  const fallbackProfile = fallback !== name ? resolveProfile({ name: fallback, configDir, root }) : undefined;
  const outDir = fromRoot(o.outDir ?? DEFAULT_SOAK_DIR);
  const metricsPath = o.exportJson ? fromRoot(o.exportJson) : join(outDir, 'metrics.jsonl');
  const outDirStat = lstatSync(outDir, { throwIfNoEntry: false });
  if (outDirStat && !outDirStat.isDirectory()) throw new UserError(`${shown(outDir)}: is a file, but the output folder must be a folder`);
  if (lstatSync(metricsPath, { throwIfNoEntry: false })?.isDirectory()) throw new UserError(`--export-json ${shown(metricsPath)}: is a folder; give a file path`);
  const gatesFile = fromRoot(o.gates);
  const gates = loadGates(gatesFile, shown(gatesFile));
  const policy = settings.edge_policy;
  const out = (l: string) => process.stdout.write(l + '\n');
  if (!o.quiet) {
    for (const l of profile.markers) out(l);
    out(`| profile_apply | OK | PROFILE=${name} |`);
    const seedsShown = seedCount > 1 ? `seeds ${seed}..${seed + seedCount - 1}` : `seed ${market.seed}`;
    out(`soak: ${iterations} iteration(s), ${o.replay ? `replay ${shown(market.kind === 'replay' ? market.file : '')} (${o.format}) ${seedsShown}` : `mock ${market.scenarioName} ${seedsShown}`} on venue ${market.venueName}`);
  }
  const tty = process.stderr.isTTY && !o.quiet;
  let bar: TerminalBar | undefined;
  if (tty) {
    const { terminalBar } = await import('../terminal-bar.js');
    bar = terminalBar('soak [{bar}] {percentage}% | market {market} | {eps} events/s | iter {iter}', process.stderr, { market: '0s', eps: 0, iter: '1' });
  }
  const t0 = Date.now();
  // Ctrl-C and SIGTERM both stop after the current batch: finished iterations kept, verdict INCOMPLETE.
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    stoppedBy ??= signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The page is written into the staging folder with the other artifacts, so it joins their all-or-nothing swap.
  const report = await import('@mm-profiles/report');
  try {
    const common = {
      profile,
      market,
      iterations,
      windowS,
      outDir,
      audit: audit as (typeof AUDIT_MODES)[number],
      autoTune: o.autoTune,
      gates,
      edgePolicy: policy,
      autoTuneConfig: settings.auto_tune,
      fallbackProfile,
      root,
      // Each log line clears the bar's row first: the two never share a row on a terminal.
      log: o.quiet ? undefined : (line: string) => (bar ? bar.log(line, out) : out(line)),
      shouldStop: () => stoppedBy !== undefined,
      outDirLabel: shown(outDir),
      warn: (l: string) => process.stderr.write(l + '\n'),
      beforeCommit: (staging: string) => void report.writeSoakReport(staging, { show: shown }),
    };
    const result: SoakOutcome =
      seedCount > 1
        ? await runSoakSeeds({
            ...common,
            log: undefined,
            seeds: Array.from({ length: seedCount }, (_, k) => seed + k),
            onSeed: (s, r) => {
              if (!o.quiet) out(`| soak_seed | ${r.verdict} | SEED=${s} NET_BPS=${r.metrics['net_bps']} FILLS=${r.metrics['fills']} |`);
            },
          })
        : await runSoak({
            ...common,
            metricsPath,
            onProgress: tty
              ? (p: SoakProgress) => {
                  const secs = (Date.now() - t0) / 1000;
                  bar?.update(Math.min(100, Math.round((100 * p.marketUs) / p.totalUs)), {
                    market: fmtDuration(p.marketUs),
                    eps: Math.round(p.events / Math.max(secs, 1e-3)),
                    iter: `${p.iteration}/${p.iterations}`,
                  });
                }
              : undefined,
          });
    bar?.stop();
    const m = result.metrics;
    const rule = '='.repeat(60);
    if (!o.quiet) {
      // An interrupted run is not judged: no gate line may read PASS before INCOMPLETE.
      if (result.verdict === 'INCOMPLETE') out('| kpi_gate | INCOMPLETE | the run was interrupted; gates judge whole runs only |');
      else for (const g of result.gates) out(gateMarker(g));
      out(`artifacts: ${shown(outDir)}${seedCount > 1 ? ` (one folder per seed: seed-<s>/)` : ` (metrics: ${shown(metricsPath)})`}`);
    }
    out(rule);
    out(`SOAK TEST: ${result.verdict}`);
    out(rule);
    out(`Duration: ${fmtDuration(result.durationUs)}`);
    out(`Latency P95: ${(m['latency_p95_ms'] as number).toFixed(1)}ms`);
    out(`Hit Ratio: ${((m['hit_ratio'] as number) * 100).toFixed(2)}%`);
    out(`Edge BPS: ${(m['net_bps'] as number).toFixed(2)}`);
    const net = result.intervals['net_bps'];
    if (net && net.n >= 2) out(`Edge BPS 95% CI: ${formatInterval(net)} over ${net.n} ${o.replay ? 'windows' : 'seeds'}`);
    if (result.verdict === 'INCONCLUSIVE') for (const g of undecided(result.gates)) out(`Inconclusive: ${g.finding}`);
    out(rule);
    out(`report: ${report.pageLink(join(outDir, report.REPORT_FILE), shown)}`);
    if (result.verdict === 'INCOMPLETE' && stoppedBy === 'SIGTERM') return 143;
    return EXIT_CODES[result.verdict];
  } catch (error) {
    // Stopped before the first window closed (e.g. while the replay was read): nothing written, still a signal exit.
    if (stoppedBy !== undefined) {
      process.stderr.write(`mm: interrupted by ${stoppedBy}; nothing was written\n`);
      return stoppedBy === 'SIGTERM' ? 143 : 130;
    }
    throw error;
  } finally {
    bar?.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
