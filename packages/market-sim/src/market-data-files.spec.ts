import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fixtureDataFile, sharedDataFile } from './market-data-files.js';

describe('market data files for tests', () => {
  const base = mkdtempSync(join(tmpdir(), 'mm-data-'));
  const root = join(base, 'repo');
  mkdirSync(join(root, 'packages/market-sim/fixtures/market-data'), { recursive: true });
  writeFileSync(join(root, 'packages/market-sim/fixtures/market-data/a.csv'), 'x');
  mkdirSync(join(base, 'shared/data'), { recursive: true });
  writeFileSync(join(base, 'shared/data/full.csv'), 'x');

  it('a fixture: its path, or an error when the checkout lacks it', () => {
    expect(fixtureDataFile(root, 'a.csv')).toBe(join(root, 'packages/market-sim/fixtures/market-data/a.csv'));
    expect(() => fixtureDataFile(root, 'b.csv')).toThrow(/missing test fixture .*b\.csv/);
  });

  it('a shared capture: its path; missing, a warning naming it, or an error when required', () => {
    expect(sharedDataFile(root, 'full.csv', {})).toBe(join(base, 'shared/data/full.csv'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(sharedDataFile(root, 'gone.csv', {})).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(`full-file test skipped: ${join(base, 'shared/data/gone.csv')} not found (the committed slices still run)`);
    warn.mockRestore();
    expect(() => sharedDataFile(root, 'gone.csv', { MM_REQUIRE_SHARED_DATA: '1' })).toThrow(/MM_REQUIRE_SHARED_DATA=1 requires it/);
  });

  it('a mutation run (MM_MUTATION=1) leaves a shared capture out even where it exists, with a line saying so', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(sharedDataFile(root, 'full.csv', { MM_MUTATION: '1', MM_REQUIRE_SHARED_DATA: '1' })).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(`full-file test left out of the mutation run: ${join(base, 'shared/data/full.csv')} (MM_MUTATION=1; the committed slices still run)`);
    warn.mockRestore();
  });
});
