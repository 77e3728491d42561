/** Keys that name prototype members, in every kind of user JSON: refused or skipped as unknown, never a crash (issue 14). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMm, scratchRepo } from '../__tests__/run-mm.js';

const KEYS = ['constructor', 'toString', 'hasOwnProperty', '__proto__'];

describe('prototype keys in user JSON', () => {
  it('runtime overrides (env and file): SKIP line as for any unknown field', () => {
    const root = scratchRepo();
    for (const key of KEYS) {
      const r = runMm(['sentinel', '--profile', 'S1', '--dry-run'], { cwd: root, env: { MM_RUNTIME_OVERRIDES_JSON: `{"${key}":1}` } });
      expect(r.stderr, key).toBe('');
      expect(r.code, key).toBe(0);
      expect(r.stdout).toContain(`| runtime_override | SKIP | FIELD=${key} REASON=not_allowed |`);
    }
    writeFileSync(join(root, 'ov.json'), '{"toString":1}');
    const r = runMm(['sentinel', '--profile', 'S1', '--dry-run'], { cwd: root, env: { MM_RUNTIME_OVERRIDES_JSON: '{"__proto__":{"min_interval_ms":80}}' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| runtime_override | SKIP | FIELD=__proto__ REASON=not_allowed |');
    expect(r.stdout).toMatch(/min_interval_ms\s+= 60\n/);
  });

  it('a profile, a gates file and a scenario: exit 2 with one line naming the key', () => {
    const root = scratchRepo();
    for (const key of KEYS) {
      writeFileSync(join(root, 'config/profiles/market_maker_P.json'), `{"${key}": 1}`);
      let r = runMm(['profiles', 'show', 'P'], { cwd: root });
      expect(r.code, key).toBe(2);
      expect(r.stderr.trim().split('\n'), key).toHaveLength(1);
      expect(r.stderr, key).toContain(key);
      writeFileSync(join(root, 'g.json'), `{"hard":[],"${key}":1}`);
      r = runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--gates', 'g.json', '--quiet'], { cwd: root });
      expect(r.code, key).toBe(2);
      expect(r.stderr.trim().split('\n'), key).toHaveLength(1);
      writeFileSync(join(root, 's.json'), `{"${key}":1}`);
      r = runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 's.json', '--quiet'], { cwd: root });
      expect(r.code, key).toBe(2);
      expect(r.stderr.trim().split('\n'), key).toHaveLength(1);
    }
  });
});
