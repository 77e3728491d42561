import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProfileError, loadBase, loadProfileFile } from './load-profile.js';
import { scratchWorkspace } from './__tests__/fixtures.js';

describe('ProfileError', () => {
  it('its message is the first problem and how many more there are', () => {
    expect(new ProfileError(['a']).message).toBe('a');
    expect(new ProfileError(['a', 'b']).message).toBe('a (and 1 more problem)');
    expect(new ProfileError(['a', 'b', 'c']).message).toBe('a (and 2 more problems)');
    expect(new ProfileError(['a', 'b', 'c']).problems).toEqual(['a', 'b', 'c']);
    expect(new ProfileError(['a']).name).toBe('ProfileError');
  });
});

describe('loadBase', () => {
  it('every problem of a bad base, each naming the key and the rule', () => {
    const ws = scratchWorkspace();
    const base = JSON.parse(readBase(ws.configDir)) as Record<string, unknown>;
    writeFileSync(join(ws.configDir, 'base.json'), JSON.stringify({ ...base, vip_tilt_cap: 2, tail_age_ms: 0.5, min_interval: 5 }));
    try {
      loadBase(ws.configDir, () => 'base.json');
      expect.unreachable();
    } catch (e) {
      expect((e as ProfileError).problems).toEqual([
        'base.json: key "tail_age_ms" must be a whole number (value 0.5)',
        'base.json: key "vip_tilt_cap" must be in [0, 1] (value 2)',
        'base.json: unknown key "min_interval" (did you mean "min_interval_ms"?)',
      ]);
    }
  });

  it('a missing base says so; a path label is what messages and provenance show', () => {
    const ws = scratchWorkspace();
    const b = loadBase(ws.configDir, (p) => p.replace(ws.root + '/', ''));
    expect(b.path).toBe('config/profiles/base.json');
    expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(() => loadBase(join(ws.root, 'nowhere'), () => 'nowhere/base.json')).toThrow('nowhere/base.json: base profile not found');
  });
});

describe('loadProfileFile', () => {
  it("a bad quoter's problems come after the fields' and name the quoter's keys", () => {
    const ws = scratchWorkspace({ 'market_maker_Q.json': JSON.stringify({ tail_age_ms: 'x', quoter: { kind: 'glft', gamma: -1, sigma_bps_per_sqrt_s: 1, a_per_s: 1, k_per_bps: 1, extra: 1 } }) });
    try {
      loadProfileFile('Q', ws.configDir, () => 'Q.json');
      expect.unreachable();
    } catch (e) {
      expect((e as ProfileError).problems).toEqual([
        'Q.json: key "tail_age_ms" must be a number, got string "x"',
        'Q.json: key "quoter.gamma" must be > 0 (value -1)',
        'Q.json: unknown key "extra" in "quoter"',
      ]);
    }
  });

  it('a file that is not a JSON object: one problem saying what it is', () => {
    const problems = (text: string): readonly string[] => {
      const ws = scratchWorkspace({ 'market_maker_N.json': text });
      try {
        loadProfileFile('N', ws.configDir, () => 'N.json');
        return [];
      } catch (e) {
        return (e as ProfileError).problems;
      }
    };
    expect(problems('null')).toEqual(['N.json: expected a JSON object, got null']);
    expect(problems('[]')).toEqual(['N.json: expected a JSON object, got an array']);
    expect(problems('"quoter"')).toEqual(['N.json: expected a JSON object, got string "quoter"']);
    // A field and its delta both set: the problem is on the delta's key.
    expect(problems('{"tail_age_ms": 500, "tail_age_ms_delta": 5}')).toEqual([
      'N.json: key "tail_age_ms_delta" both "tail_age_ms" and "tail_age_ms_delta" are set; keep one (an absolute value or a delta over the base) (value 5)',
    ]);
    // The quoter key is a known key too: a typo of it gets the hint.
    expect(problems('{"quoterr": {}}')).toEqual(['N.json: unknown key "quoterr" (did you mean "quoter"?)']);
  });

  it('an unknown profile lists base and the files there; without the folder, base only', () => {
    const ws = scratchWorkspace();
    expect(() => loadProfileFile('S9', ws.configDir, () => 'x/market_maker_S9.json')).toThrow(
      'unknown profile "S9": x/market_maker_S9.json does not exist (available: base, GLFT1, S1, conservative)',
    );
    expect(() => loadProfileFile('S9', join(ws.root, 'nowhere'), () => 'n/market_maker_S9.json')).toThrow(
      'unknown profile "S9": n/market_maker_S9.json does not exist (available: base)',
    );
  });
});

function readBase(configDir: string): string {
  return readFileSync(join(configDir, 'base.json'), 'utf8');
}
