/**
 * Streaming lines from a plain or gzip file (told apart by the gzip magic bytes), in batches per chunk, with
 * Node's own zlib. Nothing but the current chunk is held in memory. A truncated or corrupt gzip is a
 * MarketDataError naming the file and the last whole line read.
 */
import { createReadStream, existsSync, openSync, readSync, closeSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { MarketDataError } from './market-event.js';

export function isGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

export function openBytes(path: string): Readable {
  if (!existsSync(path)) throw new MarketDataError(`${path}: file not found`);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (!isGzip(path)) return raw;
  const gunzip = createGunzip({ chunkSize: 1 << 18 });
  raw.on('error', (e) => gunzip.destroy(e));
  return raw.pipe(gunzip);
}

/**
 * Lines of a file in batches (one batch per decompressed chunk). `lineNo` of a batch's first line is
 * `firstLine`. The last line need not end with a newline.
 */
export async function* readLineBatches(path: string): AsyncGenerator<{ lines: string[]; firstLine: number }> {
  const stream = openBytes(path);
  let carry = '';
  let lineNo = 1;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = carry + chunk.toString('utf8');
      const lines = text.split('\n');
      carry = lines.pop()!;
      if (lines.length) {
        yield { lines, firstLine: lineNo };
        lineNo += lines.length;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('Z_') || /unexpected end of file|incorrect header|invalid/i.test((error as Error).message)) {
      throw new MarketDataError(`${path}: truncated or corrupt gzip after line ${lineNo - 1} (${(error as Error).message})`);
    }
    throw error;
  }
  if (carry !== '') yield { lines: [carry], firstLine: lineNo };
}
