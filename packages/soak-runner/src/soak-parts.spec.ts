/**
 * runSoak through its parts: a caller's quoter and exchange are the ones the run trades with. A bid-only
 * quoter that never replaces leaves only bid orders, at its own prices, and hears every fill's markouts.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@mm-profiles/profile-core';
import type { QuoteInput, Quoter, QuoteSide, TargetQuotes } from '@mm-profiles/quoter';
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import type { AuditRecord } from './audit-log.js';
import { loadGates } from './gates.js';
import { marketSpec } from './market-spec.js';
import { MARKOUT_HORIZONS_S } from './engine.js';
import { runSoak, soakParts } from './soak-run.js';

const ROOT = resolve(import.meta.dirname, '../../..');

/** Bids one tick under the best bid, never an ask; keeps a live order where it is. */
class BidOnly implements Quoter {
  readonly kind = 'bid-only';
  markouts: [QuoteSide, number][] = [];
  constructor(private readonly tick: number) {}
  targets(i: QuoteInput): TargetQuotes {
    const fair = (i.market.bidPx + i.market.askPx) / 2;
    const px = Math.round((i.market.bidPx - this.tick) / this.tick) * this.tick;
    return { fair, halfSpreadBps: 0, bid: { px: Number(px.toFixed(8)), qty: 0.01 }, ask: null };
  }
  needsReplace(): boolean {
    return false;
  }
  onMarkout(side: QuoteSide, horizonS: number): void {
    this.markouts.push([side, horizonS]);
  }
}

describe('runSoak with injected parts', () => {
  it("trades the caller's quoter on the caller's exchange", async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'mm-parts-'));
    const quoters: BidOnly[] = [];
    const r = await runSoak({
      profile: resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} }),
      market: marketSpec(ROOT, { seed: 2 }),
      parts: (m) => ({
        ...soakParts(m),
        quoter: (_source, venue) => {
          const q = new BidOnly(venue.tickSize);
          quoters.push(q);
          return q;
        },
      }),
      iterations: 1,
      windowS: 600,
      outDir,
      autoTune: false,
      gates: loadGates(join(ROOT, 'config/gates/soak.json')),
      edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
      root: ROOT,
    });
    expect(quoters).toHaveLength(1);
    const audit = readFileSync(join(outDir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditRecord);
    const orders = audit.filter((a) => a.type === 'PLACE' || a.type === 'REPLACE');
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((a) => a.side === 'bid')).toBe(true);
    // needsReplace is never true: a replace is only ever the tail-age refresh (the engine's rule, not the quoter's).
    expect(orders.filter((a) => a.type === 'REPLACE').every((a) => a.reason === 'tail_age')).toBe(true);
    const fills = audit.filter((a) => a.type === 'FILL');
    expect(fills.length).toBe(r.metrics['fills']);
    expect(fills.length).toBeGreaterThan(0);
    // Every fill is heard once per horizon, on the bid.
    expect(quoters[0]!.markouts).toHaveLength(fills.length * MARKOUT_HORIZONS_S.length);
    expect(new Set(quoters[0]!.markouts.map(([s]) => s))).toEqual(new Set(['bid']));
  });
});
