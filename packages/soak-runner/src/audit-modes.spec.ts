/**
 * `--audit full|fills|off` on the same run: the market, fills and metrics do not depend on the mode; `fills`
 * keeps every line but BLOCK and counts those per window in BLOCKS records; `off` writes no audit, and the
 * summary says which mode a run used.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@mm-profiles/profile-core';
import { loadScenario, venueFromScenario } from '@mm-profiles/market-sim';
import { DEFAULT_SENTINEL_CONFIG } from '@mm-profiles/sentinel';
import { verifyAudit, type AuditMode } from './audit-log.js';
import { loadGates } from './gates.js';
import { runSoak } from './soak-run.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const WINDOW_S = 600;

async function soak(audit: AuditMode | undefined, outDir = mkdtempSync(join(tmpdir(), 'mm-audit-mode-'))) {
  const scenario = loadScenario(join(ROOT, 'config/scenarios/quiet.json'));
  const r = await runSoak({
    profile: resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} }),
    market: { kind: 'mock', scenario, scenarioName: 'quiet', seed: 3, venue: venueFromScenario(scenario), venueName: 'quiet' },
    iterations: 3,
    windowS: WINDOW_S,
    outDir,
    audit,
    autoTune: true,
    gates: loadGates(join(ROOT, 'config/gates/soak.json')),
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root: ROOT,
  });
  const read = (f: string) => readFileSync(join(outDir, f), 'utf8');
  const lines = existsSync(join(outDir, 'audit.jsonl')) ? read('audit.jsonl').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>) : null;
  return { r, outDir, read, lines, summary: JSON.parse(read('summary.json')) as Record<string, unknown> };
}

/** A line without its place in the chain (seq, prev, hash): what it says about the order flow. */
const content = (l: Record<string, unknown>) => {
  const { seq: _s, prev: _p, hash: _h, ...rest } = l;
  return JSON.stringify(rest);
};

describe('audit modes', () => {
  it('fills: every line but BLOCK as in full, BLOCK lines counted per window by reason; metrics unchanged', async () => {
    const full = await soak(undefined);
    const fills = await soak('fills');
    expect(fills.read('metrics.jsonl')).toBe(full.read('metrics.jsonl'));
    expect(fills.r.metrics).toEqual(full.r.metrics);
    const blocks = full.lines!.filter((l) => l['type'] === 'BLOCK');
    // The run must block something for this test to say anything.
    expect(blocks.length).toBeGreaterThan(10);

    // The non-BLOCK order flow, line for line (END aside: fills' END names its mode).
    const flow = (ls: Record<string, unknown>[]) => ls.filter((l) => !['BLOCK', 'BLOCKS', 'END'].includes(l['type'] as string)).map(content);
    expect(flow(fills.lines!)).toEqual(flow(full.lines!));

    // Each window's BLOCKS record counts that window's BLOCK lines of the full log by reason.
    const expected: Record<string, Record<string, number>> = {};
    for (const b of blocks) {
      const w = Math.floor((b['ts'] as number) / (WINDOW_S * 1e6)) + 1;
      const byReason = (expected[w] ??= {});
      byReason[b['reason'] as string] = (byReason[b['reason'] as string] ?? 0) + 1;
    }
    const got: Record<string, unknown> = {};
    for (const l of fills.lines!.filter((x) => x['type'] === 'BLOCKS')) {
      expect(l['ts']).toBe((l['iteration'] as number) * WINDOW_S * 1e6);
      got[String(l['iteration'])] = l['counts'];
    }
    expect(got).toEqual(expected);

    const v = verifyAudit(fills.read('audit.jsonl'));
    expect(v.ok).toBe(true);
    expect(v.lines).toBe(full.lines!.length - blocks.length + Object.keys(expected).length);
    const endFull = full.lines!.at(-1)!['totals'] as Record<string, unknown>;
    expect(fills.lines!.at(-1)!['totals']).toEqual({ ...endFull, audit_mode: 'fills' });
    expect(fills.summary['audit']).toEqual({ mode: 'fills', lines: v.lines, head: v.head });
    expect(full.summary['audit']).toEqual({ lines: full.lines!.length, head: verifyAudit(full.read('audit.jsonl')).head });
  });

  it('off: no audit file (an earlier run\'s is removed), the summary says so; metrics unchanged', async () => {
    const full = await soak('full');
    const off = await soak('off', full.outDir);
    expect(off.lines).toBeNull();
    expect(off.summary['audit']).toEqual({ mode: 'off' });
    expect(off.read('metrics.jsonl')).toBe(full.read('metrics.jsonl'));
    expect(off.r.metrics).toEqual(full.r.metrics);
  });
});
