/** Values out of range, config typos that would read as verdicts, and collisions refused up front (issue 14: 7, 8, 9, 12). */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runMm, scratchRepo } from '../__tests__/run-mm.js';

const GRID = {
  profile: 'S1',
  fields: { min_interval_ms: [60, 100] },
  market: { scenario: 'quiet', seeds: [1] },
  iterations: 1,
  objective: 'net_bps',
  constraints: [{ metric: 'hit_ratio', op: '>=', value: 0.7 }],
};

function refused(root: string, args: string[], message: string | RegExp): void {
  const r = runMm(args, { cwd: root });
  expect(r.code, args.join(' ')).toBe(2);
  expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
  if (typeof message === 'string') expect(r.stderr.trim(), args.join(' ')).toBe(`mm: error: ${message}`);
  else expect(r.stderr, args.join(' ')).toMatch(message);
  expect(existsSync(join(root, 'artifacts')), args.join(' ')).toBe(false);
}

describe('mm soak: ranges checked before anything runs', () => {
  it('iterations, hours, window, seeds: one line, exit 2, nothing written', () => {
    const root = scratchRepo();
    const soak = ['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--quiet'];
    refused(root, [...soak, '--iterations', '1000000000'], '--iterations must be a whole number from 1 to 100000, got "1000000000"');
    refused(root, [...soak, '--iterations', '0x2'], '--iterations must be a whole number from 1 to 100000, got "0x2"');
    refused(root, [...soak, '--iterations', ''], '--iterations must be a whole number from 1 to 100000, got ""');
    refused(root, [...soak, '--hours', '1e9'], '--hours must be a positive number up to 8784, got "1e9"');
    refused(root, [...soak, '--window-s', '1e300'], '--window-s must be a positive number up to 604800, got "1e300"');
    refused(root, [...soak, '--window-s', '0.000001'], /window length 0\.000001 s is outside \[1, 604800\] s/);
    refused(root, [...soak, '--hours', '8000', '--window-s', '1'], /is 28800000 iterations; at most 100000/);
  });

  it('seeds beyond what the generator can honour are refused, not folded onto smaller ones', () => {
    const root = scratchRepo();
    refused(root, ['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--seed', '4294967297'], '--seed must be a whole number from 0 to 2147483647, got "4294967297"');
    refused(root, ['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--seed', '-1'], '--seed must be a whole number from 0 to 2147483647, got "-1"');
    refused(root, ['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--seed', '2147483647', '--seeds', '2'], '--seed 2147483647 with --seeds 2 goes past the largest seed 2147483647');
  });

  it('a gate on a metric that does not exist is a config error naming the nearest metric, not a FAIL', () => {
    const root = scratchRepo();
    writeFileSync(join(root, 'g.json'), JSON.stringify({ hard: [{ metric: 'net_bsp', op: '>', value: 0 }] }));
    refused(root, ['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--gates', 'g.json'], 'g.json: hard[0].metric: unknown metric "net_bsp" (did you mean "net_bps"?)');
  });
});

describe('mm sweep: the grid checked whole before the first cell', () => {
  it('objective and constraint typos, both forms of a field, __proto__, too many cells, --emit-profile base, --workers beyond the cores', () => {
    const root = scratchRepo();
    const grid = (g: object) => {
      writeFileSync(join(root, 'grid.json'), JSON.stringify(g));
      return ['sweep', '--grid', 'grid.json', '--workers', '0', '--quiet'];
    };
    refused(root, grid({ ...GRID, objective: 'net_bsp' }), /grid\.json: objective: unknown metric "net_bsp" \(did you mean "net_bps"\?\)/);
    refused(root, grid({ ...GRID, constraints: [{ metric: 'hit_ratoi', op: '>=', value: 0.7 }] }), /grid\.json: constraints\[0\]\.metric: unknown metric "hit_ratoi" \(did you mean "hit_ratio"\?\)/);
    refused(root, grid({ ...GRID, fields: { base_spread_bps: [0.6, 0.8], base_spread_bps_delta: [0.1] } }), /both base_spread_bps and base_spread_bps_delta are swept/);
    writeFileSync(join(root, 'grid.json'), JSON.stringify(GRID).replace('"fields":{', '"fields":{"__proto__":[1],'));
    refused(root, ['sweep', '--grid', 'grid.json', '--workers', '0', '--quiet'], /fields\.__proto__: not a profile field/);
    const big = Object.fromEntries(['min_interval_ms', 'tail_age_ms', 'replace_rate_per_min', 'max_delta_ratio', 'base_spread_bps_delta'].map((f, i) => [f, Array.from({ length: 7 }, (_, k) => [60 + k, 700 + k, 200 + k, 0.1 + k / 100, k / 10][i])]));
    refused(root, grid({ ...GRID, fields: big }), /16807 cells; at most 10000 per sweep/);
    refused(root, [...grid(GRID), '--emit-profile', 'base'], '--emit-profile base: that name is the base profile; choose another NAME');
    const tooMany = String(availableParallelism() + 1);
    refused(root, ['sweep', '--grid', 'grid.json', '--workers', tooMany, '--quiet'], `--workers must be a whole number from 0 to ${availableParallelism()}, got "${tooMany}"`);
    refused(root, ['sweep', '--grid', 'grid.json', '--workers', '1000', '--force', '--quiet'], '--workers must be a whole number from 0 to 64, got "1000"');
    // Nine child processes: on a loaded 2-core machine each start-up can take seconds.
  }, 240_000);

  it('a worker thread\'s user error (a truncated gzip replay) is the same one line and exit 2 as without workers; nothing written', () => {
    const root = scratchRepo();
    writeFileSync(join(root, 'bad.gz'), gzipSync(Buffer.from('1 {}\n'.repeat(5000))).subarray(0, 200));
    writeFileSync(join(root, 'grid.json'), JSON.stringify({ ...GRID, market: { replay: 'bad.gz', format: 'binance-ws', seeds: [1] } }));
    const lines = [0, 1].map((w) => {
      const r = runMm(['sweep', '--grid', 'grid.json', '--workers', String(w), '--quiet'], { cwd: root });
      expect(r.code, `--workers ${w}`).toBe(2);
      const files = existsSync(join(root, 'artifacts')) ? readdirSync(join(root, 'artifacts'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()) : [];
      expect(files, `--workers ${w}`).toEqual([]);
      return r.stderr.trim();
    });
    expect(lines[1]).toBe(lines[0]);
    expect(lines[0]).toMatch(/^mm: error: .*bad\.gz/);
  });
});
