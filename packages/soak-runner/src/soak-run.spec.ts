import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile, type AppliedProfile } from '@mm-profiles/profile-core';
import { loadScenario, loadVenue, parseScenario, venueFromScenario, type Scenario } from '@mm-profiles/market-sim';
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import { runSoak, type SoakResult } from './soak-run.js';
import { loadGates } from './gates.js';
import { verifyAudit, type AuditRecord } from './audit-log.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CONFIG = join(ROOT, 'config/profiles');
const SCENARIO = loadScenario(join(ROOT, 'config/scenarios/quiet.json'));
const GATES = loadGates(join(ROOT, 'config/gates/soak.json'));
const BTCUSDT_USDM = loadVenue(join(ROOT, 'config/venues/binance-usdm-btcusdt.json'));

async function soak(
  name: string,
  opts: { profile?: Partial<AppliedProfile>; scenario?: Scenario; iterations?: number; windowS?: number; seed?: number; replay?: string; shouldStop?: () => boolean } = {},
): Promise<SoakResult & { outDir: string }> {
  const outDir = mkdtempSync(join(tmpdir(), 'mm-soak-'));
  const resolved = resolveProfile({ name, configDir: CONFIG, root: ROOT, env: {} });
  const profile = { ...resolved, applied: { ...resolved.applied, ...opts.profile } };
  const scenario = opts.scenario ?? SCENARIO;
  const market = opts.replay
    ? { kind: 'replay' as const, file: opts.replay, format: 'binance-ws', skipBadLines: false, scenario, scenarioName: 'quiet', seed: 1, venue: BTCUSDT_USDM, venueName: 'binance-usdm-btcusdt' }
    : { kind: 'mock' as const, scenario, scenarioName: 'quiet', seed: opts.seed ?? 1, venue: venueFromScenario(scenario), venueName: 'quiet' };
  const r = await runSoak({
    profile,
    market,
    iterations: opts.iterations ?? 2,
    windowS: opts.windowS ?? 600,
    outDir,
    metricsPath: join(outDir, 'metrics.jsonl'),
    autoTune: true,
    gates: GATES,
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root: ROOT,
    shouldStop: opts.shouldStop,
  });
  return { ...r, outDir };
}

const FILES = ['applied_profile.json', 'applied_profile.provenance.json', 'metrics.jsonl', 'audit.jsonl', 'EDGE_REPORT.json', 'EDGE_REPORT.md', 'summary.json', 'SOAK_RESULTS.md', 'timeseries.json', 'fills.json'];

describe('runSoak', () => {
  it('writes every artifact; identical inputs give byte-identical artifacts', async () => {
    const a = await soak('S1');
    const b = await soak('S1');
    for (const f of FILES) {
      expect(existsSync(join(a.outDir, f)), f).toBe(true);
      expect(readFileSync(join(a.outDir, f), 'utf8'), f).toBe(readFileSync(join(b.outDir, f), 'utf8'));
    }
    const c = await soak('S1', { seed: 2 });
    expect(readFileSync(join(c.outDir, 'summary.json'), 'utf8')).not.toBe(readFileSync(join(a.outDir, 'summary.json'), 'utf8'));
    const lines = readFileSync(join(a.outDir, 'metrics.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]!).iteration).toBe(2);
  });

  it('holds the PnL identity: gross + slippage + fees + inventory = change of equity', async () => {
    const r = await soak('base');
    const m = r.metrics as Record<string, number>;
    expect(m['fills']).toBeGreaterThan(100);
    expect(m['pnl']).toBeCloseTo(m['gross']! + m['slippage']! + m['fees']! + m['inventory']!, 5);
    expect(r.summary['pnl_identity_gap'] as number).toBeLessThan(1e-6);
    expect(m['net_bps']).toBeCloseTo(m['gross_bps']! + m['fees_eff_bps']! + m['slippage_bps']! + m['inventory_bps']!, 5);
  });

  it('a scenario picks its queue and exchange model: the summary names them, each FILL line says how it filled', async () => {
    const r = await soak('S1', { scenario: { ...SCENARIO, queue_model: 'log', exchange_model: 'no-partial-fill' }, iterations: 1, windowS: 300 });
    expect(r.summary['market']).toMatchObject({ queue_model: 'log', exchange_model: 'no-partial-fill' });
    const fills = readFileSync(join(r.outDir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditRecord).filter((a) => a.type === 'FILL');
    expect(fills.length).toBeGreaterThan(0);
    for (const f of fills) expect([f.reason, f.liquidity, f.via]).toEqual(['filled', 'maker', expect.stringMatching(/^(cross|trade_through|queue)$/)]);
  });

  it('the audit chain verifies, and a tampered line is detected', async () => {
    const r = await soak('S1', { iterations: 1 });
    const text = readFileSync(join(r.outDir, 'audit.jsonl'), 'utf8');
    expect(verifyAudit(text).ok).toBe(true);
    const lines = text.split('\n');
    lines[5] = lines[5]!.replace(/"qty":[0-9.e-]+/, '"qty":999');
    const v = verifyAudit(lines.join('\n'));
    expect(v.ok).toBe(false);
    expect(v.brokenAt).toBe(6);
  });

  describe('parameters move the results the right way (fixed seed)', () => {
    it('wider base_spread_bps -> fewer fills and higher gross bps', async () => {
      const narrow = (await soak('base', { profile: { base_spread_bps: 0.5 } })).metrics as Record<string, number>;
      const wide = (await soak('base', { profile: { base_spread_bps: 1.5 } })).metrics as Record<string, number>;
      expect(wide['fills']).toBeLessThan(narrow['fills']!);
      expect(wide['gross_bps']).toBeGreaterThan(narrow['gross_bps']!);
    });
    it('higher min_interval_ms -> fewer replaces', async () => {
      const busy = parseScenario({ ...SCENARIO, volatility_bps_per_sqrt_s: 0.5, quote_rate_per_s: 20 }, 't');
      const fast = (await soak('base', { scenario: busy, profile: { min_interval_ms: 50 } })).metrics as Record<string, number>;
      const slow = (await soak('base', { scenario: busy, profile: { min_interval_ms: 250 } })).metrics as Record<string, number>;
      expect(slow['replaces']).toBeLessThan(fast['replaces']!);
    });
    it('lower replace_rate_per_min -> a larger share of attempts blocked by the throttle', async () => {
      // Blocks count once per intent: a slower refill makes each throttled intent wait longer (fewer intents in
      // all), so the share of intents the throttle held is what grows, not necessarily the count.
      const busy = parseScenario({ ...SCENARIO, volatility_bps_per_sqrt_s: 0.5, quote_rate_per_s: 20 }, 't');
      const hi = (await soak('base', { scenario: busy, profile: { replace_rate_per_min: 400 } })).metrics as { block_ratio: Record<string, number> };
      const lo = (await soak('base', { scenario: busy, profile: { replace_rate_per_min: 60 } })).metrics as { block_ratio: Record<string, number> };
      expect(lo.block_ratio['throttle']).toBeGreaterThan(hi.block_ratio['throttle']!);
    });
    it('concurrency_limit 1.9 vs 3 -> more concurrency blocks', async () => {
      const one = (await soak('base', { profile: { concurrency_limit: 1.9 } })).metrics as { blocked_by: Record<string, number> };
      const three = (await soak('base', { profile: { concurrency_limit: 3 } })).metrics as { blocked_by: Record<string, number> };
      expect(one.blocked_by['concurrency']).toBeGreaterThan(three.blocked_by['concurrency']!);
    });
  });

  it('a stopped run keeps whole metric lines and says INCOMPLETE', async () => {
    let batches = 0;
    const r = await soak('S1', { iterations: 4, shouldStop: () => ++batches >= 1 });
    const outDir = r.outDir;
    expect(r.verdict).toBe('INCOMPLETE');
    const text = readFileSync(join(outDir, 'metrics.jsonl'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    for (const l of text.trim().split('\n')) expect(() => JSON.parse(l)).not.toThrow();
    expect(JSON.parse(readFileSync(join(outDir, 'summary.json'), 'utf8')).verdict).toBe('INCOMPLETE');
  });
});
