/** `mm calibrate`: fit a scenario to recorded data and write it as a scenario file. */
import { UserError, canonicalJson, writeFileAtomic } from '@mm-profiles/profile-core';
import { calibrate, openReplay, parseScenario, type Venue } from '@mm-profiles/market-sim';
import { replayVenue } from '@mm-profiles/soak-runner';
import { basename } from 'node:path';
import { root, shown } from '../cli-context.js';

export interface CalibrateOptions {
  replay: string;
  format: string;
  out: string;
  makerBps?: string;
  takerBps?: string;
  venue?: string;
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

/** Without a venue (none given, none matching the capture's symbol) the fees are the flags' or these. */
const NO_VENUE_FEES = { maker_bps: 0, taker_bps: 5 };

export async function calibrateCommand(file: string, out: string, o: CalibrateOptions): Promise<number> {
  let venue: { venue: Venue; venueName: string } | undefined;
  try {
    venue = replayVenue(root, file, o.format, o.venue);
  } catch (e) {
    // A named venue must load; an inferred one may simply not exist.
    if (o.venue !== undefined) throw e;
  }
  const v = venue?.venue;
  const fees = {
    maker_bps: o.makerBps !== undefined ? num(o.makerBps, '--maker-bps') : (v?.fees.maker_bps ?? NO_VENUE_FEES.maker_bps),
    taker_bps: o.takerBps !== undefined ? num(o.takerBps, '--taker-bps') : (v?.fees.taker_bps ?? NO_VENUE_FEES.taker_bps),
  };
  const feesFrom = o.makerBps !== undefined || o.takerBps !== undefined ? 'the command line' : venue ? `venue ${venue.venueName} (${v!.fees.tier})` : 'the defaults (no venue matched)';
  const replay = openReplay(file, o.format, { skipBadLines: Boolean(o.skipBadLines) });
  const fitted = await calibrate(replay.events, {
    description: `Calibrated by mm calibrate from ${basename(file)} (${o.format}); fees from ${feesFrom}; latency given on the command line.`,
    fees,
    ...(v ? { symbol: v.symbol, tickSize: v.tick_size, orderSize: v.order_size, maxPosition: v.max_position } : {}),
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
      `  1-s returns ${c['return_vol_bps_per_sqrt_s']} bps/sqrt(s), of which diffusion ${fitted.volatility_bps_per_sqrt_s} (signed prints explain ${c['explained_var_share']} of the variance)`,
      `  trades ${fitted.trade_rate_per_s}/s in episodes of ${fitted.trade_burst_prints} prints, quotes ${fitted.quote_rate_per_s}/s`,
      `  trade size median ${fitted.trade_size.median} p95 ${fitted.trade_size.p95}; fill intensity ${JSON.stringify(c['fill_intensity'])}`,
      `  informed share ${fitted.informed_share} of episodes, move ${fitted.informed_move_bps} bps; mean 1-s markout per print ${c['mean_markout_1s_bps']} bps`,
      `| calibrate | OK | ${shown(out)} |`,
    ].join('\n') + '\n',
  );
  return 0;
}
