import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfileFile } from './load-profile.js';
import { resolveProfile } from './resolve-profile.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const glft = { kind: 'glft', gamma: 0.1, sigma_bps_per_sqrt_s: 1.2, a_per_s: 30, k_per_bps: 0.4 };

function configWith(profile: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'mm-quoter-spec-'));
  copyFileSync(join(ROOT, 'config/profiles/base.json'), join(dir, 'base.json'));
  writeFileSync(join(dir, 'market_maker_X.json'), JSON.stringify(profile));
  return dir;
}
const problems = (profile: unknown): readonly string[] => {
  try {
    loadProfileFile('X', configWith(profile), () => 'X.json');
    return [];
  } catch (e) {
    return (e as { problems: readonly string[] }).problems;
  }
};

describe("a profile's quoter key", () => {
  it('absent: the profile quoter, and the resolved profile says so; GLFT1 as shipped names GLFT', () => {
    const s1 = resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} });
    expect(s1.quoter).toEqual({ kind: 'profile' });
    expect(s1.provenance.quoter).toBeUndefined();
    const g = resolveProfile({ name: 'GLFT1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} });
    expect(g.quoter).toMatchObject({ kind: 'glft', gamma: 0.1, sigma_bps_per_sqrt_s: 1.242183, a_per_s: 32.624886, k_per_bps: 0.367051 });
    expect(g.provenance.quoter).toEqual(g.quoter);
    // The ten fields still apply to a GLFT profile (the guard's): the base's, here.
    expect(g.applied.min_interval_ms).toBe(50);
  });

  it('GLFT with its fields beside it: both checked', () => {
    expect(problems({ quoter: glft, min_interval_ms: 80 })).toEqual([]);
    expect(problems({ quoter: glft, min_interval: 80 })).toEqual(['X.json: unknown key "min_interval" (did you mean "min_interval_ms"?)']);
  });

  it('each bad parameter is named, with its rule', () => {
    expect(problems({ quoter: { ...glft, gamma: 0 } })).toEqual(['X.json: key "quoter.gamma" must be > 0 (value 0)']);
    expect(problems({ quoter: { ...glft, k_per_bps: undefined } })).toEqual(['X.json: key "quoter.k_per_bps" is missing (expected a number)']);
    expect(problems({ quoter: { ...glft, gama: 1 } })).toEqual(['X.json: unknown key "gama" in "quoter"']);
    expect(problems({ quoter: { ...glft, a_per_s: 'many' } })).toEqual(['X.json: key "quoter.a_per_s" must be a number, got string "many"']);
  });

  it('an unknown kind lists the known ones', () => {
    expect(problems({ quoter: { kind: 'as' } })).toEqual(['X.json: key "quoter.kind" must be one of "profile", "glft" (value "as")']);
    expect(problems({ quoter: 'glft' })[0]).toMatch(/^X\.json: key "quoter"/);
  });
});
