import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { openBytes, readLineBatches, readTextChunks } from './line-reader.js';

/** Lines long enough to straddle the 1 MB (plain) and 256 KB (gzip) chunks, and no final newline. */
const LINES = ['first', 'x'.repeat(1_500_000), 'short', 'y'.repeat(300_000), '', 'last without newline'];

async function viaPieces(path: string): Promise<string[]> {
  const walked = { lines: 0 };
  const out: string[] = [];
  for await (const { text, start, end } of readTextChunks(path, walked)) {
    expect(text[end - 1]).toBe('\n');
    out.push(...text.slice(start, end - 1).split('\n'));
  }
  return out;
}

describe('line readers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-lines-'));
  const plain = join(dir, 'a.txt');
  const gz = join(dir, 'a.txt.gz');
  writeFileSync(plain, LINES.join('\n'));
  writeFileSync(gz, gzipSync(LINES.join('\n')));

  it('readTextChunks hands out whole lines only, joining the ones that straddle chunks (plain and gzip)', async () => {
    expect(await viaPieces(plain)).toEqual(LINES);
    expect(await viaPieces(gz)).toEqual(LINES);
  });

  it('readLineBatches gives the same lines with their numbers', async () => {
    const lines: string[] = [];
    for await (const b of readLineBatches(gz)) {
      expect(b.firstLine).toBe(lines.length + 1);
      lines.push(...b.lines);
    }
    expect(lines).toEqual(LINES);
  });

  it('keeps a multi-byte character that a chunk boundary cuts in two (plain 1 MiB and gzip 256 KiB chunks)', async () => {
    // 'é' is 2 bytes and '€' 3: put each across the first chunk boundary of both readers.
    const lines = ['a'.repeat((1 << 20) - 1) + 'é€ plain', 'b'.repeat((1 << 18) - 1 - ((1 << 20) + 7 + 4) % (1 << 18)) + '€é gzip', 'end'];
    const p = join(dir, 'utf8.txt');
    writeFileSync(p, lines.join('\n') + '\n');
    writeFileSync(p + '.gz', gzipSync(lines.join('\n') + '\n'));
    expect(await viaPieces(p)).toEqual(lines);
    expect(await viaPieces(p + '.gz')).toEqual(lines);
    expect((await viaPieces(p)).join('')).not.toContain('\uFFFD');
  });

  it('a missing file is an error naming it', () => {
    expect(() => openBytes(join(dir, 'absent.gz'))).toThrow(`${join(dir, 'absent.gz')}: file not found`);
  });
});
