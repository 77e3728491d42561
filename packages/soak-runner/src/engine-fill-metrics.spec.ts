/**
 * Realised spread, instant move and per-window extremes on a hand-built sequence (SPEC 8): per fill of side s at
 * price P, realised spread s·(m⁻ − P)/m⁻·1e4 with m⁻ the mid before the event that filled us, instant move
 * s·(m − m⁻)/m⁻·1e4; a window's max |position| and drawdown are its own, not running totals of the run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@mm-profiles/profile-core';
import { ExchangeEmulator, constantLatency, type QuoteEvent } from '@mm-profiles/market-sim';
import { profileQuoter, targetQuotes, type VenueSpec } from '@mm-profiles/quoter';
import { EdgeSentinel } from '@mm-profiles/sentinel';
import { AuditLog } from './audit-log.js';
import { Engine } from './engine.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const VENUE: VenueSpec = { tickSize: 0.1, makerFeeBps: 1, orderSize: 0.5 };
const quote = (ts: number, bidPx: number, askPx: number): QuoteEvent => ({ kind: 'quote', ts, localTs: ts, bidPx, bidQty: 5, askPx, askQty: 5 });

describe('fill metrics on a scripted market', () => {
  it('a trade through our bid: realised spread against the mid before it, no instant move; windows keep their own extremes', () => {
    const resolved = resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} });
    const applied = { ...resolved.applied, min_interval_ms: 0, concurrency_limit: 10, replace_rate_per_min: 100_000 };
    const sentinel = new EdgeSentinel({ resolved: { ...resolved, applied }, root: ROOT, maxPosition: 10 });
    const emulator = new ExchangeEmulator({ latency: constantLatency(1), makerFeeBps: 1, takerFeeBps: 4 });
    const engine = new Engine({ sentinel, emulator, quoter: profileQuoter(sentinel, VENUE), maxPosition: 10, audit: new AuditLog(join(mkdtempSync(join(tmpdir(), 'mm-fm-')), 'a.jsonl')) });
    const q = quote(0, 100, 100.2);
    const bid = targetQuotes(applied, q, { position: 0, maxPosition: 10, adverseBidBps: 0, adverseAskBps: 0 }, VENUE).bid!;
    engine.onEvent(q);
    engine.onEvent(quote(1500, 100, 100.2)); // acks
    engine.onEvent({ kind: 'trade', ts: 2000, localTs: 2000, px: bid.px - 0.5, qty: 10, side: -1 }); // fills our bid at bid.px
    const s = engine.takeSamples();
    const m0 = 100.1; // the mid before the trade: the trade does not move the quote
    const notional = bid.px * bid.qty;
    expect(s.fillNotional).toBeCloseTo(notional, 9);
    expect(s.realisedWeighted / s.fillNotional).toBeCloseTo(((m0 - bid.px) / m0) * 1e4, 9);
    expect(s.instantWeighted).toBe(0);
    expect(s.maxAbsPosition).toBeCloseTo(bid.qty, 12);
    // The next window starts holding that position: its max |position| starts there. The mid falls 0.1 (100.1 ->
    // 100.0) with no fill: the window's drawdown is position × 0.1 from the equity it started with.
    engine.onEvent(quote(3000, 99.9, 100.1));
    const next = engine.takeSamples();
    expect(next.maxAbsPosition).toBeCloseTo(bid.qty, 12);
    expect(next.fillNotional).toBe(0);
    expect(next.maxDrawdown).toBeCloseTo(0.1 * bid.qty, 9);
    // A third window where nothing moves has no drawdown, though the run's running maximum keeps the earlier one.
    engine.onEvent(quote(4000, 99.9, 100.1));
    expect(engine.takeSamples().maxDrawdown).toBe(0);
    expect(engine.maxDrawdown).toBeGreaterThanOrEqual(0.1 * bid.qty - 1e-9);
  });
});
