import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile, type AppliedProfile } from '@mm-profiles/profile-core';
import { ExchangeEmulator, inverseAsset, latencyModel, type Asset, type MarketEvent } from '@mm-profiles/market-sim';
import { EdgeSentinel } from '@mm-profiles/sentinel';
import { AuditLog } from './audit-log.js';
import { profileQuoter } from '@mm-profiles/quoter';
import { Engine } from './engine.js';

const ROOT = resolve(import.meta.dirname, '../../..');

function engineOn(o: { lot: number; orderSize: number; maxPosition: number; asset?: Asset; tick?: number; makerBps?: number }, profile: Partial<AppliedProfile> = {}) {
  const resolved = resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} });
  const applied = { ...resolved.applied, inventory_tilt_cap: 0, vip_tilt_cap: 0, slippage_penalty_coef: 0, impact_cap_ratio: 1, base_spread_bps: 2, ...profile };
  const sentinel = new EdgeSentinel({ resolved: { ...resolved, applied }, root: ROOT, maxPosition: o.maxPosition });
  const emulator = new ExchangeEmulator({ latency: latencyModel({ model: 'constant', ms: 0 }, 1), makerFeeBps: o.makerBps ?? 0, takerFeeBps: 5, asset: o.asset });
  const engine = new Engine({
    sentinel,
    emulator,
    quoter: profileQuoter(sentinel, { tickSize: o.tick ?? 0.1, makerFeeBps: o.makerBps ?? 0, orderSize: o.orderSize }),
    maxPosition: o.maxPosition,
    lotSize: o.lot,
    asset: o.asset,
    audit: new AuditLog(null),
  });
  return { engine, sentinel };
}

/** One round per second: the book 100.0 / 100.2, then a sell trading through our 100.0 bid. */
function sellThroughRounds(n: number, bid = 100, ask = 100.2): MarketEvent[] {
  const out: MarketEvent[] = [];
  for (let i = 0; i < n; i++) {
    const t = (i + 1) * 1_000_000;
    out.push({ kind: 'quote', ts: t, localTs: t, bidPx: bid, bidQty: 50, askPx: ask, askQty: 50 });
    out.push({ kind: 'trade', ts: t + 500_000, localTs: t + 500_000, px: Math.round((bid - 0.1) * 10) / 10, qty: 50, side: -1 });
  }
  return out;
}

describe('Engine on a venue', () => {
  it('counts the position in whole lots: ten 0.001 buys reach a 0.01 limit exactly (float sums stop at 0.009)', () => {
    const { engine, sentinel } = engineOn({ lot: 0.001, orderSize: 0.001, maxPosition: 0.01 });
    for (const e of sellThroughRounds(14)) engine.onEvent(e);
    expect(engine.ledger.amounts.fills).toBe(10);
    expect(engine.positionLots).toBe(10);
    expect(engine.position).toBe(0.01);
    expect(sentinel.blockedBy['risk']).toBeGreaterThan(0);
    // The float way: 0.009000000000000001 + 0.001 > 0.01 would have stopped at nine fills.
    let float = 0;
    for (let i = 0; i < 9; i++) float += 0.001;
    expect(float + 0.001 > 0.01).toBe(true);
  });

  it('sends sizes in whole lots: an impact-capped size is rounded down to the lot, below min qty not quoted', () => {
    const { engine } = engineOn({ lot: 0.001, orderSize: 0.01, maxPosition: 1 }, { impact_cap_ratio: 0.00015 });
    // cap: 0.00015 * 50 = 0.0075 -> 0.007
    for (const e of sellThroughRounds(1)) engine.onEvent(e);
    expect(engine.ledger.amounts.volume).toBe(0.007);
  });

  it('books an inverse contract in the coin: 100-USD contracts bought at 100.0 and marked at 100.1', () => {
    const asset = inverseAsset(100);
    const { engine } = engineOn({ lot: 1, orderSize: 10, maxPosition: 100, asset, makerBps: 2 });
    for (const e of sellThroughRounds(1)) engine.onEvent(e);
    // Bought 10 contracts (1,000 USD) at 100.0: 10 coins. Fee 2 bps of 10 coins = 0.002 coin.
    expect(engine.positionLots).toBe(10);
    expect(engine.ledger.amounts.turnover).toBeCloseTo(10, 12);
    expect(engine.ledger.amounts.fees).toBeCloseTo(-0.002, 12);
    // Marked at mid 100.1: the 1,000 USD are worth 1000/100.1 coins; PnL = 1000/100 - 1000/100.1 - fee... for a long
    // of contracts the coin PnL is size*qty*(1/entry - 1/mid) = 1000*(1/100 - 1/100.1).
    const expected = 1000 * (1 / 100 - 1 / 100.1) - 0.002;
    expect(engine.ledger.pnl).toBeCloseTo(expected, 12);
    expect(engine.ledger.identityGap()).toBeLessThan(1e-12);
  });

  it('scores a markout at the mid as of t+h (the last mid at or before it), not at the first event after', () => {
    const { engine } = engineOn({ lot: 0.001, orderSize: 0.001, maxPosition: 0.001 });
    for (const e of sellThroughRounds(1)) engine.onEvent(e);
    // Filled at 1.5 s with the mid at 100.1. The mid is 100.2 from 1.55 s, then 99.9 from 1.9 s.
    engine.onEvent({ kind: 'quote', ts: 1_550_000, localTs: 1_550_000, bidPx: 100, bidQty: 50, askPx: 100.4, askQty: 50 });
    engine.onEvent({ kind: 'quote', ts: 1_900_000, localTs: 1_900_000, bidPx: 99.8, bidQty: 50, askPx: 100, askQty: 50 });
    const s = engine.takeSamples();
    // 0.1 s horizon, due at 1.6 s: the mid as of then is 100.2 (the 1.9 s mid would give a loss).
    expect(s.markoutWeighted[0]! / s.markoutNotional[0]!).toBeCloseTo(((100.2 - 100.1) / 100.1) * 1e4, 9);
  });
});

describe('Engine and a replace that would cross', () => {
  it('the replace is rejected post-only and the order is gone (as Binance cancels it): the side places afresh', () => {
    const resolved = resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} });
    const applied = { ...resolved.applied, inventory_tilt_cap: 0, vip_tilt_cap: 0, slippage_penalty_coef: 0, impact_cap_ratio: 1, base_spread_bps: 2 };
    const sentinel = new EdgeSentinel({ resolved: { ...resolved, applied }, root: ROOT, maxPosition: 1 });
    const emulator = new ExchangeEmulator({ latency: latencyModel({ model: 'constant', ms: 10 }, 1), makerFeeBps: 0, takerFeeBps: 5 });
    const quoter = profileQuoter(sentinel, { tickSize: 0.1, makerFeeBps: 0, orderSize: 0.01 });
    const engine = new Engine({ sentinel, emulator, quoter, maxPosition: 1, lotSize: 0.001, audit: new AuditLog(null) });
    const q = (ts: number, bid: number, ask: number): MarketEvent => ({ kind: 'quote', ts, localTs: ts, bidPx: bid, bidQty: 50, askPx: ask, askQty: 50 });
    engine.onEvent(q(0, 100, 100.2));
    engine.onEvent(q(20_000, 100, 100.2)); // both places acknowledged
    const bidId = emulator.restingOrders.find((o) => o.side > 0)!.id;
    expect(engine.counters.places).toBe(2);
    engine.onEvent(q(1_000_000, 100.6, 100.8)); // the mid jumps: the bid is repriced up (sent now, arrives at +10 ms)
    expect(engine.counters.replaces).toBeGreaterThanOrEqual(1);
    engine.onEvent(q(1_005_000, 100, 100.2)); // back down before it arrives: the new bid price now crosses the ask
    engine.onEvent(q(1_015_000, 100, 100.2));
    expect(engine.counters.postOnlyRejects).toBeGreaterThanOrEqual(1);
    expect(emulator.order(bidId)).toBeUndefined();
    // The engine knows the bid is gone: it places a new one rather than replacing a dead order.
    const places = engine.counters.places;
    engine.onEvent(q(2_000_000, 100, 100.2));
    engine.onEvent(q(2_020_000, 100, 100.2));
    expect(engine.counters.places).toBe(places + 1);
    expect(emulator.restingOrders.filter((o) => o.side > 0)).toHaveLength(1);
  });
});
