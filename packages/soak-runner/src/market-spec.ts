/**
 * From what a user types (`--scenario NAME|FILE`, `--replay FILE --format F`, `--seed S`) to the market a soak
 * runs against. Shared by `mm soak`, `mm sweep` and `ci-gate compare` so they read flags the same way.
 */
import { UserError, parseJsonText, readTextFile } from '@mm-profiles/profile-core';
import {
  captureInfo,
  exchangeModel,
  inferVenue,
  loadVenue,
  parseLatencySpec,
  parseScenario,
  queueModel,
  REPLAY_FORMATS,
  venueFromScenario,
  type ModelChoice,
  type Scenario,
  type Venue,
} from '@mm-profiles/market-sim';
import { statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { LatencyFlags, MarketSpec } from './soak-run.js';

/**
 * The largest seed: the generators take 32 bits, so a larger seed would collide with a smaller one (seed 1 and
 * 2^32+1 gave the same run). Seeds up to 2^31-1 leave room for the derived streams (latency: seed+1; --seeds N:
 * seed..seed+N-1) without wrapping.
 */
export const MAX_SEED = 2 ** 31 - 1;

export interface MarketChoice {
  /** Scenario NAME (config/scenarios/NAME.json) or a path; default `default`. */
  scenario?: string;
  replay?: string;
  format?: string;
  skipBadLines?: boolean;
  /** `--depth on|off`: read the capture's depth into an L2 book (default on). */
  depth?: string;
  /** `--until-last`: a Tardis replay goes on to the end of the longer file. */
  untilLast?: boolean;
  /** Venue NAME (config/venues/NAME.json) or a path; a replay without it takes the venue of its symbol. */
  venue?: string;
  /** `--queue-model` / `--exchange-model`: win over the venue's and the scenario's. */
  queueModel?: string;
  exchangeModel?: string;
  /** `--latency-model SPEC`: the entry and response legs (constant:MS, lognormal:MEDIAN,P95, from-data[:M[,ADD]]). */
  latencyModel?: string;
  /** `--feed-latency-ms MS`: a constant extra feed delay on every event. */
  feedLatencyMs?: string | number;
  seed: number;
}

/** The largest `--feed-latency-ms`: a minute of delay is already no market-making. */
export const MAX_FEED_LATENCY_MS = 60_000;

/** `NAME` -> `<root>/config/scenarios/NAME.json`; anything with a slash or `.json` is a path from the root. */
export function scenarioPath(root: string, spec: string): string {
  if (spec.endsWith('.json') || spec.includes('/')) return isAbsolute(spec) ? spec : resolve(root, spec);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(spec)) throw new UserError(`invalid scenario name "${spec}"`);
  return join(root, 'config/scenarios', `${spec}.json`);
}

/** `NAME` -> `<root>/config/venues/NAME.json`; anything with a slash or `.json` is a path from the root. */
export function venuePath(root: string, spec: string): string {
  if (spec.endsWith('.json') || spec.includes('/')) return isAbsolute(spec) ? spec : resolve(root, spec);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(spec)) throw new UserError(`invalid venue name "${spec}"`);
  return join(root, 'config/venues', `${spec}.json`);
}

/**
 * The venue of a replay: `--venue` when given, else the one venue file whose symbol (and market, when the capture
 * tells it) matches the capture's. Never the mock scenario's venue.
 */
export function replayVenue(root: string, file: string, format: string, venue?: string): { venue: Venue; venueName: string } {
  if (venue !== undefined) {
    const path = venuePath(root, venue);
    return { venue: loadVenue(path, shownFrom(root, path)), venueName: shownFrom(root, path) };
  }
  const info = captureInfo(file, format);
  const found = inferVenue(join(root, 'config/venues'), info.symbol, info.market);
  return { venue: found.venue, venueName: shownFrom(root, found.path) };
}

function shownFrom(root: string, path: string): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/**
 * Reads a scenario file with the errors of every other JSON file: line and column of a syntax error, a BOM
 * accepted, a folder or a missing file named, and never the file's content echoed back.
 */
export function readScenarioFile(path: string, label = path): Scenario {
  return parseScenario(parseJsonText(readTextFile(path, label, 'scenario file not found'), label), label);
}

/** Validates the choice (one market, a format for a replay, the files exist) and loads the scenario. */
export function marketSpec(root: string, c: MarketChoice): MarketSpec {
  if (!Number.isInteger(c.seed) || c.seed < 0 || c.seed > MAX_SEED) throw new UserError(`--seed must be a whole number from 0 to ${MAX_SEED}, got "${c.seed}"`);
  if (c.replay && !c.format) throw new UserError(`--replay needs --format (${REPLAY_FORMATS.join(', ')})`);
  const models = { ...modelFlags(c), ...latencyFlags(c) };
  const scenarioFile = scenarioPath(root, c.scenario ?? 'default');
  const scenarioName = shownFrom(root, scenarioFile);
  const scenario = readScenarioFile(scenarioFile, scenarioName);
  if (!c.replay) {
    if (c.depth !== undefined) throw new UserError('--depth applies to a replay (--replay FILE); the mock market has no depth');
    if (c.untilLast) throw new UserError('--until-last applies to a Tardis replay (--replay QUOTES.csv --format tardis)');
    const venue = c.venue !== undefined ? replayVenue(root, '', 'mock', c.venue) : { venue: venueFromScenario(scenario), venueName: scenarioName };
    return { kind: 'mock', scenario, scenarioName, seed: c.seed, ...venue, ...models };
  }
  const file = isAbsolute(c.replay) ? c.replay : resolve(root, c.replay);
  for (const part of file.split(',')) {
    const st = statSync(part, { throwIfNoEntry: false });
    if (!st) throw new UserError(`${shownFrom(root, part)}: replay file not found`);
    if (st.isDirectory()) throw new UserError(`${shownFrom(root, part)}: is a folder, not a replay file`);
  }
  const venue = replayVenue(root, file, c.format!, c.venue);
  const depth = depthFlag(c.depth);
  if (c.untilLast && c.format !== 'tardis') throw new UserError(`--until-last applies to a Tardis replay (its quotes and trades files); this one is ${c.format}`);
  const until = c.untilLast ? { untilLast: true } : {};
  return { kind: 'replay', file, format: c.format!, skipBadLines: Boolean(c.skipBadLines), ...(depth === undefined ? {} : { depth }), ...until, scenario, scenarioName, seed: c.seed, ...venue, ...models };
}

/** `--depth on|off` as a boolean (undefined: the default, on). */
export function depthFlag(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === 'on' || v === 'off') return v === 'on';
  throw new UserError(`--depth must be on or off, got "${v}"`);
}

/** The latency flags, checked (bad text is exit 2 before anything runs). */
function latencyFlags(c: MarketChoice): { latency?: LatencyFlags } {
  const latency: LatencyFlags = {};
  if (c.latencyModel !== undefined) {
    try {
      latency.order = parseLatencySpec(c.latencyModel);
    } catch (e) {
      throw new UserError(`--latency-model: ${(e as Error).message}`);
    }
  }
  if (c.feedLatencyMs !== undefined) {
    const ms = typeof c.feedLatencyMs === 'number' ? c.feedLatencyMs : String(c.feedLatencyMs).trim() === '' ? NaN : Number(c.feedLatencyMs);
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_FEED_LATENCY_MS) throw new UserError(`--feed-latency-ms must be a number from 0 to ${MAX_FEED_LATENCY_MS}, got "${c.feedLatencyMs}"`);
    latency.feedExtraMs = ms;
  }
  return Object.keys(latency).length ? { latency } : {};
}

/** The model flags, checked against the registries (an unknown name is exit 2 before anything runs). */
function modelFlags(c: MarketChoice): { models?: ModelChoice } {
  const check = (flag: string, name: string | undefined, make: (n: string) => unknown) => {
    if (name === undefined) return;
    try {
      make(name);
    } catch (e) {
      throw new UserError(`${flag}: ${(e as Error).message}`);
    }
  };
  check('--queue-model', c.queueModel, queueModel);
  check('--exchange-model', c.exchangeModel, exchangeModel);
  const models: ModelChoice = {};
  if (c.queueModel !== undefined) models.queue_model = c.queueModel;
  if (c.exchangeModel !== undefined) models.exchange_model = c.exchangeModel;
  return Object.keys(models).length ? { models } : {};
}
