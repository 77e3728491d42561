import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMm, scratchRepo } from '../__tests__/run-mm.js';

const S1_APPLIED =
  '{"base_spread_bps":0.85,"concurrency_limit":1.9,"impact_cap_ratio":0.1,"inventory_tilt_cap":0.2,"max_delta_ratio":0.15,"min_interval_ms":60,"replace_rate_per_min":300,"slippage_penalty_coef":0.1,"tail_age_ms":700,"vip_tilt_cap":0.15}\n';

const EXPECTED_BLOCK = `============================================================
Loading profile: S1
============================================================
| profile_apply | OK | PROFILE=S1 |

Applied profile configuration:
------------------------------------------------------------
  base_spread_bps                = 0.85
  concurrency_limit              = 1.9
  impact_cap_ratio               = 0.1
  inventory_tilt_cap             = 0.2
  max_delta_ratio                = 0.15
  min_interval_ms                = 60
  replace_rate_per_min           = 300
  slippage_penalty_coef          = 0.1
  tail_age_ms                    = 700
  vip_tilt_cap                   = 0.15
------------------------------------------------------------
| save_applied_profile | OK | artifacts/soak/applied_profile.json |

[OK] Dry run complete - profile loaded successfully
`;

const appliedPath = (root: string) => join(root, 'artifacts/soak/applied_profile.json');

/** Runs a failing command and checks: one line on stderr, exit 2, applied profile untouched. */
function expectRefused(root: string, args: string[], pattern: RegExp, env: Record<string, string> = {}) {
  const before = existsSync(appliedPath(root)) ? readFileSync(appliedPath(root), 'utf8') : undefined;
  const r = runMm(args, { cwd: root, env });
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(existsSync(appliedPath(root)) ? readFileSync(appliedPath(root), 'utf8') : undefined).toBe(before);
}

describe('mm sentinel', () => {
  it('prints the seed block and writes the byte-exact applied profile', () => {
    const root = scratchRepo();
    const r = runMm(['sentinel', '--profile', 'S1', '--dry-run'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(EXPECTED_BLOCK);
    expect(readFileSync(appliedPath(root), 'utf8')).toBe(S1_APPLIED);
    const prov = JSON.parse(readFileSync(join(root, 'artifacts/soak/applied_profile.provenance.json'), 'utf8'));
    expect(prov.profile).toBe('S1');
  });

  it('takes MM_PROFILE, and --profile wins over it', () => {
    const root = scratchRepo();
    expect(runMm(['sentinel', '--dry-run'], { cwd: root, env: { MM_PROFILE: 'S1' } }).stdout).toContain('PROFILE=S1');
    expect(runMm(['sentinel', '--profile', 'base', '--dry-run'], { cwd: root, env: { MM_PROFILE: 'S1' } }).stdout).toContain(
      'PROFILE=base',
    );
  });

  it('resolves relative paths against the workspace root from a subfolder', () => {
    const root = scratchRepo();
    mkdirSync(join(root, 'deep/er'), { recursive: true });
    const r = runMm(['sentinel', '--profile', 'S1', '--dry-run', '--out', 'artifacts/x/ap.json'], { cwd: join(root, 'deep/er') });
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, 'artifacts/x/ap.json'), 'utf8')).toBe(S1_APPLIED);
    expect(existsSync(join(root, 'artifacts/x/ap.provenance.json'))).toBe(true);
  });

  it('applies runtime overrides with CLAMP and SKIP markers and records them', () => {
    const root = scratchRepo();
    const r = runMm(['sentinel', '--profile', 'S1', '--dry-run'], {
      cwd: root,
      env: { MM_RUNTIME_OVERRIDES_JSON: '{"min_interval_ms":500,"foo":1}' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| runtime_override | CLAMP | FIELD=min_interval_ms VALUE=500 LIMIT=[50,300] APPLIED=300 |');
    expect(r.stdout).toContain('| runtime_override | SKIP | FIELD=foo REASON=not_allowed |');
    expect(r.stdout).toContain('  min_interval_ms                = 300');
    expect(JSON.parse(readFileSync(appliedPath(root), 'utf8')).min_interval_ms).toBe(300);
    const prov = JSON.parse(readFileSync(join(root, 'artifacts/soak/applied_profile.provenance.json'), 'utf8'));
    expect(prov.runtime_adjustments).toEqual([
      { field: 'min_interval_ms', from: 60, reason: 'runtime_override_clamped', to: 300, ts: 0 },
    ]);
  });

  it('prints canonical JSON with --json', () => {
    const root = scratchRepo();
    const r = runMm(['sentinel', '--profile', 'S1', '--json'], { cwd: root });
    expect(JSON.parse(r.stdout).applied.base_spread_bps).toBe(0.85);
  });

  describe('bad input: one line, exit 2, nothing written', () => {
    it('unknown profile lists the available ones', () => {
      expectRefused(scratchRepo(), ['sentinel', '--profile', 'S9'], /unknown profile "S9".*available: base, .*S1/);
    });
    it('a path as the name', () => {
      expectRefused(scratchRepo(), ['sentinel', '--profile', '../etc/passwd'], /invalid profile name/);
    });
    it('no profile at all lists the available ones', () => {
      expectRefused(scratchRepo(), ['sentinel', '--dry-run'], /no profile given.*available in config\/profiles: base, .*S1/);
    });
    it('malformed JSON names file, line and column', () => {
      const root = scratchRepo({ 'market_maker_bad.json': '{\n  "tail_age_ms": 700,\n}' });
      expectRefused(root, ['sentinel', '--profile', 'bad'], /config\/profiles\/market_maker_bad\.json:3:1: malformed JSON/);
    });
    it('a typo key suggests the right one', () => {
      const root = scratchRepo({ 'market_maker_typo.json': '{"min_intervall_ms": 60}' });
      expectRefused(root, ['sentinel', '--profile', 'typo'], /unknown key "min_intervall_ms" \(did you mean "min_interval_ms"\?\)/);
    });
    it('a string where a number belongs', () => {
      const root = scratchRepo({ 'market_maker_str.json': '{"base_spread_bps_delta": "0.35"}' });
      expectRefused(root, ['sentinel', '--profile', 'str'], /key "base_spread_bps_delta" must be a number, got string "0.35"/);
    });
    it('both a field and its delta', () => {
      const root = scratchRepo({ 'market_maker_both.json': '{"tail_age_ms": 700, "tail_age_ms_delta": 10}' });
      expectRefused(root, ['sentinel', '--profile', 'both'], /both "tail_age_ms" and "tail_age_ms_delta"/);
    });
    it('an applied value out of range', () => {
      const root = scratchRepo({ 'market_maker_low.json': '{"concurrency_limit_delta": -1.5}' });
      expectRefused(root, ['sentinel', '--profile', 'low'], /applied concurrency_limit = 0.5 must be >= 1 \(base 2 \+ delta -1.5/);
    });
    it('malformed MM_RUNTIME_OVERRIDES_JSON', () => {
      expectRefused(scratchRepo(), ['sentinel', '--profile', 'S1'], /MM_RUNTIME_OVERRIDES_JSON:1:2: malformed JSON/, {
        MM_RUNTIME_OVERRIDES_JSON: '{min_interval_ms: 80}',
      });
    });
    it('leaves an existing applied profile unchanged', () => {
      const root = scratchRepo({ 'market_maker_typo.json': '{"min_intervall_ms": 60}' });
      mkdirSync(join(root, 'artifacts/soak'), { recursive: true });
      writeFileSync(appliedPath(root), 'previous\n');
      expectRefused(root, ['sentinel', '--profile', 'typo'], /unknown key/);
      expect(readFileSync(appliedPath(root), 'utf8')).toBe('previous\n');
    });
    it('an unknown option is a usage error', () => {
      const r = runMm(['sentinel', '--profil', 'S1'], { cwd: scratchRepo() });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/unknown option '--profil'/);
    });
  });
});
