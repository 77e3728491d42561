import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMm, scratchRepo } from '../__tests__/run-mm.js';

describe('mm profiles', () => {
  it('lists base and the profile files', () => {
    const r = runMm(['profiles', 'list'], { cwd: scratchRepo() });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toContain('S1');
    expect(r.stdout.startsWith('base\n')).toBe(true);
  });

  it('shows a profile with how each value arose', () => {
    const r = runMm(['profiles', 'show', 'S1'], { cwd: scratchRepo() });
    expect(r.stdout).toMatch(/inventory_tilt_cap\s+0\.2\s+base 0\.3 - 0\.1/);
    expect(runMm(['profiles', 'show', 'S1', '--json'], { cwd: scratchRepo() }).stdout).toMatch(/^\{"base_spread_bps":0\.85,/);
  });

  it("shows who quotes a profile: GLFT1's strategy and parameters as its file gives them, in text and JSON", () => {
    const cwd = scratchRepo();
    const r = runMm(['profiles', 'show', 'GLFT1'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /\n {2}quoter\s+glft {3}set\n {4}gamma\s+0\.1\n {4}sigma_bps_per_sqrt_s\s+1\.242183\n {4}a_per_s\s+32\.624886\n {4}k_per_bps\s+0\.367051\n {4}source\s+mm calibrate --replay /,
    );
    const json = JSON.parse(runMm(['profiles', 'show', 'GLFT1', '--json'], { cwd }).stdout) as Record<string, unknown>;
    const file = JSON.parse(readFileSync(join(cwd, 'config/profiles/market_maker_GLFT1.json'), 'utf8')) as { quoter: unknown };
    expect(json['quoter']).toEqual(file.quoter);
    expect(json['base_spread_bps']).toBe(0.5);
    // S1 names no strategy: the profile quoter, said in the text; its JSON stays the applied values alone.
    expect(runMm(['profiles', 'show', 'S1'], { cwd }).stdout).toMatch(/\n {2}quoter\s+profile {3}SPEC 5's profile quoter, from the fields above\n$/);
    expect(JSON.parse(runMm(['profiles', 'show', 'S1', '--json'], { cwd }).stdout)).not.toHaveProperty('quoter');
  });

  it('diffs two profiles', () => {
    const r = runMm(['profiles', 'diff', 'base', 'S1'], { cwd: scratchRepo() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/base_spread_bps\s+0\.5\s+0\.85\s+\+0\.35/);
    expect(r.stdout).not.toMatch(/tail_age_ms/);
  });

  it('validates all profiles, listing every problem, exit 1 when any is invalid', () => {
    const root = scratchRepo({
      'market_maker_bad.json': '{"min_intervall_ms": 60, "tail_age_ms": "x"}',
      'market_maker_neg.json': '{"base_spread_bps_delta": -1}',
    });
    const r = runMm(['profiles', 'validate'], { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/INVALID {2}bad\n( {2}- .*\n){2}/);
    expect(r.stdout).toContain('  - config/profiles/market_maker_bad.json: unknown key "min_intervall_ms" (did you mean "min_interval_ms"?)');
    expect(r.stdout).toContain('  - config/profiles/market_maker_bad.json: key "tail_age_ms" must be a number, got string "x"');
    expect(r.stdout).toMatch(/INVALID {2}neg\n {2}- applied base_spread_bps = -0.5 must be > 0/);
    expect(r.stdout).toMatch(/ok {7}S1/);
    expect(runMm(['profiles', 'validate', 'S1', 'base'], { cwd: root }).code).toBe(0);
  });
});
