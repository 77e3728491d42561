/**
 * Every fill of a run, kept for fills.json (which lists every k-th, k known only at the end) without holding
 * them on the heap: rows of float64 columns in a chunk that goes to a scratch file when full, read back once
 * at the end. Memory stays one chunk however long the run (a 72 h soak fills ~0.5M rows, 48 bytes each, on
 * disk). Without a scratch path (tests, unpersisted runs) the full chunks stay in memory.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

/** Columns of a row, in this order. */
const COLS = 6;
/** Rows per chunk (one write of 192 KiB). */
export const FILL_CHUNK_ROWS = 4096;

export interface FillRow {
  t: number;
  side: number;
  px: number;
  qty: number;
  mid: number;
  via: number;
}

export class FillLog {
  private chunk = new Float64Array(FILL_CHUNK_ROWS * COLS);
  private inChunk = 0;
  /** Full chunks kept in memory when there is no scratch file. */
  private readonly kept: Float64Array[] = [];
  private fd: number | undefined;
  private spilled = 0;
  length = 0;

  constructor(private readonly scratchPath?: string) {}

  add(t: number, side: number, px: number, qty: number, mid: number, via: number): void {
    const c = this.chunk;
    const o = this.inChunk * COLS;
    c[o] = t;
    c[o + 1] = side;
    c[o + 2] = px;
    c[o + 3] = qty;
    c[o + 4] = mid;
    c[o + 5] = via;
    this.length += 1;
    if (++this.inChunk === FILL_CHUNK_ROWS) this.flush();
  }

  private flush(): void {
    if (this.scratchPath === undefined) {
      this.kept.push(this.chunk);
      this.chunk = new Float64Array(FILL_CHUNK_ROWS * COLS);
    } else {
      this.fd ??= openSync(this.scratchPath, 'w+');
      const bytes = new Uint8Array(this.chunk.buffer);
      for (let off = 0; off < bytes.length; ) off += writeSync(this.fd, bytes, off, bytes.length - off, this.spilled * bytes.length + off);
      this.spilled += 1;
    }
    this.inChunk = 0;
  }

  /** Rows 0, stride, 2·stride, … in order (columns as added). */
  every(stride: number): FillRow[] {
    const out: FillRow[] = [];
    const full = this.scratchPath === undefined ? this.kept.length : this.spilled;
    const buf = this.scratchPath === undefined ? undefined : new Float64Array(FILL_CHUNK_ROWS * COLS);
    let chunkIndex = -1;
    let rows: Float64Array = this.chunk;
    for (let r = 0; r < this.length; r += stride) {
      const ci = Math.floor(r / FILL_CHUNK_ROWS);
      if (ci !== chunkIndex) {
        chunkIndex = ci;
        if (ci === full) rows = this.chunk;
        else if (buf === undefined) rows = this.kept[ci]!;
        else {
          const bytes = new Uint8Array(buf.buffer);
          for (let off = 0; off < bytes.length; ) {
            const n = readSync(this.fd!, bytes, off, bytes.length - off, ci * bytes.length + off);
            if (n === 0) throw new Error(`${this.scratchPath}: fill rows missing (the scratch file was cut short)`);
            off += n;
          }
          rows = buf;
        }
      }
      const o = (r - ci * FILL_CHUNK_ROWS) * COLS;
      out.push({ t: rows[o]!, side: rows[o + 1]!, px: rows[o + 2]!, qty: rows[o + 3]!, mid: rows[o + 4]!, via: rows[o + 5]! });
    }
    return out;
  }

  /** Closes and removes the scratch file (the rows are gone with it). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    if (this.scratchPath !== undefined) rmSync(this.scratchPath, { force: true });
  }
}
