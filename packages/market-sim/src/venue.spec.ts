import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { captureInfo } from './capture-info.js';
import fc from 'fast-check';
import { floorToLots, fromLots, inferVenue, loadVenue, onTick, parseVenue, stepDecimals, toLots, venueFiles, venueFromScenario } from './venue.js';
import { inverseAsset, linearAsset } from './asset.js';

const VENUES = resolve(import.meta.dirname, '../../../config/venues');
// A mutation run (MM_MUTATION=1) repeats the property test for every venue.ts mutant it covers, so it draws
// 500 cases there (10,000 in `npm test`); the hand-worked lots/ticks cases above run in both.
const PROPERTY_RUNS = process.env.MM_MUTATION === '1' ? 500 : 10_000;
const tmp = () => mkdtempSync(join(tmpdir(), 'mm-venue-'));

describe('venues', () => {
  it('ships the Binance markets of the shared data and their siblings, all valid', () => {
    const names = venueFiles(VENUES).map((f) => f.split('/').pop());
    expect(names).toEqual(['binance-coinm-btcusd_perp.json', 'binance-spot-btcusdt.json', 'binance-spot-ethusdt.json', 'binance-usdm-btcusdt.json', 'binance-usdm-ethusdt.json']);
    for (const f of venueFiles(VENUES)) expect(() => loadVenue(f)).not.toThrow();
    const eth = loadVenue(join(VENUES, 'binance-usdm-ethusdt.json'));
    expect(eth.tick_size).toBe(0.01);
    expect(eth.fees).toMatchObject({ maker_bps: 2, taker_bps: 5 });
    expect(loadVenue(join(VENUES, 'binance-coinm-btcusd_perp.json')).contract).toEqual({ kind: 'inverse', size: 100 });
  });

  it('is strict: unknown keys, sizes off the lot, and a linear contract of size != 1 are errors naming the key', () => {
    const ok = loadVenue(join(VENUES, 'binance-usdm-btcusdt.json'));
    expect(() => parseVenue({ ...ok, tick: 1 }, 'v.json')).toThrow(/v\.json: unknown key "tick"/);
    expect(() => parseVenue({ ...ok, order_size: 0.0015 }, 'v.json')).toThrow(/key "order_size": must be a whole number of lots \(lot_size 0\.001\)/);
    expect(() => parseVenue({ ...ok, contract: { kind: 'linear', size: 2 } }, 'v.json')).toThrow(/contract\.size.*size 1/);
    expect(parseVenue({ ...ok, queue_model: 'power:2', exchange_model: 'no-partial-fill' }, 'v.json')).toMatchObject({ queue_model: 'power:2' });
    expect(() => parseVenue({ ...ok, queue_model: 'fifo' }, 'v.json')).toThrow(/v\.json: key "queue_model": expected one of risk-averse, power, log/);
    expect(() => parseVenue({ ...ok, exchange_model: 'full' }, 'v.json')).toThrow(/v\.json: key "exchange_model": expected one of partial-fill, no-partial-fill/);
  });

  it('lots: whole numbers, decimals without float dust, flooring below the min qty to 0; prices on the tick', () => {
    expect(toLots(0.009000000000000001, 0.001)).toBe(9);
    expect(fromLots(10, 0.001)).toBe(0.01);
    expect(fromLots(3, 0.1)).toBe(0.3);
    expect(floorToLots(0.0075, { lot_size: 0.001, min_qty: 0.001 })).toBe(0.007);
    expect(floorToLots(0.0009, { lot_size: 0.001, min_qty: 0.001 })).toBe(0);
    expect(floorToLots(0.003, { lot_size: 0.001, min_qty: 0.005 })).toBe(0);
    expect(onTick(2681.3249, 0.01)).toBe(2681.32);
    expect(onTick(61800.26, 0.1)).toBe(61800.3);
  });

  it('lots and ticks give the same doubles as the string conversion they replace, over random counts and steps', () => {
    // The conversion as it was before the hot path was made arithmetic: the product printed to the step's
    // decimals and parsed back. The new one must agree bit for bit (Object.is: -0 and NaN included).
    const viaString = (n: number, step: number) => Number((n * step).toFixed(stepDecimals(step)));
    const decimalStep = fc.tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 0, max: 9 })).map(([m, d]) => Number(`${m}e-${d}`));
    const anyStep = fc.oneof(decimalStep, fc.constantFrom(0.001, 0.1, 0.5, 1, 5, 0.01, 1e-8, 0.25, 100), fc.double({ min: 1e-9, max: 1e3, noNaN: true }));
    const count = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: -(2 ** 52), max: 2 ** 52 }), fc.constantFrom(0, -0, 1e15, -1e15, NaN), fc.double({ min: -1e9, max: 1e9 }));
    fc.assert(
      fc.property(count, anyStep, (n, step) => {
        expect(Object.is(fromLots(n, step), viaString(n, step))).toBe(true);
      }),
      { numRuns: PROPERTY_RUNS },
    );
    // Alternating steps (a lot, then a tick) keep each its own decimals.
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e6, noNaN: true }), decimalStep, decimalStep, fc.integer({ min: 0, max: 1e6 }), (px, tick, lot, lots) => {
        expect(Object.is(onTick(px, tick), viaString(Math.round(px / tick), tick))).toBe(true);
        expect(Object.is(fromLots(lots, lot), viaString(lots, lot))).toBe(true);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('infers the venue from the capture: symbol and market; none or several matching is a clear error', () => {
    const d = tmp();
    const usdm = `1 {"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":1,"s":"BTCUSDT","b":"1","B":"1","a":"2","A":"1","T":1,"E":1}}\n`;
    const spot = `1 {"stream":"btcusdt@bookTicker","data":{"u":1,"s":"BTCUSDT","b":"1","B":"1","a":"2","A":"1"}}\n2 {"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1","q":"1","T":1,"m":true,"M":true}}\n`;
    const coinm = `1 {"stream":"btcusd_perp@bookTicker","data":{"e":"bookTicker","u":1,"s":"BTCUSD_PERP","ps":"BTCUSD","b":"1","B":"1","a":"2","A":"1","T":1,"E":1}}\n`;
    const doge = `1 {"stream":"dogeusdt@bookTicker","data":{"e":"bookTicker","u":1,"s":"DOGEUSDT","b":"1","B":"1","a":"2","A":"1","T":1,"E":1}}\n`;
    writeFileSync(join(d, 'usdm.gz'), gzipSync(usdm));
    writeFileSync(join(d, 'spot.txt'), spot);
    writeFileSync(join(d, 'coinm.txt'), coinm);
    writeFileSync(join(d, 'doge.txt'), doge);
    writeFileSync(join(d, 'q.csv'), 'exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount\nbinance-futures,ETHUSDT,1,2,1,2,1,1\n');
    const venueOf = (f: string, fmt = 'binance-ws') => {
      const i = captureInfo(join(d, f), fmt);
      return inferVenue(VENUES, i.symbol, i.market).path.split('/').pop();
    };
    expect(venueOf('usdm.gz')).toBe('binance-usdm-btcusdt.json');
    expect(venueOf('spot.txt')).toBe('binance-spot-btcusdt.json');
    expect(venueOf('coinm.txt')).toBe('binance-coinm-btcusd_perp.json');
    expect(venueOf('q.csv', 'tardis')).toBe('binance-usdm-ethusdt.json');
    expect(() => venueOf('doge.txt')).toThrow(/no venue file for symbol DOGEUSDT \(usdm\): pass --venue NAME\|FILE \(venue files: binance-coinm-btcusd_perp, /);
    expect(() => inferVenue(VENUES, 'btcusdt')).toThrow(/2 venue files match symbol BTCUSDT \(binance-spot-btcusdt, binance-usdm-btcusdt\): pass --venue/);
  });

  it('no venue files at all (a missing or empty directory): the error says none; without a market it names none', () => {
    expect(venueFiles(join(tmp(), 'absent'))).toEqual([]);
    expect(() => inferVenue(tmp(), 'ethusdt')).toThrow('no venue file for symbol ETHUSDT: pass --venue NAME|FILE (venue files: none)');
  });

  it("the mock's venue: the scenario's symbol, tick, fees, size and limit; linear, continuous quantities in 1e-8 lots", () => {
    const s = { symbol: 'BTCUSDT', tick_size: 0.1, fees: { maker_bps: -0.5, taker_bps: 4 }, order_size: 0.01, max_position: 0.05 };
    const v = venueFromScenario(s);
    expect(parseVenue(v, 'mock')).toEqual(v);
    expect(v).toEqual({
      description: "the mock scenario's own venue",
      exchange: 'synthetic',
      market: 'synthetic',
      symbol: 'BTCUSDT',
      tick_size: 0.1,
      lot_size: 1e-8,
      min_qty: 1e-8,
      contract: { kind: 'linear', size: 1 },
      fees: { tier: 'scenario', maker_bps: -0.5, taker_bps: 4 },
      order_size: 0.01,
      max_position: 0.05,
    });
  });

  it('assets: linear notional px*qty; inverse qty*size/px in the coin, booked as the opposite side at 1/px', () => {
    expect(linearAsset().notional(100, 0.5)).toBe(50);
    const inv = inverseAsset(100);
    expect(inv.notional(50_000, 10)).toBeCloseTo(0.02, 15);
    expect(inv.ledgerSide(1)).toBe(-1);
    expect(inv.ledgerPx(50_000)).toBe(1 / 50_000);
    expect(inv.ledgerQty(10)).toBe(1000);
  });
});
