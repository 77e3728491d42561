/** `mm calibrate`: fit a scenario to recorded data and write it as a scenario file. */
import { UserError, canonicalJson, writeFileAtomic } from '@mm-profiles/profile-core';
import { calibrate, openReplay, parseScenario } from '@mm-profiles/market-sim';
import { basename } from 'node:path';
import { shown } from '../cli-context.js';

export interface CalibrateOptions {
  replay: string;
  format: string;
  out: string;
  makerBps: string;
  takerBps: string;
  latencyMedianMs: string;
  latencyP95Ms: string;
  windowS: string;
  skipBadLines?: boolean;
}

const num = (v: string, flag: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UserError(`${flag} must be a number, got "${v}"`);
  return n;
};

export async function calibrateCommand(file: string, out: string, o: CalibrateOptions): Promise<number> {
  const replay = openReplay(file, o.format, { skipBadLines: Boolean(o.skipBadLines) });
  const fitted = await calibrate(replay.events, {
    description: `Calibrated by mm calibrate from ${basename(file)} (${o.format}); fees and latency given on the command line.`,
    fees: { maker_bps: num(o.makerBps, '--maker-bps'), taker_bps: num(o.takerBps, '--taker-bps') },
    latency: { model: 'lognormal', median_ms: num(o.latencyMedianMs, '--latency-median-ms'), p95_ms: num(o.latencyP95Ms, '--latency-p95-ms') },
    window_s: num(o.windowS, '--window-s'),
    source: basename(file),
  });
  // Validate before writing: a fit that is not a valid scenario must not be saved.
  parseScenario(fitted, shown(out));
  writeFileAtomic(out, canonicalJson(fitted));
  const c = fitted.calibration as Record<string, unknown>;
  process.stdout.write(
    [
      `calibrated from ${replay.stats.quotes} quotes and ${replay.stats.trades} trades over ${c['duration_s']} s:`,
      `  volatility ${fitted.volatility_bps_per_sqrt_s} bps/sqrt(s), trades ${fitted.trade_rate_per_s}/s, quotes ${fitted.quote_rate_per_s}/s`,
      `  trade size median ${fitted.trade_size.median} p95 ${fitted.trade_size.p95}; fill intensity ${JSON.stringify(c['fill_intensity'])}`,
      `  informed share ${fitted.informed_share}, move ${fitted.informed_move_bps} bps`,
      `| calibrate | OK | ${shown(out)} |`,
    ].join('\n') + '\n',
  );
  return 0;
}
