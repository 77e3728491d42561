/**
 * The edge policy's SWITCH changes what is quoted from the next window, and BACK returns to the primary;
 * both are recorded in the provenance, the summary and the audit chain.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@mm-profiles/profile-core';
import { loadScenario } from '@mm-profiles/market-sim';
import { DEFAULT_SENTINEL_CONFIG, type EdgePolicyConfig } from '@mm-profiles/sentinel';
import { verifyAudit, type AuditRecord } from './audit-log.js';
import { loadGates } from './gates.js';
import { runSoak } from './soak-run.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const CONFIG = join(ROOT, 'config/profiles');
const SCENARIO = loadScenario(join(ROOT, 'config/scenarios/quiet.json'));
const S1 = resolveProfile({ name: 'S1', configDir: CONFIG, root: ROOT, env: {} });
const CONSERVATIVE = resolveProfile({ name: 'conservative', configDir: CONFIG, root: ROOT, env: {} });

async function soak(policy: Partial<EdgePolicyConfig>, withFallback: boolean, iterations: number) {
  const outDir = mkdtempSync(join(tmpdir(), 'mm-switch-'));
  const r = await runSoak({
    profile: S1,
    market: { kind: 'mock', scenario: SCENARIO, scenarioName: 'quiet', seed: 3 },
    iterations,
    windowS: 300,
    outDir,
    autoTune: false,
    gates: loadGates(join(ROOT, 'config/gates/soak.json')),
    edgePolicy: { ...DEFAULT_SENTINEL_CONFIG.edge_policy, ...policy },
    fallbackProfile: withFallback ? CONSERVATIVE : undefined,
    root: ROOT,
  });
  const audit = readFileSync(join(outDir, 'audit.jsonl'), 'utf8');
  return { r, outDir, audit, records: audit.trim().split('\n').map((l) => JSON.parse(l) as AuditRecord) };
}

describe('edge policy switch in a soak', () => {
  // Every window is "bad" (fast EMA below 100 bps) and one bad window switches.
  const alwaysBad = { switch_below_bps: 100, consecutive_windows: 1, switch_back_at_bps: 1000 };

  it('SWITCH quotes the fallback from the next window: window 1 as without a switch, window 2 not', async () => {
    const off = await soak(alwaysBad, false, 2);
    const on = await soak(alwaysBad, true, 2);
    expect(on.r.iterations[0]).toEqual(off.r.iterations[0]);
    expect(on.r.iterations[1]!['net_bps']).not.toBe(off.r.iterations[1]!['net_bps']);
    expect(on.r.summary['applied_profile']).toEqual(CONSERVATIVE.applied);
    expect(off.r.summary['applied_profile']).toEqual(S1.applied);
    expect(on.r.summary['profile_switches']).toEqual([{ ts: 300e6, from: 'S1', to: 'conservative', reason: 'edge_policy_switch' }]);
    const prov = JSON.parse(readFileSync(join(on.outDir, 'applied_profile.provenance.json'), 'utf8'));
    expect(prov.profile).toBe('conservative');
    expect(prov.profile_switches).toEqual(on.r.summary['profile_switches']);
    const sw = on.records.filter((x) => x.type === 'SWITCH');
    expect(sw).toEqual([expect.objectContaining({ ts: 300e6, side: null, reason: 'S1->conservative:edge_policy_switch' })]);
    expect(verifyAudit(on.audit).ok).toBe(true);
  });

  it('BACK returns to the primary: switch, back, switch over four windows (the last decision has no next window)', async () => {
    // Slow EMA always >= -1000: every fallback window switches back at once.
    const flip = await soak({ ...alwaysBad, switch_back_at_bps: -1000 }, true, 4);
    expect((flip.r.summary['edge_policy'] as { action: string }[]).map((d) => d.action)).toEqual(['SWITCH', 'BACK', 'SWITCH', 'BACK']);
    const switches = flip.r.summary['profile_switches'] as { from: string; to: string }[];
    expect(switches.map((s) => `${s.from}->${s.to}`)).toEqual(['S1->conservative', 'conservative->S1', 'S1->conservative']);
    expect(flip.records.filter((x) => x.type === 'SWITCH')).toHaveLength(3);
    expect(verifyAudit(flip.audit)).toMatchObject({ ok: true, lines: flip.r.summary['audit'] && (flip.r.summary['audit'] as { lines: number }).lines });
  });
});
