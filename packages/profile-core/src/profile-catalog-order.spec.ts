/** The catalog's order does not depend on the file system's: readdir order is whatever the disk gives. */
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return { ...fs, readdirSync: () => ['market_maker_b.json', 'notes.json', 'market_maker_S1.json', 'market_maker_A.json', 'base.json'] };
});
const { listProfileNames } = await import('./profile-catalog.js');

describe('listProfileNames', () => {
  it('sorted by code point whatever order the folder lists them in', () => {
    expect(listProfileNames('/any')).toEqual(['A', 'S1', 'b']);
  });
});
