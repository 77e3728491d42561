import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileError } from './load-profile.js';
import { resolveProfile, saveAppliedProfile, provenancePathFor, withAdjustment } from './resolve-profile.js';
import { UserError } from './user-error.js';
import { scratchWorkspace } from './__tests__/fixtures.js';

const S1_APPLIED =
  '{"base_spread_bps":0.85,"concurrency_limit":1.9,"impact_cap_ratio":0.1,"inventory_tilt_cap":0.2,"max_delta_ratio":0.15,"min_interval_ms":60,"replace_rate_per_min":300,"slippage_penalty_coef":0.1,"tail_age_ms":700,"vip_tilt_cap":0.15}\n';

function resolveIn(ws: { root: string; configDir: string }, name: string, env: NodeJS.ProcessEnv = {}) {
  return resolveProfile({ name, configDir: ws.configDir, root: ws.root, env });
}

describe('resolveProfile', () => {
  it('applies S1 to the byte-exact applied profile of SPEC 3', () => {
    const ws = scratchWorkspace();
    const out = join(ws.root, 'artifacts/soak/applied_profile.json');
    saveAppliedProfile(out, resolveIn(ws, 'S1'));
    expect(readFileSync(out, 'utf8')).toBe(S1_APPLIED);
  });

  it('records provenance with hashes, deltas and relative paths', () => {
    const ws = scratchWorkspace();
    const out = join(ws.root, 'artifacts/soak/applied_profile.json');
    const resolved = resolveIn(ws, 'S1');
    saveAppliedProfile(out, resolved);
    const prov = JSON.parse(readFileSync(provenancePathFor(out), 'utf8'));
    expect(prov.profile).toBe('S1');
    expect(prov.profile_file).toBe('config/profiles/market_maker_S1.json');
    expect(prov.profile_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(prov.deltas.base_spread_bps_delta).toBe(0.35);
    expect(prov.runtime_overrides.source).toBe('none');
    expect(prov.applied_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('"base" is the base itself, with no deltas', () => {
    const ws = scratchWorkspace();
    const r = resolveIn(ws, 'base');
    expect(r.applied.base_spread_bps).toBe(0.5);
    expect(r.applied.concurrency_limit).toBe(2);
    expect(r.provenance.profile_file).toBeNull();
  });

  it('refuses a path-like name before touching the filesystem', () => {
    const ws = scratchWorkspace();
    expect(() => resolveIn(ws, '../etc/passwd')).toThrow(/invalid profile name "\.\.\/etc\/passwd"/);
  });

  it('lists the available profiles for an unknown name', () => {
    const ws = scratchWorkspace();
    expect(() => resolveIn(ws, 'S9')).toThrow(/unknown profile "S9".*available: base, .*S1/);
  });

  it('names file, line and column of malformed JSON', () => {
    const ws = scratchWorkspace({ 'market_maker_bad.json': '{\n  "min_interval_ms": 60,\n}\n' });
    expect(() => resolveIn(ws, 'bad')).toThrow(/market_maker_bad\.json:3:1: malformed JSON/);
  });

  it('suggests the closest key for a typo', () => {
    const ws = scratchWorkspace({ 'market_maker_typo.json': '{"min_intervall_ms": 60}' });
    expect(() => resolveIn(ws, 'typo')).toThrow(
      /market_maker_typo\.json: unknown key "min_intervall_ms" \(did you mean "min_interval_ms"\?\)/,
    );
  });

  it('names the key holding a string where a number belongs', () => {
    const ws = scratchWorkspace({ 'market_maker_str.json': '{"tail_age_ms": "700"}' });
    expect(() => resolveIn(ws, 'str')).toThrow(/key "tail_age_ms" must be a number, got string "700"/);
  });

  it('refuses both a field and its delta', () => {
    const ws = scratchWorkspace({ 'market_maker_both.json': '{"min_interval_ms": 60, "min_interval_ms_delta": 5}' });
    expect(() => resolveIn(ws, 'both')).toThrow(/both "min_interval_ms" and "min_interval_ms_delta"/);
  });

  it('says how an out-of-range applied value arose', () => {
    const ws = scratchWorkspace({ 'market_maker_neg.json': '{"base_spread_bps_delta": -0.5, "vip_tilt_cap": 1.5}' });
    try {
      resolveIn(ws, 'neg');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ProfileError);
      const problems = (e as ProfileError).problems;
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/applied base_spread_bps = 0 must be > 0 \(base 0.5 \+ delta -0.5 from .*market_maker_neg.json\)/);
      expect(problems[1]).toMatch(/applied vip_tilt_cap = 1.5 must be in \[0, 1\] \(set to 1.5 by/);
    }
  });

  it('refuses a non-integer _ms value', () => {
    const ws = scratchWorkspace({ 'market_maker_frac.json': '{"min_interval_ms_delta": 0.5}' });
    expect(() => resolveIn(ws, 'frac')).toThrow(/applied min_interval_ms = 50.5 must be a whole number/);
  });

  it('clamps and skips runtime overrides and records the adjustment', () => {
    const ws = scratchWorkspace();
    const r = resolveIn(ws, 'S1', { MM_RUNTIME_OVERRIDES_JSON: '{"min_interval_ms":500,"foo":1}' });
    expect(r.applied.min_interval_ms).toBe(300);
    expect(r.markers).toEqual([
      '| runtime_overrides | OK | SOURCE=env |',
      '| runtime_override | SKIP | FIELD=foo REASON=not_allowed |',
      '| runtime_override | CLAMP | FIELD=min_interval_ms VALUE=500 LIMIT=[50,300] APPLIED=300 |',
      '| runtime_adjust | OK | FIELD=min_interval_ms FROM=60 TO=300 REASON=runtime_override_clamped |',
    ]);
    expect(r.provenance.runtime_adjustments).toEqual([
      { ts: 0, field: 'min_interval_ms', from: 60, to: 300, reason: 'runtime_override_clamped' },
    ]);
  });

  it('adds base_spread_bps_delta to the applied spread exactly', () => {
    const ws = scratchWorkspace();
    const r = resolveIn(ws, 'S1', { MM_RUNTIME_OVERRIDES_JSON: '{"base_spread_bps_delta":0.1}' });
    expect(r.applied.base_spread_bps).toBe(0.95);
  });

  it('reads runtime_overrides.json when the env var is absent', async () => {
    const ws = scratchWorkspace();
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(join(ws.root, 'artifacts/soak'), { recursive: true });
    writeFileSync(join(ws.root, 'artifacts/soak/runtime_overrides.json'), '{"tail_age_ms": 500}');
    const r = resolveIn(ws, 'S1');
    expect(r.applied.tail_age_ms).toBe(500);
    expect(r.provenance.runtime_overrides).toEqual({
      source: 'file',
      origin: 'artifacts/soak/runtime_overrides.json',
      values: { tail_age_ms: 500 },
    });
  });

  it('rejects malformed MM_RUNTIME_OVERRIDES_JSON with a position', () => {
    const ws = scratchWorkspace();
    expect(() => resolveIn(ws, 'S1', { MM_RUNTIME_OVERRIDES_JSON: '{"min_interval_ms":' })).toThrow(UserError);
    expect(() => resolveIn(ws, 'S1', { MM_RUNTIME_OVERRIDES_JSON: '{"min_interval_ms":' })).toThrow(
      /MM_RUNTIME_OVERRIDES_JSON:1:20: malformed JSON/,
    );
  });

  it('withAdjustment keeps the provenance hash in step with the applied profile', () => {
    const ws = scratchWorkspace();
    const r = resolveIn(ws, 'S1');
    const tuned = withAdjustment(r, { ts: 5, field: 'min_interval_ms', from: 60, to: 70, reason: 'auto_min_interval' });
    expect(tuned.applied.min_interval_ms).toBe(70);
    expect(tuned.provenance.applied_sha256).not.toBe(r.provenance.applied_sha256);
    expect(tuned.provenance.runtime_adjustments).toHaveLength(1);
  });
});
