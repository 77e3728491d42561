/**
 * Streaming lines from a plain or gzip file (told apart by the gzip magic bytes), in batches per chunk, with
 * Node's own zlib. Nothing but the current chunk is held in memory. A truncated or corrupt gzip is a
 * MarketDataError naming the file and the last whole line read.
 */
import { createReadStream, existsSync, openSync, readSync, closeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
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
 * The file's text as pieces `text[start, end)` of whole lines, each ending in a newline (one is added at the
 * end of the file when missing). For readers that walk text by position instead of splitting it into line
 * strings. Each decoded chunk is handed out as it is, flat and unsliced (what charCodeAt and indexOf read
 * fastest); only the line that straddles two chunks is joined into a piece of its own. The reader counts
 * lines in `walked.lines` as it goes, so a gzip error can name the last whole line read.
 */
export async function* readTextChunks(path: string, walked: { lines: number }): AsyncGenerator<{ text: string; start: number; end: number }> {
  const stream = openBytes(path);
  let carry = '';
  // A streaming decoder: a multi-byte character split across two chunks is held back, not turned into U+FFFD.
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = decoder.write(chunk);
      const first = text.indexOf('\n') + 1;
      if (first === 0) {
        carry += text;
        continue;
      }
      let start = 0;
      if (carry !== '') {
        const joined = carry + text.slice(0, first);
        yield { text: joined, start: 0, end: joined.length };
        start = first;
      }
      const end = text.lastIndexOf('\n') + 1;
      carry = text.slice(end);
      if (end > start) yield { text, start, end };
    }
  } catch (error) {
    throw gzipError(error, path, walked.lines + 1);
  }
  carry += decoder.end();
  if (carry !== '') yield { text: carry + '\n', start: 0, end: carry.length + 1 };
}

function gzipError(error: unknown, path: string, lineNo: number): unknown {
  const code = (error as { code?: string }).code ?? '';
  if (code.startsWith('Z_') || /unexpected end of file|incorrect header|invalid/i.test((error as Error).message)) {
    return new MarketDataError(`${path}: truncated or corrupt gzip after line ${lineNo - 1} (${(error as Error).message})`);
  }
  return error;
}

/**
 * Lines of a file in batches (one batch per piece of `readTextChunks`), split into strings. `lineNo` of a
 * batch's first line is `firstLine`. The last line need not end with a newline.
 */
export async function* readLineBatches(path: string): AsyncGenerator<{ lines: string[]; firstLine: number }> {
  const walked = { lines: 0 };
  for await (const { text, start, end } of readTextChunks(path, walked)) {
    const lines = text.slice(start, end - 1).split('\n');
    yield { lines, firstLine: walked.lines + 1 };
    walked.lines += lines.length;
  }
}
