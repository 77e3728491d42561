/**
 * Venues (`config/venues/*.json`): the market a replay trades on. Tick, lot and minimum quantity, the contract
 * (linear: quantity in the base asset, PnL in the quote; inverse: quantity in contracts of `size` quote units,
 * PnL in the coin, as hftbacktest's InverseAsset), fees of a named tier, our order size and position limit.
 * Strict: an unknown key is an error. Quantities and positions are handled as whole lots (`toLots`), so sums
 * never drift (0.009 + 0.001 is 10 lots of 0.001, not 0.009000000000000001).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { MarketDataError } from './market-event.js';
import { modelChoiceFields } from './model-choice.js';
import { describeIssue, loadConfigFile } from './scenario.js';

const positive = () => z.number().positive();

export const VENUE_MARKETS = ['spot', 'usdm', 'coinm', 'synthetic'] as const;

export const venueSchema = z
  .strictObject({
    description: z.string().describe('what market this is, and where its numbers come from'),
    exchange: z.string().min(1),
    market: z.enum(VENUE_MARKETS).describe('spot, USD-M futures, COIN-M futures (or the mock\'s synthetic market)'),
    symbol: z.string().min(1).describe('the exchange\'s symbol, e.g. BTCUSDT or BTCUSD_PERP'),
    tick_size: positive().describe('price grid'),
    lot_size: positive().describe('quantity step (base units, or contracts for inverse)'),
    min_qty: positive().describe('smallest order quantity'),
    contract: z.strictObject({
      kind: z.enum(['linear', 'inverse']),
      size: positive().describe('linear: base units per unit of quantity (1); inverse: quote currency per contract'),
    }),
    fees: z.strictObject({
      tier: z.string().min(1).describe('the fee tier these rates are for'),
      maker_bps: z.number().describe('fee on passive fills, bps of notional; negative = rebate'),
      taker_bps: z.number().describe('fee on aggressive fills, bps of notional'),
    }),
    order_size: positive().describe('our quote size before the impact cap, in quantity units (a whole number of lots)'),
    max_position: positive().describe('position limit of the risk guard, in quantity units (a whole number of lots)'),
    ...modelChoiceFields,
  })
  .superRefine((v, ctx) => {
    for (const key of ['order_size', 'max_position', 'min_qty'] as const) {
      if (!isWholeLots(v[key], v.lot_size)) ctx.addIssue({ code: 'custom', path: [key], message: `must be a whole number of lots (lot_size ${v.lot_size})` });
    }
    if (v.contract.kind === 'linear' && v.contract.size !== 1) ctx.addIssue({ code: 'custom', path: ['contract', 'size'], message: 'a linear contract has size 1' });
  });

export type Venue = z.infer<typeof venueSchema>;

/** `x` is a whole number of `lot`s, to a billionth of a lot. */
function isWholeLots(x: number, lot: number): boolean {
  const n = x / lot;
  return Math.abs(n - Math.round(n)) < 1e-9 * Math.max(1, n);
}

/** Whole lots in a quantity, rounded to the nearest (quantities come in as decimals of the lot). */
export function toLots(qty: number, lot: number): number {
  return Math.round(qty / lot);
}

/** Decimal places of a step such as 0.001 (3) or 0.5 (1). */
export function stepDecimals(step: number): number {
  for (let d = 0; d <= 12; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
  return 12;
}

/**
 * `n` steps of `step` as the decimal it stands for, as `Number((n * step).toFixed(stepDecimals(step)))` gives
 * it, without the string: the step is an integer count of 10^-d units (0.001 = 1 of 10^-3), so n steps are an
 * exact integer of units and one division by the exact 10^d is the double nearest that decimal, the same
 * double the string parses to. The step's decimals are worked out once per step (the hot path asks with one
 * lot and one tick: each caller keeps its own). Off the exact range (a step that is not its decimal's nearest
 * double, a fraction of a step, 1e15 units or more) it takes the string way.
 */
class StepScale {
  private step = NaN;
  private decimals = 0;
  private units = 0;
  private pow = 1;

  times(n: number, step: number): number {
    if (step !== this.step) this.set(step);
    const u = n * this.units;
    // `+ 0`: toFixed writes -0 as "0".
    if (this.units > 0 && Number.isInteger(u) && Math.abs(u) < 1e15) return u / this.pow + 0;
    return Number((n * step).toFixed(this.decimals));
  }

  private set(step: number): void {
    this.step = step;
    this.decimals = stepDecimals(step);
    this.pow = 10 ** this.decimals;
    const units = Math.round(step * this.pow);
    // Exact only when the step is the double nearest units / 10^d (a decimal as written in a venue file).
    this.units = units / this.pow === step ? units : 0;
  }
}

const lotScale = new StepScale();
const tickScale = new StepScale();

/** A quantity of `lots` lots as the decimal it stands for (0.001 * 10 = 0.01, not 0.010000000000000002). */
export function fromLots(lots: number, lot: number): number {
  return lotScale.times(lots, lot);
}

/** A quantity rounded down to whole lots; 0 below the minimum quantity. */
export function floorToLots(qty: number, venue: Pick<Venue, 'lot_size' | 'min_qty'>): number {
  const lots = Math.floor(qty / venue.lot_size + 1e-9);
  const q = fromLots(lots, venue.lot_size);
  return q + 1e-12 >= venue.min_qty ? q : 0;
}

/** A price on the tick (nearest), as the decimal it stands for. */
export function onTick(px: number, tick: number): number {
  return tickScale.times(Math.round(px / tick), tick);
}

export function parseVenue(raw: unknown, label: string): Venue {
  const parsed = venueSchema.safeParse(raw);
  if (!parsed.success) throw new MarketDataError(`${label}: ${parsed.error.issues.map((i) => describeIssue(i, raw)).join('; ')}`);
  return parsed.data;
}

export function loadVenue(path: string, label = path): Venue {
  return loadConfigFile(path, label, 'venue', parseVenue);
}

/** The venue files of a directory, by name (file name without `.json`). */
export function venueFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * The venue a capture of `symbol` (as its stream names it, e.g. `btcusdt` or `BTCUSD_PERP`) on `market` (when
 * the capture tells it) runs on: exactly one venue file must match, else a clear error naming the symbol and the
 * files there are.
 */
export function inferVenue(dir: string, symbol: string, market?: Venue['market']): { path: string; venue: Venue } {
  const files = venueFiles(dir);
  const matches: Array<{ path: string; venue: Venue }> = [];
  for (const path of files) {
    const venue = loadVenue(path, basename(path));
    if (venue.symbol.toUpperCase() === symbol.toUpperCase() && (market === undefined || venue.market === market)) matches.push({ path, venue });
  }
  if (matches.length === 1) return matches[0]!;
  const names = files.map((f) => basename(f, '.json')).join(', ') || 'none';
  if (matches.length === 0) {
    throw new MarketDataError(`no venue file for symbol ${symbol.toUpperCase()}${market ? ` (${market})` : ''}: pass --venue NAME|FILE (venue files: ${names})`);
  }
  throw new MarketDataError(
    `${matches.length} venue files match symbol ${symbol.toUpperCase()} (${matches.map((m) => basename(m.path, '.json')).join(', ')}): pass --venue NAME|FILE`,
  );
}

/** The mock's venue: the scenario's symbol, tick, fees, order size and position limit; quantities are continuous, counted in lots of 1e-8. */
export const SYNTHETIC_LOT = 1e-8;

export function venueFromScenario(s: {
  symbol: string;
  tick_size: number;
  fees: { maker_bps: number; taker_bps: number };
  order_size: number;
  max_position: number;
}): Venue {
  return {
    description: 'the mock scenario\'s own venue',
    exchange: 'synthetic',
    market: 'synthetic',
    symbol: s.symbol,
    tick_size: s.tick_size,
    lot_size: SYNTHETIC_LOT,
    min_qty: SYNTHETIC_LOT,
    contract: { kind: 'linear', size: 1 },
    fees: { tier: 'scenario', ...s.fees },
    order_size: s.order_size,
    max_position: s.max_position,
  };
}
