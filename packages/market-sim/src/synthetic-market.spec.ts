import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario, type Scenario } from './scenario.js';
import { priceScale, roundPx, SyntheticMarket } from './synthetic-market.js';
import type { MarketEvent } from './market-event.js';

const DEFAULT = loadScenario(resolve(import.meta.dirname, '../../../config/scenarios/quiet.json'));

async function collect(s: Scenario, seed: number, seconds: number): Promise<MarketEvent[]> {
  const out: MarketEvent[] = [];
  for await (const b of new SyntheticMarket(s, seed).stream(seconds * 1e6)) out.push(...b);
  return out;
}

const hash = (events: MarketEvent[]) => createHash('sha256').update(JSON.stringify(events)).digest('hex');

describe('SyntheticMarket', () => {
  it('same scenario and seed give the identical event stream; another seed differs', async () => {
    const a = await collect(DEFAULT, 42, 3000);
    const b = await collect(DEFAULT, 42, 3000);
    const c = await collect(DEFAULT, 43, 3000);
    expect(a.length).toBeGreaterThan(10_000);
    expect(hash(a)).toBe(hash(b));
    expect(hash(c)).not.toBe(hash(a));
  });

  it('successive windows continue one market: two halves equal the whole', async () => {
    const whole = await collect(DEFAULT, 7, 120);
    const m = new SyntheticMarket(DEFAULT, 7);
    const parts: MarketEvent[] = [];
    for await (const b of m.stream(60e6)) parts.push(...b);
    for await (const b of m.stream(120e6)) parts.push(...b);
    expect(hash(parts)).toBe(hash(whole));
  });

  it('time is whole microseconds and never goes back; prices sit on the tick grid', async () => {
    const ev = await collect(DEFAULT, 1, 300);
    let last = -1;
    for (const e of ev) {
      expect(Number.isInteger(e.ts)).toBe(true);
      expect(e.ts).toBeGreaterThanOrEqual(last);
      last = e.ts;
      const px = e.kind === 'quote' ? e.bidPx : e.kind === 'trade' ? e.px : 0;
      expect(Math.abs(px / 0.1 - Math.round(px / 0.1))).toBeLessThan(1e-6);
    }
  });

  it('realised volatility, trade rate and informed share match their parameters', async () => {
    const s = parseScenario({ ...DEFAULT, informed_share: 0, jump_rate_per_s: 0, volatility_bps_per_sqrt_s: 2 }, 't');
    const m = new SyntheticMarket(s, 11);
    const seconds = 20_000;
    const mids: number[] = [];
    let trades = 0;
    for (let sec = 1; sec <= seconds; sec++) {
      for await (const b of m.stream(sec * 1e6)) for (const e of b) if (e.kind === 'trade') trades += 1;
      mids.push(m.trueMid);
    }
    const r = mids.slice(1).map((x, i) => Math.log(x / mids[i]!) * 1e4);
    const sd = Math.sqrt(r.reduce((a, x) => a + x * x, 0) / r.length);
    // Standard error of a sd estimate is sd/sqrt(2n): ~0.5% here; allow 3%.
    expect(sd).toBeGreaterThan(2 * 0.97);
    expect(sd).toBeLessThan(2 * 1.03);
    const rate = trades / seconds;
    const expected = DEFAULT.trade_rate_per_s;
    // Poisson count: sd = sqrt(n); allow 4 sd.
    expect(Math.abs(rate - expected)).toBeLessThan((4 * Math.sqrt(expected * seconds)) / seconds);

    const inf = new SyntheticMarket(parseScenario({ ...DEFAULT, informed_share: 0.3 }, 't'), 3);
    for await (const _ of inf.stream(20_000e6)) void _;
    const share = inf.informedTrades / inf.trades;
    const se = Math.sqrt((0.3 * 0.7) / inf.trades);
    expect(Math.abs(share - 0.3)).toBeLessThan(4 * se);
  });

  it('informed trades move the mid their way: buys are followed by higher mids', async () => {
    const s = parseScenario({ ...DEFAULT, informed_share: 1, informed_move_bps: 2, volatility_bps_per_sqrt_s: 0, jump_rate_per_s: 0 }, 't');
    const m = new SyntheticMarket(s, 5);
    let before = m.trueMid;
    let agree = 0;
    let n = 0;
    for (let i = 0; i < 2000; i++) {
      const e = m.next();
      if (e.kind === 'trade') {
        n += 1;
        if (Math.sign(m.trueMid - before) === e.side) agree += 1;
      }
      before = m.trueMid;
    }
    expect(n).toBeGreaterThan(100);
    expect(agree).toBe(n);
  });

  it('roundPx puts a price on the tick grid without float dust (scale: the tick\'s decimals + 2)', () => {
    // 0.1 + 0.2 = 0.30000000000000004; tick 0.1 -> scale 1000.
    expect(priceScale(0.1)).toBe(1000);
    expect(roundPx(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(roundPx(61800.300000000003, 0.1)).toBe(61800.3);
    expect(roundPx(12.345678, 0.01)).toBe(12.3457);
  });

  it('rejects unknown scenario keys, naming them', () => {
    expect(() => parseScenario({ ...DEFAULT, volatilty: 1 }, 'x.json')).toThrow(/x\.json: unknown key "volatilty"/);
    expect(() => parseScenario({ ...DEFAULT, tick_size: -1 }, 'x.json')).toThrow(/key "tick_size"/);
  });
});
