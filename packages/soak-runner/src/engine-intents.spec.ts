/**
 * Attempts are intents (SPEC 8), on a hand-built event sequence: a wanted action blocked by the guard and still
 * wanted on the next event is the same attempt until it executes or the wanted action changes; its block is
 * counted once. Expected counts worked by hand from the script below.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@mm-profiles/profile-core';
import { ExchangeEmulator, constantLatency, type QuoteEvent } from '@mm-profiles/market-sim';
import { profileQuoter, type VenueSpec } from '@mm-profiles/quoter';
import { EdgeSentinel } from '@mm-profiles/sentinel';
import { AuditLog, type AuditRecord } from './audit-log.js';
import { Engine } from './engine.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const VENUE: VenueSpec = { tickSize: 0.1, makerFeeBps: 1, orderSize: 0.5 };

const quote = (ts: number, bidPx: number, askPx: number): QuoteEvent => ({ kind: 'quote', ts, localTs: ts, bidPx, bidQty: 5, askPx, askQty: 5 });

describe('attempts per intent', () => {
  it('a reprice blocked by min_interval over several events is one attempt and one block; a changed want is a new one', () => {
    const resolved = resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} });
    // Only min_interval (60 ms per side) can block in this script.
    const applied = { ...resolved.applied, min_interval_ms: 60, concurrency_limit: 10, replace_rate_per_min: 100_000 };
    const sentinel = new EdgeSentinel({ resolved: { ...resolved, applied }, root: ROOT, maxPosition: 10 });
    const emulator = new ExchangeEmulator({ latency: constantLatency(1), makerFeeBps: 1, takerFeeBps: 4 });
    const path = join(mkdtempSync(join(tmpdir(), 'mm-intents-')), 'audit.jsonl');
    const engine = new Engine({ sentinel, emulator, quoter: profileQuoter(sentinel, VENUE), maxPosition: 10, audit: new AuditLog(path) });
    const script = [
      quote(0, 100, 100.2), // both sides place: attempts 1, 2 (executed)
      quote(1_500, 100, 100.2), // acks in; on target: nothing wanted
      quote(2_000, 100.1, 100.3), // both want a reprice 2 ms after their place: attempts 3, 4, blocked (min_interval)
      quote(3_000, 100.1, 100.3), // still wanted, still blocked: the same attempts, no new block
      quote(4_000, 100, 100.2), // back on target: the wanted reprice is gone
      quote(5_000, 100.1, 100.3), // wanted again: attempts 5, 6, blocked again
      quote(30_000, 100.1, 100.3), // still blocked: the same attempts
      quote(61_000, 100.1, 100.3), // 61 ms after the places: both reprices execute (attempts 5, 6 done)
      quote(63_000, 100.1, 100.3), // acks in
    ];
    for (const e of script) engine.onEvent(e);
    engine.finish();
    expect(engine.counters).toMatchObject({ attempts: 6, executed: 4, places: 2, replaces: 2 });
    expect(sentinel.blockedBy).toEqual({ risk: 0, min_interval: 4, concurrency: 0, throttle: 0 });
    expect(sentinel.totalIterations).toBe(6);
    const lines = readFileSync(path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditRecord);
    const bid = lines.filter((r) => r.side === 'bid').map((r) => `${r.ts}:${r.type}:${r.reason}`);
    expect(bid).toEqual(['0:PLACE:quote', '2000:BLOCK:replace:min_interval', '5000:BLOCK:replace:min_interval', '61000:REPLACE:reprice']);
  });
});
