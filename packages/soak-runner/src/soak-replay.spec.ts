/**
 * Soaks on recorded markets, end to end: the committed slices of the Binance and Tardis captures (any
 * checkout), and the full Binance capture where ../shared/data has it (skipped with a warning otherwise).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@mm-profiles/profile-core';
import { fixtureDataFile, sharedDataFile } from '@mm-profiles/market-sim';
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import type { AuditRecord } from './audit-log.js';
import { loadGates } from './gates.js';
import { marketSpec } from './market-spec.js';
import { runSoak } from './soak-run.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const BINANCE_FULL = sharedDataFile(ROOT, 'binance-usdm/btcusdt_20240808.gz');

async function replaySoak(
  file: string,
  format: string,
  iterations: number,
  models: { queueModel?: string; exchangeModel?: string; depth?: string; untilLast?: boolean } = {},
  warn?: (line: string) => void,
) {
  const outDir = mkdtempSync(join(tmpdir(), 'mm-soak-replay-'));
  const r = await runSoak({
    warn,
    profile: resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} }),
    market: marketSpec(ROOT, { replay: file, format, scenario: 'default', seed: 1, ...models }),
    iterations,
    outDir,
    autoTune: true,
    gates: loadGates(join(ROOT, 'config/gates/soak.json')),
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root: ROOT,
  });
  const audit = readFileSync(join(outDir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditRecord);
  return { ...r, audit, m: r.metrics as Record<string, number> };
}

function checkBooks(r: Awaited<ReturnType<typeof replaySoak>>) {
  const fills = r.audit.filter((a) => a.type === 'FILL');
  expect(fills.length).toBe(r.m['fills']);
  // Volume and position from the FILL lines alone.
  const volume = fills.reduce((s, f) => s + f.qty!, 0);
  let pos = 0;
  let maxAbs = 0;
  for (const f of fills) {
    pos += (f.side === 'bid' ? 1 : -1) * f.qty!;
    maxAbs = Math.max(maxAbs, Math.abs(pos));
  }
  expect(r.m['volume']).toBeCloseTo(volume, 6);
  expect(r.m['max_abs_position']).toBeCloseTo(maxAbs, 6);
  expect(r.summary['pnl_identity_gap'] as number).toBeLessThan(1e-6);
  return fills;
}

describe('soak on recorded markets', () => {
  it('the Binance USD-M slice: 2 windows over its span, fills on both sides, books that add up', async () => {
    const r = await replaySoak(fixtureDataFile(ROOT, 'binance-usdm/btcusdt_20240808.head.gz'), 'binance-ws', 2);
    expect(r.iterations).toHaveLength(2);
    const fills = checkBooks(r);
    expect(fills.filter((f) => f.side === 'bid').length).toBeGreaterThan(0);
    expect(fills.filter((f) => f.side === 'ask').length).toBeGreaterThan(0);
    const stats = (r.summary['market'] as { stats: { quotes: number } }).stats;
    expect(stats.quotes).toBeGreaterThan(1000);
    // Every fill price is a price the quoter placed or replaced at on that side.
    const quoted = new Set(r.audit.filter((a) => a.type === 'PLACE' || a.type === 'REPLACE').map((a) => `${a.side}:${a.px}`));
    for (const f of fills) expect(quoted.has(`${f.side}:${f.px}`)).toBe(true);
    // Each FILL line says how it filled, as maker; the default models are named in the summary.
    for (const f of fills) expect([f.via, f.liquidity, f.prob]).toEqual([expect.stringMatching(/^(cross|trade_through|queue)$/), 'maker', undefined]);
    expect(r.summary['market']).toMatchObject({ queue_model: 'risk-averse', exchange_model: 'partial-fill' });
  });

  it('depth on (the default) reads the L2 book: the summary says so and counts diffs, gaps and resyncs; off skips it', async () => {
    const file = fixtureDataFile(ROOT, 'binance-usdm/btcusdt_20240808.head.gz');
    const on = await replaySoak(file, 'binance-ws', 1);
    const off = await replaySoak(file, 'binance-ws', 1, { depth: 'off' });
    type Market = { depth: string; stats: Record<string, number> };
    const mOn = on.summary['market'] as Market;
    const mOff = off.summary['market'] as Market;
    // The slice holds 489 diffs and one snapshot (counted in replay-fixtures' reading of its lines).
    expect(mOn.depth).toBe('l2');
    expect(mOn.stats).toMatchObject({ depth: 490, depthDiffs: 489, depthGaps: 0, depthResyncs: 1, depthSkipped: 0 });
    expect(mOff.depth).toBe('off');
    expect(mOff.stats).toMatchObject({ depth: 0, depthDiffs: 0, depthSkipped: 490 });
    checkBooks(on);
    checkBooks(off);
    // The strategy quotes on L1 either way: depth changes only who is ahead of us, so the orders sent differ
    // only through fills (same first order).
    const firstPlace = (r: typeof on) => r.audit.find((a) => a.type === 'PLACE');
    expect(firstPlace(on)).toEqual(firstPlace(off));
  });

  it('a capture with depth and no bookTicker quotes on the depth book\'s touch (depth on and off)', async () => {
    const lines = gunzipSync(readFileSync(fixtureDataFile(ROOT, 'binance-usdm/btcusdt_20240808.head.gz'))).toString('utf8').split('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'mm-depth-only-')), 'btcusdt-depth-only.gz');
    writeFileSync(file, gzipSync(lines.filter((l) => !l.includes('@bookTicker')).join('\n')));
    for (const depth of ['on', 'off']) {
      const r = await replaySoak(file, 'binance-ws', 1, { depth });
      const m = r.summary['market'] as { depth: string; stats: Record<string, number> };
      expect(m.stats['quotes']).toBe(0);
      expect(m.stats['quotesFromDepth']).toBeGreaterThan(100);
      expect(m.depth).toBe(depth === 'on' ? 'l2' : 'off');
      // Without the touch from depth the strategy had nothing to quote on: now it places and is filled.
      expect(r.audit.filter((a) => a.type === 'PLACE').length).toBeGreaterThan(10);
      expect(checkBooks(r).length).toBeGreaterThan(0);
    }
  });

  it('the Binance slice on a probabilistic queue and the no-partial-fill exchange: whole orders', async () => {
    const r = await replaySoak(fixtureDataFile(ROOT, 'binance-usdm/btcusdt_20240808.head.gz'), 'binance-ws', 1, { queueModel: 'power:2', exchangeModel: 'no-partial-fill' });
    expect(r.summary['market']).toMatchObject({ queue_model: 'power:2', exchange_model: 'no-partial-fill' });
    const fills = checkBooks(r);
    expect(fills.length).toBeGreaterThan(0);
    for (const f of fills) expect(f.reason).toBe('filled');
    for (const f of fills.filter((x) => x.prob !== undefined)) expect(f.via).toBe('queue');
  });

  it('the Tardis slice: its 1,500 quotes, trades mapped to fills on both sides, books that add up', async () => {
    const r = await replaySoak(fixtureDataFile(ROOT, 'tardis/binance-futures_quotes_BTCUSDT_2020-02-22.head.csv'), 'tardis', 1);
    const stats = (r.summary['market'] as { stats: { quotes: number; trades: number } }).stats;
    expect(stats.quotes).toBe(1500);
    expect(stats.trades).toBeGreaterThan(0);
    const fills = checkBooks(r);
    expect(fills.length).toBeGreaterThan(5);
    // A taker buy lifts our ask (we sell), a taker sell hits our bid (we buy): both happen in this slice.
    expect(fills.filter((f) => f.side === 'bid').length).toBeGreaterThan(0);
    expect(fills.filter((f) => f.side === 'ask').length).toBeGreaterThan(0);
    // BTCUSDT around 9,680 on 2020-02-22: fills at those prices, bids below asks on average.
    for (const f of fills) expect(f.px!).toBeGreaterThan(9_600);
    for (const f of fills) expect(f.px!).toBeLessThan(9_760);
  });

  it('the Tardis slice: stops where the quotes end with a warning, both files in the summary; --until-last goes on', async () => {
    const quotes = fixtureDataFile(ROOT, 'tardis/binance-futures_quotes_BTCUSDT_2020-02-22.head.csv');
    const trades = fixtureDataFile(ROOT, 'tardis/binance-futures_trades_BTCUSDT_2020-02-22.head.csv');
    const warned: string[] = [];
    const r = await replaySoak(quotes, 'tardis', 1, {}, (l) => warned.push(l));
    expect(warned).toEqual([expect.stringMatching(/^tardis: the quotes \(.*quotes.*\.csv\) end 86\.0 s before the trades \(.*trades.*\.csv\); replay stopped where the quotes end \(217 trades rows left out/)]);
    type Tardis = { quotes: { file: string; rows: number }; trades: { file: string; rows: number }; untilLast: boolean; rowsAfterOverlap: number };
    const t = (r.summary.market as unknown as { stats: { tardis: Tardis; trades: number } }).stats;
    expect(t.tardis).toMatchObject({ quotes: { file: quotes, rows: 1500 }, trades: { file: trades, rows: 300 }, untilLast: false, rowsAfterOverlap: 217 });
    expect(t.trades).toBe(83);
    // The run's span is the overlap: its one window ends at the last quote.
    expect(r.durationUs).toBe(1582329638703000 - 1582329601096000 + 1);
    const all = await replaySoak(quotes, 'tardis', 1, { untilLast: true }, (l) => warned.push(l));
    expect((all.summary.market as unknown as { stats: { trades: number } }).stats.trades).toBe(300);
    expect(warned[1]).toMatch(/--until-last: replayed to the end of the trades, 86\.0 s without quotes$/);
  });

  it.runIf(BINANCE_FULL)('the full Binance capture, 3 windows, with real fills and the PnL identity', async () => {
    const r = await replaySoak(BINANCE_FULL!, 'binance-ws', 3);
    expect(r.iterations).toHaveLength(3);
    expect(checkBooks(r).length).toBeGreaterThan(10);
  });
});
