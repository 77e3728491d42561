import { existsSync, mkdtempSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILL_CHUNK_ROWS, FillLog } from './fill-log.js';

/** Row i of the test: distinct in every column, -0 and fractions included. */
const row = (i: number) => ({ t: i * 1_000_003, side: i % 3 ? 1 : -1, px: 100 + i / 7, qty: i % 5 === 0 ? -0 : 0.001 * i, mid: 100.05 + i / 11, via: i % 3 });

describe('FillLog', () => {
  const n = 3 * FILL_CHUNK_ROWS + 17;
  for (const where of ['a scratch file', 'memory'] as const) {
    it(`every k-th row back as added, across chunks (${where})`, () => {
      const path = where === 'memory' ? undefined : join(mkdtempSync(join(tmpdir(), 'mm-fill-log-')), '.fills.scratch');
      const log = new FillLog(path);
      for (let i = 0; i < n; i++) {
        const r = row(i);
        log.add(r.t, r.side, r.px, r.qty, r.mid, r.via);
      }
      expect(log.length).toBe(n);
      // Three full chunks went to the file (48 bytes a row); the last 17 rows are still in memory.
      if (path) expect(statSync(path).size).toBe(3 * FILL_CHUNK_ROWS * 48);
      for (const stride of [1, 2, 7, FILL_CHUNK_ROWS, FILL_CHUNK_ROWS + 1, n]) {
        const want: ReturnType<typeof row>[] = [];
        for (let i = 0; i < n; i += stride) want.push(row(i));
        const got = log.every(stride);
        expect(got).toEqual(want);
        expect(got.every((g, k) => Object.is(g.qty, want[k]!.qty))).toBe(true);
      }
      log.close();
      if (path) expect(existsSync(path)).toBe(false);
    });
  }

  it('no rows: nothing back, no file made', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mm-fill-log-')), '.fills.scratch');
    const log = new FillLog(path);
    expect(log.every(1)).toEqual([]);
    expect(existsSync(path)).toBe(false);
    log.close();
  });

  it('a scratch file cut short is an error naming it, not rows of zeros', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'mm-fill-log-')), '.fills.scratch');
    const log = new FillLog(path);
    for (let i = 0; i < FILL_CHUNK_ROWS + 1; i++) log.add(i, 1, 100, 1, 100, 0);
    // The first chunk is on disk; half of it goes missing.
    truncateSync(path, (FILL_CHUNK_ROWS * 48) / 2);
    expect(() => log.every(1)).toThrow(new Error(`${path}: fill rows missing (the scratch file was cut short)`));
    log.close();
  });
});
