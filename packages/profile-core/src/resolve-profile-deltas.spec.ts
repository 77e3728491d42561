import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { loadBase } from './load-profile.js';
import { ProfileError } from './load-profile.js';
import { profileAppliedMarker, provenancePathFor, resolveProfile, resolveProfileDeltas } from './resolve-profile.js';
import { scratchWorkspace } from './__tests__/fixtures.js';

const glft = { kind: 'glft' as const, gamma: 0.1, sigma_bps_per_sqrt_s: 1.2, a_per_s: 30, k_per_bps: 0.4 };

describe('resolveProfileDeltas: a profile only in memory (a sweep cell)', () => {
  const ws = scratchWorkspace();
  const base = loadBase(ws.configDir, () => 'config/profiles/base.json');

  it('the deltas over the loaded base, named by the label; its hash is the canonical deltas', () => {
    const r = resolveProfileDeltas('cell-3', base, { base_spread_bps_delta: 0.35, tail_age_ms: 500 }, 'sweep cell 3');
    expect(r.name).toBe('cell-3');
    expect(r.applied).toEqual({ ...base.content, base_spread_bps: 0.85, tail_age_ms: 500 });
    expect(r.quoter).toEqual({ kind: 'profile' });
    expect(r.markers).toEqual([]);
    expect(r.provenance).toMatchObject({
      profile: 'cell-3',
      profile_file: 'sweep cell 3',
      profile_sha256: sha256Hex(canonicalJson({ base_spread_bps_delta: 0.35, tail_age_ms: 500 })),
      base_file: 'config/profiles/base.json',
      runtime_overrides: { source: 'none', origin: null, values: {} },
      runtime_adjustments: [],
    });
    expect(r.provenance.quoter).toBeUndefined();
  });

  it('a GLFT cell: the quoter is part of the hash and of the provenance; a profile quoter is not', () => {
    const g = resolveProfileDeltas('c', base, { tail_age_ms: 500 }, 'cell', glft);
    expect(g.quoter).toEqual(glft);
    expect(g.provenance.quoter).toEqual(glft);
    expect(g.provenance.profile_sha256).toBe(sha256Hex(canonicalJson({ tail_age_ms: 500, quoter: glft })));
    const p = resolveProfileDeltas('c', base, { tail_age_ms: 500 }, 'cell', { kind: 'profile' });
    expect(p.provenance.profile_sha256).toBe(sha256Hex(canonicalJson({ tail_age_ms: 500 })));
    expect(p.provenance.quoter).toBeUndefined();
  });

  it('an invalid cell is refused with its label', () => {
    expect(() => resolveProfileDeltas('c', base, { vip_tilt_cap_delta: 2 }, 'cell 9')).toThrow(ProfileError);
    expect(() => resolveProfileDeltas('c', base, { vip_tilt_cap_delta: 2 }, 'cell 9')).toThrow('applied vip_tilt_cap = 2 must be in [0, 1] (base 0 + delta 2 from cell 9)');
  });
});

describe('resolveProfile options', () => {
  it('ignoreRuntimeOverrides leaves the env var unread, even a malformed one', () => {
    const ws = scratchWorkspace();
    const r = resolveProfile({ name: 'S1', configDir: ws.configDir, root: ws.root, env: { MM_RUNTIME_OVERRIDES_JSON: '{bad' }, ignoreRuntimeOverrides: true });
    expect(r.provenance.runtime_overrides).toEqual({ source: 'none', origin: null, values: {} });
    expect(r.markers).toEqual([]);
  });

  it('an overrides file given explicitly is read and shown relative to the root', async () => {
    const ws = scratchWorkspace();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${ws.root}/ro.json`, '{"tail_age_ms": 450}');
    const r = resolveProfile({ name: 'base', configDir: 'config/profiles', root: ws.root, env: {}, overridesFile: `${ws.root}/ro.json` });
    expect(r.applied.tail_age_ms).toBe(450);
    expect(r.provenance.runtime_overrides.origin).toBe('ro.json');
    expect(r.provenance.base_file).toBe('config/profiles/base.json');
  });

  it('the marker of an applied profile', () => {
    expect(profileAppliedMarker('S1')).toBe('| profile_apply | OK | PROFILE=S1 |');
  });
});

describe('provenancePathFor', () => {
  it('the provenance beside the applied profile: the final .json replaced, nothing else', () => {
    expect(provenancePathFor('out/applied_profile.json')).toBe('out/applied_profile.provenance.json');
    expect(provenancePathFor('out/cell.jsonish.json')).toBe('out/cell.jsonish.provenance.json');
    expect(provenancePathFor('out/applied')).toBe('out/applied.provenance.json');
  });
});
