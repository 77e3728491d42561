import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellDeltas, cellQuoter, expandGrid, loadSweepGrid, parseSweepGrid } from './sweep-grid.js';

const CONFIG = resolve(import.meta.dirname, '../../../config/profiles');
const market = { scenario: 'quiet', seeds: [1] };

function problemsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (error) {
    expect(error).toMatchObject({ exitCode: 2 });
    return [...((error as { problems?: string[] }).problems ?? [(error as Error).message])];
  }
  throw new Error('expected a user error');
}

function gridFile(grid: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'mm-grid-'));
  const path = join(dir, 'g.json');
  writeFileSync(path, JSON.stringify(grid));
  return path;
}

describe('expandGrid', () => {
  it('every combination, the last field fastest, in the grid\'s field order', () => {
    const cells = expandGrid({ a: [1, 2], b: [10, 20, 30] });
    expect(cells).toHaveLength(6);
    expect(cells.map((c) => c.params)).toEqual([
      { a: 1, b: 10 },
      { a: 1, b: 20 },
      { a: 1, b: 30 },
      { a: 2, b: 10 },
      { a: 2, b: 20 },
      { a: 2, b: 30 },
    ]);
    expect(cells.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('the shipped s1-window grid: 5 fields, 810 cells, S1\'s own values among them', () => {
    const s = loadSweepGrid(resolve(CONFIG, '../sweeps/s1-window.json'), 'config/sweeps/s1-window.json', CONFIG);
    expect(Object.keys(s.grid.fields)).toEqual(['min_interval_ms', 'base_spread_bps_delta', 'replace_rate_per_min', 'max_delta_ratio', 'tail_age_ms']);
    expect(expandGrid(s.grid.fields)).toHaveLength(810);
    const s1 = { min_interval_ms: 60, base_spread_bps_delta: 0.35, replace_rate_per_min: 300, max_delta_ratio: 0.15, tail_age_ms: 700 };
    expect(expandGrid(s.grid.fields).some((c) => JSON.stringify(c.params) === JSON.stringify(s1))).toBe(true);
  });
});

describe('cellDeltas', () => {
  it('replaces the starting profile\'s key, and an absolute value drops the delta twin (and the reverse)', () => {
    const start = { base_spread_bps_delta: 0.35, min_interval_ms: 60 };
    expect(cellDeltas(start, { base_spread_bps_delta: 0.5 })).toEqual({ base_spread_bps_delta: 0.5, min_interval_ms: 60 });
    expect(cellDeltas(start, { base_spread_bps: 0.9 })).toEqual({ base_spread_bps: 0.9, min_interval_ms: 60 });
    expect(cellDeltas(start, { min_interval_ms_delta: 10 })).toEqual({ base_spread_bps_delta: 0.35, min_interval_ms_delta: 10 });
  });
});

describe('grid validation: one clear problem per mistake, exit 2', () => {
  it('an unknown field, with a suggestion', () => {
    expect(problemsOf(() => parseSweepGrid({ profile: 'S1', fields: { min_intervl_ms: [1] }, market }, 'g.json'))).toEqual([
      'g.json: fields.min_intervl_ms: not a profile field (did you mean "min_interval_ms"?)',
    ]);
  });

  it('an empty value list', () => {
    const p = problemsOf(() => parseSweepGrid({ profile: 'S1', fields: { min_interval_ms: [] }, market }, 'g.json'));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^g\.json: key "fields\.min_interval_ms" needs at least one value/);
  });

  it('no fields, a duplicated value, an unknown top-level key', () => {
    expect(problemsOf(() => parseSweepGrid({ profile: 'S1', fields: {}, market }, 'g.json'))[0]).toMatch(/name at least one profile field/);
    expect(problemsOf(() => parseSweepGrid({ profile: 'S1', fields: { tail_age_ms: [700, 700] }, market }, 'g.json'))[0]).toMatch(/listed twice/);
    expect(problemsOf(() => parseSweepGrid({ profile: 'S1', fields: { tail_age_ms: [700] }, market, seeds: [1] }, 'g.json'))[0]).toMatch(/seeds/);
  });

  it('an out-of-range value, named by key and position, before any soak', () => {
    const path = gridFile({ profile: 'S1', fields: { tail_age_ms: [700, 0], max_delta_ratio: [0.1, 1.5] }, market });
    const p = problemsOf(() => loadSweepGrid(path, 'g.json', CONFIG));
    expect(p).toHaveLength(2);
    expect(p[0]).toMatch(/^g\.json: fields\.tail_age_ms\[1\]: 0 is out of range \(applied tail_age_ms = 0 /);
    expect(p[1]).toMatch(/^g\.json: fields\.max_delta_ratio\[1\]: 1\.5 is out of range/);
  });

  it('a fractional value for a whole-number field', () => {
    const path = gridFile({ profile: 'S1', fields: { min_interval_ms: [60.5] }, market });
    expect(problemsOf(() => loadSweepGrid(path, 'g.json', CONFIG))[0]).toMatch(/^g\.json: fields\.min_interval_ms\[0\]: 60\.5 is out of range/);
  });

  it('an unknown starting profile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-cfg-'));
    cpSync(CONFIG, dir, { recursive: true });
    const path = gridFile({ profile: 'nope', fields: { tail_age_ms: [700] }, market });
    expect(problemsOf(() => loadSweepGrid(path, 'g.json', dir))[0]).toMatch(/unknown profile "nope"/);
  });
});

describe("a GLFT profile's quoter parameters as grid keys", () => {
  it('config/sweeps/glft-gamma.json: quoter.gamma over GLFT1, the other parameters as GLFT1 has them', () => {
    const s = loadSweepGrid(resolve(CONFIG, '../sweeps/glft-gamma.json'), 'config/sweeps/glft-gamma.json', CONFIG);
    expect(s.startQuoter).toMatchObject({ kind: 'glft', gamma: 0.1, k_per_bps: 0.367051 });
    const cells = expandGrid(s.grid.fields);
    expect(cells.map((c) => c.params['quoter.gamma'])).toEqual([0.01, 0.03, 0.1, 0.3, 1]);
    // The cell's quoter: GLFT1's with gamma replaced; its profile fields untouched by the quoter key.
    expect(cellQuoter(s.startQuoter, cells[0]!.params, 'c')).toEqual({ ...s.startQuoter, gamma: 0.01 });
    expect(cellDeltas(s.start, cells[0]!.params)).toEqual(s.start);
  });

  it('refused on a profile-quoter profile, a bad value named, a typo hinted', () => {
    expect(problemsOf(() => loadSweepGrid(gridFile({ profile: 'S1', fields: { 'quoter.gamma': [0.1] }, market }), 'g.json', CONFIG))).toEqual([
      'g.json: fields.quoter.gamma: S1 is quoted by the profile quoter, which has no gamma',
    ]);
    expect(problemsOf(() => loadSweepGrid(gridFile({ profile: 'GLFT1', fields: { 'quoter.gamma': [0.1, -1] }, market }), 'g.json', CONFIG))).toEqual([
      'g.json: fields.quoter.gamma[1]: -1 is out of range (key "quoter.gamma" must be > 0 (value -1))',
    ]);
    expect(problemsOf(() => parseSweepGrid({ profile: 'GLFT1', fields: { 'quoter.gama': [0.1] }, market }, 'g.json'))).toEqual([
      'g.json: fields.quoter.gama: not a profile field (did you mean "quoter.gamma"?)',
    ]);
  });
});
