import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppliedProfile } from '../profile-schemas.js';
import { RUNTIME_OVERRIDES_ENV, applyRuntimeOverrides, readRuntimeOverrides, type RuntimeOverridesInput } from './runtime-overrides.js';

const applied: AppliedProfile = {
  base_spread_bps: 0.85,
  concurrency_limit: 1.9,
  impact_cap_ratio: 0.1,
  inventory_tilt_cap: 0.2,
  max_delta_ratio: 0.15,
  min_interval_ms: 60,
  replace_rate_per_min: 300,
  slippage_penalty_coef: 0.1,
  tail_age_ms: 700,
  vip_tilt_cap: 0.15,
};
const env = (values: Record<string, unknown>): RuntimeOverridesInput => ({ source: 'env', origin: RUNTIME_OVERRIDES_ENV, values });

describe('readRuntimeOverrides', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-ro-'));
  const file = join(dir, 'runtime_overrides.json');
  writeFileSync(file, '{"tail_age_ms": 500}');

  it('the env var wins over the file; a blank env var counts as absent; neither is source none', () => {
    expect(readRuntimeOverrides({ [RUNTIME_OVERRIDES_ENV]: '{"min_interval_ms": 80}' }, file)).toEqual({
      source: 'env',
      origin: RUNTIME_OVERRIDES_ENV,
      values: { min_interval_ms: 80 },
    });
    expect(readRuntimeOverrides({ [RUNTIME_OVERRIDES_ENV]: '  ' }, file)).toEqual({ source: 'file', origin: file, values: { tail_age_ms: 500 } });
    expect(readRuntimeOverrides({}, file)).toEqual({ source: 'file', origin: file, values: { tail_age_ms: 500 } });
    expect(readRuntimeOverrides({}, join(dir, 'absent.json'))).toEqual({ source: 'none', values: {} });
  });

  it('anything but a JSON object is refused, naming where it came from', () => {
    for (const text of ['[1]', '3', 'null', '"x"']) {
      expect(() => readRuntimeOverrides({ [RUNTIME_OVERRIDES_ENV]: text }, file), text).toThrow(
        `${RUNTIME_OVERRIDES_ENV}: runtime overrides must be a JSON object of field -> number`,
      );
    }
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[]');
    expect(() => readRuntimeOverrides({}, bad)).toThrow(`${bad}: runtime overrides must be a JSON object of field -> number`);
  });
});

describe('applyRuntimeOverrides', () => {
  it('source none: the profile unchanged, no markers', () => {
    const r = applyRuntimeOverrides(applied, { source: 'none', values: { min_interval_ms: 100 } });
    expect(r).toEqual({ applied, effective: {}, adjustments: [], markers: [] });
  });

  it('within the limits: applied as given, in key order, each change recorded once', () => {
    const r = applyRuntimeOverrides(applied, env({ tail_age_ms: 400, min_interval_ms: 300, max_delta_ratio: 0.15 }));
    expect(r.applied).toEqual({ ...applied, tail_age_ms: 400, min_interval_ms: 300 });
    expect(r.effective).toEqual({ tail_age_ms: 400, min_interval_ms: 300, max_delta_ratio: 0.15 });
    // max_delta_ratio already 0.15: no adjustment and no marker for it.
    expect(r.adjustments).toEqual([
      { ts: 0, field: 'min_interval_ms', from: 60, to: 300, reason: 'runtime_override' },
      { ts: 0, field: 'tail_age_ms', from: 700, to: 400, reason: 'runtime_override' },
    ]);
    expect(r.markers).toEqual([
      '| runtime_overrides | OK | SOURCE=env |',
      '| runtime_adjust | OK | FIELD=min_interval_ms FROM=60 TO=300 REASON=runtime_override |',
      '| runtime_adjust | OK | FIELD=tail_age_ms FROM=700 TO=400 REASON=runtime_override |',
    ]);
  });

  it('out of the limits: clamped to the nearer end, and said so', () => {
    const r = applyRuntimeOverrides(applied, env({ impact_cap_ratio: 0.5, replace_rate_per_min: 10 }));
    expect(r.applied.impact_cap_ratio).toBe(0.12);
    expect(r.applied.replace_rate_per_min).toBe(120);
    expect(r.markers).toEqual([
      '| runtime_overrides | OK | SOURCE=env |',
      '| runtime_override | CLAMP | FIELD=impact_cap_ratio VALUE=0.5 LIMIT=[0.04,0.12] APPLIED=0.12 |',
      '| runtime_adjust | OK | FIELD=impact_cap_ratio FROM=0.1 TO=0.12 REASON=runtime_override_clamped |',
      '| runtime_override | CLAMP | FIELD=replace_rate_per_min VALUE=10 LIMIT=[120,360] APPLIED=120 |',
      '| runtime_adjust | OK | FIELD=replace_rate_per_min FROM=300 TO=120 REASON=runtime_override_clamped |',
    ]);
  });

  it('base_spread_bps_delta is added to the spread, decimal-exact; the limits themselves are not clamped', () => {
    const r = applyRuntimeOverrides(applied, env({ base_spread_bps_delta: 0.6 }));
    expect(r.applied.base_spread_bps).toBe(1.45);
    expect(r.effective).toEqual({ base_spread_bps_delta: 0.6 });
    expect(r.markers).toEqual(['| runtime_overrides | OK | SOURCE=env |', '| runtime_adjust | OK | FIELD=base_spread_bps FROM=0.85 TO=1.45 REASON=runtime_override |']);
    const lo = applyRuntimeOverrides(applied, env({ min_interval_ms: 50 }));
    expect(lo.markers).toEqual(['| runtime_overrides | OK | SOURCE=env |', '| runtime_adjust | OK | FIELD=min_interval_ms FROM=60 TO=50 REASON=runtime_override |']);
  });

  it('a key that is not an override is skipped, own keys only', () => {
    const values = JSON.parse('{"constructor": 1, "__proto__": 2, "vip_tilt_cap": 0.5}') as Record<string, unknown>;
    const r = applyRuntimeOverrides(applied, env(values));
    expect(r.applied).toEqual(applied);
    expect(r.markers).toEqual([
      '| runtime_overrides | OK | SOURCE=env |',
      '| runtime_override | SKIP | FIELD=__proto__ REASON=not_allowed |',
      '| runtime_override | SKIP | FIELD=constructor REASON=not_allowed |',
      '| runtime_override | SKIP | FIELD=vip_tilt_cap REASON=not_allowed |',
    ]);
  });

  it('a value that is not a finite number, or a fraction for a whole-number field, is a user error', () => {
    expect(() => applyRuntimeOverrides(applied, env({ tail_age_ms: '500' }))).toThrow(
      `${RUNTIME_OVERRIDES_ENV}: runtime override "tail_age_ms" must be a finite number, got "500"`,
    );
    expect(() => applyRuntimeOverrides(applied, env({ tail_age_ms: null }))).toThrow('must be a finite number, got null');
    expect(() => applyRuntimeOverrides(applied, env({ tail_age_ms: Number.NaN }))).toThrow('must be a finite number, got NaN');
    expect(() => applyRuntimeOverrides(applied, env({ tail_age_ms: 500.5 }))).toThrow(
      `${RUNTIME_OVERRIDES_ENV}: runtime override "tail_age_ms" must be a whole number, got 500.5`,
    );
    // A fraction of a ratio is fine.
    expect(applyRuntimeOverrides(applied, env({ max_delta_ratio: 0.125 })).applied.max_delta_ratio).toBe(0.125);
  });
});
