import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOCK_REASONS, resolveProfile } from '@mm-profiles/profile-core';
import { SyntheticMarket, loadScenario } from '@mm-profiles/market-sim';
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import { Ledger } from './internal/ledger.js';
import { MARKOUT_HORIZONS_S, zeroCounters, type EngineCounters } from './engine.js';
import { loadGates } from './gates.js';
import { runSoak } from './soak-run.js';
import { LATENCY_EDGES_MS, LATENCY_LEGS, TimeseriesSampler, latencyBin, sampleStepS, type FillsFile, type TimeseriesFile } from './timeseries-sampler.js';

const counters = (presenceUs: number): EngineCounters => ({ ...zeroCounters(), presenceUs });

describe('sampleStepS', () => {
  it('keeps 1 s up to the point cap, then the smallest nice step under it', () => {
    expect(sampleStepS(3600e6)).toBe(1);
    expect(sampleStepS(19_999e6)).toBe(1);
    expect(sampleStepS(20_000e6)).toBe(2); // 20,001 points at 1 s
    expect(sampleStepS(24 * 3600e6)).toBe(5); // 86,400 / 5 = 17,280 intervals
    expect(sampleStepS(72 * 3600e6)).toBe(15); // 259,200 / 15 = 17,280
  });
});

describe('latencyBin', () => {
  it('finds the bin whose lower edge is the largest at or below the value', () => {
    expect(latencyBin(0)).toBe(0);
    expect(latencyBin(0.49)).toBe(0);
    expect(latencyBin(0.5)).toBe(1);
    expect(latencyBin(19.99)).toBe(39);
    expect(latencyBin(20)).toBe(40);
    expect(latencyBin(45.8)).toBe(40 + 12); // [44, 46)
    expect(latencyBin(100)).toBe(80);
    expect(latencyBin(5000)).toBe(LATENCY_EDGES_MS.length - 1);
  });

  it('bins by arithmetic exactly as the search does, at every edge, just below it and between', () => {
    // A copy of the edges takes the search; the edges themselves the arithmetic.
    const search = [...LATENCY_EDGES_MS];
    const probes = [0, 1e-9, 999.999, 1000, 1e6];
    for (const e of LATENCY_EDGES_MS) probes.push(e, e - 1e-9, e + 1e-9, e + 0.25, e + 1.3, (e * 1000 + 1) / 1000, (e * 1000 - 1) / 1000);
    for (let us = 0; us < 1_200_000; us += 997) probes.push(us / 1000);
    for (const ms of probes.filter((x) => x >= 0)) expect(latencyBin(ms), String(ms)).toBe(latencyBin(ms, search));
  });
});

describe('TimeseriesSampler', () => {
  it('samples the state on the grid, blocks per step by reason, presence as a share of the step', () => {
    const blocked = { risk: 0, min_interval: 0, concurrency: 0, throttle: 0 };
    const s = new TimeseriesSampler(2, blocked, MARKOUT_HORIZONS_S);
    s.begin(10e6, 3e6);
    const l = new Ledger();
    l.markTo(100);
    s.sample(10e6, l, counters(0), null, null); // t = 10 s: flat, no quotes
    l.fill(1, 99.9, 1, 0.01, 99.95); // bought 1 at 99.9: gross 0.05, slippage 0.05, fee +0.01
    l.markTo(101); // inventory +1
    blocked.min_interval += 2;
    s.sample(12.5e6, l, counters(1.5e6), 99.9, 101.2); // grid points 11 s and 12 s get this state
    s.finish(13.2e6, l, counters(2e6), 99.9, null); // 13 s on the grid, then 13.2 s, the end
    const ts = s.timeseries();
    expect(ts.step_s).toBe(1);
    expect(ts.columns.t_s).toEqual([10, 11, 12, 13, 13.2]);
    expect(ts.columns.equity).toEqual([0, 1.11, 1.11, 1.11, 1.11]);
    expect(ts.columns.gross[1]).toBeCloseTo(0.05, 12);
    expect(ts.columns.inventory[1]).toBe(1);
    expect(ts.columns.position).toEqual([0, 1, 1, 1, 1]);
    expect(ts.columns.bid).toEqual([null, 99.9, 99.9, 99.9, 99.9]);
    expect(ts.columns.ask).toEqual([null, 101.2, 101.2, null, null]);
    expect(ts.columns.blocks['min_interval']).toEqual([0, 2, 0, 0, 0]);
    // 1.5 s of two-sided quoting counted by 11 s (1 s step: capped at 1), none more by 12 s, 0.5 s by 13 s.
    expect(ts.columns.presence).toEqual([0, 1, 0, 0.5, 0]);
  });

  it('lists every fill, or every k-th past the cap with k stated', () => {
    const s = new TimeseriesSampler(1, { risk: 0, min_interval: 0, concurrency: 0, throttle: 0 }, MARKOUT_HORIZONS_S);
    for (let i = 0; i < 7; i++) s.onFill(i * 1e6, i % 2 ? -1 : 1, 100 + i, 0.1, 100, 'queue');
    expect(s.fillsTable(10).columns.px).toEqual([100, 101, 102, 103, 104, 105, 106]);
    const t = s.fillsTable(3);
    expect(t).toMatchObject({ total: 7, stride: 3 });
    expect(t.columns.px).toEqual([100, 103, 106]);
    expect(t.columns.side).toEqual([1, -1, 1]);
    expect(t.vias[t.columns.via[0]!]).toBe('queue');
  });
});

describe('the soak writes timeseries.json and fills.json that agree with its other artifacts', () => {
  it('fills match the audit log, blocks the summary, the last equity the PnL', async () => {
    const ROOT = resolve(import.meta.dirname, '../../..');
    const outDir = mkdtempSync(join(tmpdir(), 'mm-ts-'));
    const r = await runSoak({
      profile: resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} }),
      market: { kind: 'mock', scenario: loadScenario(join(ROOT, 'config/scenarios/quiet.json')), scenarioName: 'quiet', seed: 3 },
      iterations: 2,
      windowS: 300,
      outDir,
      autoTune: true,
      gates: loadGates(join(ROOT, 'config/gates/soak.json')),
      edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
      root: ROOT,
    });
    const ts = JSON.parse(readFileSync(join(outDir, 'timeseries.json'), 'utf8')) as TimeseriesFile;
    const fills = JSON.parse(readFileSync(join(outDir, 'fills.json'), 'utf8')) as FillsFile;
    const c = ts.columns;
    expect(c.t_s).toHaveLength(601);
    expect(c.t_s[600]).toBe(600);
    expect(c.equity[600]).toBeCloseTo(r.metrics['pnl'] as number, 5);
    const blockedBy = r.metrics['blocked_by'] as Record<string, number>;
    for (const k of BLOCK_REASONS) expect(c.blocks[k]!.reduce((a, b) => a + b, 0), k).toBe(blockedBy[k]);
    const auditFills = readFileSync(join(outDir, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((x) => x.type === 'FILL');
    expect(fills.total).toBe(r.metrics['fills']);
    expect(fills.stride).toBe(1);
    expect(fills.columns.px).toEqual(auditFills.map((f) => f.px));
    expect(fills.columns.side).toEqual(auditFills.map((f) => (f.side === 'bid' ? 1 : -1)));
    expect(fills.columns.t_s).toEqual(auditFills.map((f) => f.ts / 1e6));
    // The markout blocks add up to the run's turnover-weighted markout at every horizon.
    const mb = ts.markout_blocks;
    expect(mb.block_s).toBe(60);
    expect(mb.horizons_s).toEqual([0.1, 1, 5, 30]);
    const markout = r.metrics['markout_bps'] as Record<string, number>;
    mb.horizons_s.forEach((h, i) => {
      expect(mb.weighted[i]).toHaveLength(mb.notional[0]!.length);
      expect(mb.notional[i]!.length).toBeLessThanOrEqual(10);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      expect(sum(mb.weighted[i]!) / sum(mb.notional[i]!), `${h}s`).toBeCloseTo(markout[`${h}s`]!, 5);
    });
    // Every executed action is acknowledged once, except those still in flight at the end (one per side at most).
    const acks = ts.latency.n['request_ack']!;
    expect(acks).toBeLessThanOrEqual(r.metrics['executed'] as number);
    expect(acks).toBeGreaterThanOrEqual((r.metrics['executed'] as number) - 2);
  });
});

describe('the latency histogram per leg, from the latencies the engine applied', () => {
  it('a constant model on every leg puts each leg in one bin, with one count per event, request and report', async () => {
    const ROOT = resolve(import.meta.dirname, '../../..');
    const outDir = mkdtempSync(join(tmpdir(), 'mm-ts-legs-'));
    const quiet = loadScenario(join(ROOT, 'config/scenarios/quiet.json'));
    // Feed 3 ms, entry 12 ms, response 5 ms: request to ack 17 ms, all constant.
    const scenario = {
      ...quiet,
      feed_latency: { model: 'constant' as const, ms: 3 },
      latency: { model: 'constant' as const, ms: 12 },
      response_latency: { model: 'constant' as const, ms: 5 },
    };
    const r = await runSoak({
      profile: resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} }),
      market: { kind: 'mock', scenario, scenarioName: 'quiet-constant', seed: 2 },
      iterations: 1,
      windowS: 300,
      outDir,
      autoTune: true,
      gates: loadGates(join(ROOT, 'config/gates/soak.json')),
      edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
      root: ROOT,
    });
    const ts = JSON.parse(readFileSync(join(outDir, 'timeseries.json'), 'utf8')) as TimeseriesFile;
    expect(Object.keys(ts.latency.counts).sort()).toEqual([...LATENCY_LEGS].sort());
    // By hand: bins are 0.5 ms wide below 20 ms, so 3 ms is bin 6, 5 ms bin 10, 12 ms bin 24, 17 ms bin 34.
    const bins = { feed: 6, response: 10, entry: 24, request_ack: 34 };
    for (const leg of LATENCY_LEGS) {
      const counts = ts.latency.counts[leg]!;
      expect(counts).toHaveLength(LATENCY_EDGES_MS.length);
      expect(counts.filter((c) => c > 0).length, leg).toBe(1);
      expect(counts[bins[leg]]!, leg).toBe(ts.latency.n[leg]);
    }
    // The counts, derived apart from the engine: the market's own events in the 300 s (a second stream of the
    // same seed), the requests and fills in the audit log.
    let events = 0;
    for await (const batch of new SyntheticMarket(scenario, 2).stream(300e6)) events += batch.filter((e) => e.kind !== 'depth').length;
    expect(ts.latency.n['feed']).toBe(events);
    const audit = readFileSync(join(outDir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    const count = (...types: string[]) => audit.filter((x) => types.includes(x.type)).length;
    const sent = count('PLACE', 'REPLACE', 'CANCEL');
    expect(sent).toBeGreaterThan(100);
    expect(ts.latency.n['entry']).toBe(sent);
    expect(sent).toBe(r.metrics['executed']);
    // One report per fill, and one ack or reject per request that reached the exchange: all but those sent in
    // the last 12 ms, one per side at most.
    const reports = ts.latency.n['response']!;
    expect(reports).toBeLessThanOrEqual(count('FILL') + sent);
    expect(reports).toBeGreaterThanOrEqual(count('FILL') + sent - 2);
    // Acks and rejects learned: those that arrived, but for the ones answered in the last 5 ms.
    expect(ts.latency.n['request_ack']).toBeLessThanOrEqual(reports - count('FILL'));
    expect(ts.latency.n['request_ack']).toBeGreaterThanOrEqual(sent - 2);
  }, 120_000);
});
