/**
 * The engine loop on a scripted market (constant 1 ms order latency), for paths a random market rarely makes
 * visible: the target a fill is judged against is the quoter's fresh target at the fill, not the fill price;
 * a replace that arrives after its order filled is rejected as too late and the side quotes again; a side
 * with no target (no displayed size) cancels its live order (CANCEL no_target).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@mm-profiles/profile-core';
import { ExchangeEmulator, constantLatency, queueModel, type QueueModel, type QuoteEvent } from '@mm-profiles/market-sim';
import { profileQuoter, targetQuotes, type VenueSpec } from '@mm-profiles/quoter';
import { EdgeSentinel } from '@mm-profiles/sentinel';
import { AuditLog, type AuditRecord } from './audit-log.js';
import { Engine } from './engine.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const VENUE: VenueSpec = { tickSize: 0.1, makerFeeBps: 1, orderSize: 0.5 };
const MAX_POSITION = 10;

function engineFor(queue?: QueueModel) {
  const resolved = resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} });
  // No guard blocks in this script: the paths under test are the engine's own.
  const applied = { ...resolved.applied, min_interval_ms: 0, concurrency_limit: 10, replace_rate_per_min: 100_000 };
  const profile = { ...resolved, applied };
  const sentinel = new EdgeSentinel({ resolved: profile, root: ROOT, maxPosition: MAX_POSITION, log: () => undefined });
  const emulator = new ExchangeEmulator({ latency: constantLatency(1), makerFeeBps: VENUE.makerFeeBps, takerFeeBps: 4, queue });
  const path = join(mkdtempSync(join(tmpdir(), 'mm-engine-')), 'audit.jsonl');
  const engine = new Engine({ sentinel, emulator, quoter: profileQuoter(sentinel, VENUE), maxPosition: MAX_POSITION, audit: new AuditLog(path) });
  const audit = (): AuditRecord[] => {
    engine.finish();
    return readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditRecord);
  };
  return { engine, applied, audit };
}

const quote = (ts: number, bidPx: number, askPx: number, bidQty = 5, askQty = 5): QuoteEvent => ({ kind: 'quote', ts, localTs: ts, bidPx, bidQty, askPx, askQty });
const own = { position: 0, maxPosition: MAX_POSITION, adverseBidBps: 0, adverseAskBps: 0 };

describe('Engine on a scripted market', () => {
  it('judges a fill against the fresh target, replaces too late are rejected and the side quotes again', () => {
    const { engine, applied, audit } = engineFor();
    const q1 = quote(0, 100, 100.2);
    const q2 = quote(2000, 100.1, 100.3);
    const first = targetQuotes(applied, q1, own, VENUE);
    const fresh = targetQuotes(applied, q2, own, VENUE);
    const P = first.bid!.px; // our resting bid, placed at t=0, acked at t=1000
    const T = fresh.bid!.px; // the quoter's target once the market moved up at t=2000
    expect(T).not.toBe(P);
    engine.onEvent(q1);
    engine.onEvent(quote(1500, 100, 100.2)); // acks arrive (t=1000)
    engine.onEvent(q2); // both sides off target: REPLACE sent at 2000, arriving at 3000
    // A seller trades through our bid before the replace arrives: we are filled at P.
    engine.onEvent({ kind: 'trade', ts: 2500, localTs: 2500, px: P - 0.5, qty: 10, side: -1 });
    const qty = first.bid!.qty;
    const mid = (100.1 + 100.3) / 2;
    const l = engine.ledger;
    expect(l.position).toBeCloseTo(qty, 12);
    // SPEC 8: gross = s(m - T)Q, slippage = s(T - P)Q with T the fresh target, not the fill price.
    expect(l.amounts.slippage).toBeCloseTo((T - P) * qty, 12);
    expect(l.amounts.gross).toBeCloseTo((mid - T) * qty, 12);
    expect(l.amounts.fees).toBeCloseTo((-VENUE.makerFeeBps / 1e4) * P * qty, 12);
    expect(l.cash).toBeCloseTo(-P * qty - (VENUE.makerFeeBps / 1e4) * P * qty, 12);
    engine.onEvent(quote(3500, 100.1, 100.3)); // the bid's replace arrives: its order is gone
    const lines = audit();
    const bid = lines.filter((r) => r.side === 'bid').map((r) => `${r.type}:${r.reason}`);
    expect(bid).toEqual(['PLACE:quote', 'REPLACE:reprice', 'FILL:filled', 'REJECT:replace:too_late', 'PLACE:quote']);
    // The new bid is at the target for the position now held (long: quotes lean lower).
    const after = targetQuotes(applied, q2, { ...own, position: qty }, VENUE);
    expect(lines.filter((r) => r.side === 'bid' && r.type === 'PLACE').at(-1)!.px).toBe(after.bid!.px);
    // The ask's replace found its order and was acknowledged: the ask side never re-placed.
    expect(lines.filter((r) => r.side === 'ask').map((r) => r.type)).toEqual(['PLACE', 'REPLACE']);
    expect(engine.counters).toMatchObject({ attempts: 5, executed: 5, places: 3, replaces: 2, cancels: 0, rejects: 1 });
  });

  it('a side without a target (nothing displayed) cancels its live order: CANCEL no_target', () => {
    const { engine, audit } = engineFor();
    engine.onEvent(quote(0, 100, 100.2));
    engine.onEvent(quote(1500, 100, 100.2));
    engine.onEvent(quote(2000, 100, 100.2, 0, 5)); // the bid's displayed size is gone: impact cap * 0 = no size
    engine.onEvent(quote(3500, 100, 100.2, 0, 5)); // the cancel is acknowledged at 3000
    const lines = audit();
    expect(lines.filter((r) => r.side === 'bid').map((r) => `${r.type}:${r.reason}`)).toEqual(['PLACE:quote', 'CANCEL:no_target']);
    expect(lines.filter((r) => r.side === 'ask').map((r) => r.type)).toEqual(['PLACE']);
    expect(engine.counters).toMatchObject({ attempts: 3, executed: 3, places: 2, cancels: 1, replaces: 0 });
    // Both sides live as seen at the events of 1500 (acks in) and 2000, until the cancel's ack processed at 3500:
    // presence counts the gaps 1500 -> 2000 -> 3500 = 2000 us.
    expect(engine.counters.presenceUs).toBe(2000);
    const samples = engine.takeSamples();
    expect(samples.latencyMs).toEqual([1, 1, 1]);
    expect(samples.orderAgeMs).toEqual([2]); // rested 1000 -> 3000 us
  });

  it('a FILL line says how it filled, as maker, and the probability a probabilistic queue used', () => {
    const { engine, applied, audit } = engineFor(queueModel('log'));
    const q = (ts: number, bidQty: number) => quote(ts, 100, 100.1, bidQty, 50);
    const P = targetQuotes(applied, q(0, 3), own, VENUE).bid!.px;
    expect(P).toBe(100); // S1 joins the best bid here: 3 ahead of us
    engine.onEvent(q(0, 3));
    engine.onEvent(q(1500, 4)); // acked at 1000; 1 joined behind us
    engine.onEvent(q(2000, 3)); // 1 cancelled: p(behind) = ln 2 / (ln 2 + ln 4) = 1/3, 7/3 ahead
    engine.onEvent({ kind: 'trade', ts: 2500, localTs: 2500, px: 100, qty: 7 / 3 + 0.2, side: -1 });
    const fill = audit().find((a) => a.type === 'FILL')!;
    expect(fill).toMatchObject({ side: 'bid', px: 100, via: 'queue', liquidity: 'maker' });
    expect(fill.qty).toBeCloseTo(0.2, 8);
    expect(fill.prob).toBeCloseTo(1 / 3, 12);
  });
});
