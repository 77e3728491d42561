/**
 * A GLFT profile soaked end to end: the profile's quoter key picks the GLFT quoter, the summary names it, and the
 * sentinel guards its orders as it guards the profile quoter's (the same minimum interval between actions on a
 * side, the same blocks counted by reason).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@mm-profiles/profile-core';
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import type { AuditRecord } from './audit-log.js';
import { loadGates } from './gates.js';
import { marketSpec } from './market-spec.js';
import { runSoak } from './soak-run.js';

const ROOT = resolve(import.meta.dirname, '../../..');

async function glftSoak(env: Record<string, string> = {}) {
  const outDir = mkdtempSync(join(tmpdir(), 'mm-glft-'));
  const r = await runSoak({
    profile: resolveProfile({ name: 'GLFT1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env }),
    market: marketSpec(ROOT, { scenario: 'quiet', seed: 1 }),
    iterations: 1,
    windowS: 900,
    outDir,
    autoTune: false,
    gates: loadGates(join(ROOT, 'config/gates/soak.json')),
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root: ROOT,
  });
  const audit = readFileSync(join(outDir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditRecord);
  return { r, audit };
}

describe('GLFT1 through the soak', () => {
  it('quotes by GLFT (summary names it), and its orders go through the guard', async () => {
    const { r, audit } = await glftSoak({ MM_RUNTIME_OVERRIDES_JSON: JSON.stringify({ min_interval_ms: 300 }) });
    expect(r.summary.quoter).toMatchObject({ kind: 'glft', gamma: 0.1 });
    expect(r.summary.applied_profile['min_interval_ms']).toBe(300);
    const blocked = r.metrics['blocked_by'] as Record<string, number>;
    expect(r.metrics['fills']).toBeGreaterThan(0);
    expect(blocked['min_interval']).toBeGreaterThan(0);
    // No two sent actions on one side closer than the 300 ms minimum interval (the most a runtime override may set; market time, µs).
    for (const side of ['bid', 'ask']) {
      const ts = audit.filter((a) => a.side === side && (a.type === 'PLACE' || a.type === 'REPLACE' || a.type === 'CANCEL')).map((a) => a.ts);
      for (let i = 1; i < ts.length; i++) expect(ts[i]! - ts[i - 1]!).toBeGreaterThanOrEqual(300_000);
    }
  });

  it('without the override, the same run is guarded less: more actions sent', async () => {
    const loose = await glftSoak();
    const tight = await glftSoak({ MM_RUNTIME_OVERRIDES_JSON: JSON.stringify({ min_interval_ms: 300 }) });
    expect(loose.r.metrics['executed']).toBeGreaterThan(tight.r.metrics['executed'] as number);
  });
});
