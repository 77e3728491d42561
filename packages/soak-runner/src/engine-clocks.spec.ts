/**
 * The engine on two clocks, on a scripted market with hand-set legs: the strategy sees a quote only after its
 * feed leg (and quotes then), learns of a fill only after the response leg (and neither re-quotes on it nor
 * counts it in its position before then), while the books take the fill at the exchange's time.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@mm-profiles/profile-core';
import { ExchangeEmulator, FeedClock, constantLatency, type QuoteEvent, type TradeEvent } from '@mm-profiles/market-sim';
import { profileQuoter, targetQuotes, type VenueSpec } from '@mm-profiles/quoter';
import { EdgeSentinel } from '@mm-profiles/sentinel';
import { AuditLog, type AuditRecord } from './audit-log.js';
import { Engine } from './engine.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const VENUE: VenueSpec = { tickSize: 0.1, makerFeeBps: 1, orderSize: 0.5 };
const MAX_POSITION = 10;

/** Entry 1 ms; feed and response legs as given (ms). */
function engineFor(feedMs: number, responseMs: number) {
  const resolved = resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} });
  const applied = { ...resolved.applied, min_interval_ms: 0, concurrency_limit: 10, replace_rate_per_min: 100_000 };
  const sentinel = new EdgeSentinel({ resolved: { ...resolved, applied }, root: ROOT, maxPosition: MAX_POSITION, log: () => undefined });
  const emulator = new ExchangeEmulator({ latency: constantLatency(1), makerFeeBps: VENUE.makerFeeBps, takerFeeBps: 4 });
  const path = join(mkdtempSync(join(tmpdir(), 'mm-clocks-')), 'audit.jsonl');
  const engine = new Engine({
    sentinel,
    emulator,
    quoter: profileQuoter(sentinel, VENUE),
    maxPosition: MAX_POSITION,
    audit: new AuditLog(path),
    feed: new FeedClock(constantLatency(feedMs)),
    response: constantLatency(responseMs),
  });
  const audit = (): AuditRecord[] => {
    engine.finish();
    return readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditRecord);
  };
  return { engine, applied, audit };
}

const quote = (ts: number, bidPx: number, askPx: number): QuoteEvent => ({ kind: 'quote', ts, localTs: ts, bidPx, bidQty: 5, askPx, askQty: 5 });
const trade = (ts: number, px: number, qty: number, side: 1 | -1): TradeEvent => ({ kind: 'trade', ts, localTs: ts, px, qty, side });
const own = { position: 0, maxPosition: MAX_POSITION, adverseBidBps: 0, adverseAskBps: 0 };

describe('Engine on two clocks', () => {
  it('a quote is acted on only once seen: after its feed leg, and the request leaves then', () => {
    const { engine, audit } = engineFor(3, 0);
    engine.onEvent(quote(0, 100, 100.2)); // seen at 3 ms
    engine.onEvent(quote(1_000, 100, 100.2)); // seen at 4 ms
    // Nothing is sent before the strategy has seen a book.
    expect(engine.counters.places).toBe(0);
    engine.onEvent(quote(10_000, 100, 100.2)); // the strategy catches up to 10 ms first: it saw the book at 3 ms
    const lines = audit();
    const places = lines.filter((r) => r.type === 'PLACE');
    expect(places.map((r) => r.ts)).toEqual([3_000, 3_000]);
    // Every event's feed latency is the leg's 3 ms.
    expect(engine.takeSamples().feedLatencyMs).toEqual([3, 3, 3]);
  });

  it('a fill is booked at the exchange at once, but learned (position, re-quote) only after the response leg', () => {
    const { engine, applied, audit } = engineFor(0, 5);
    const q = quote(0, 100, 100.2);
    const bid = targetQuotes(applied, q, own, VENUE).bid!;
    engine.onEvent(q); // both sides placed at 0, arriving at 1 ms; acks learned at 6 ms
    engine.onEvent(quote(7_000, 100, 100.2)); // acks learned before this is seen
    // A seller trades through our bid at 10 ms: filled there and then.
    engine.onEvent(trade(10_000, bid.px - 0.5, 10, -1));
    expect(engine.position).toBeCloseTo(bid.qty, 12);
    expect(engine.ledger.amounts.fills).toBe(1);
    // Quotes at 11, 12 and 14 ms: the strategy has not learned of the fill (due at 15 ms).
    engine.onEvent(quote(11_000, 100, 100.2));
    engine.onEvent(quote(12_000, 100, 100.2));
    engine.onEvent(quote(14_000, 100, 100.2));
    expect(engine.knownPosition).toBe(0);
    expect(engine.counters.places).toBe(2);
    // It learns the fill at 15 ms; the quote of 15.5 ms is the first it sees after: the bid is placed again,
    // leaning for the position now known.
    engine.onEvent(quote(15_500, 100, 100.2));
    expect(engine.knownPosition).toBeCloseTo(bid.qty, 12);
    expect(engine.counters.places).toBe(3);
    const lines = audit();
    const bidLines = lines.filter((r) => r.side === 'bid').map((r) => `${r.type}@${r.ts}`);
    expect(bidLines).toEqual(['PLACE@0', 'FILL@10000', 'PLACE@15500']);
    const after = targetQuotes(applied, q, { ...own, position: bid.qty }, VENUE);
    expect(lines.filter((r) => r.side === 'bid' && r.type === 'PLACE').at(-1)!.px).toBe(after.bid!.px);
    // Request to ack as the strategy saw it: 1 ms entry + 5 ms response, for each of the first two places.
    expect(engine.takeSamples().latencyMs.slice(0, 2)).toEqual([6, 6]);
  });
});
