/**
 * The audit trail: one canonical JSON line per order event (PLACE, REPLACE, CANCEL, FILL, BLOCK), each
 * carrying the sha256 of the previous line's hash and its own content, so any edit breaks the chain.
 * An order event's line is written as bytes into a 1 MiB buffer through a fixed template (audit-line.ts), its
 * hash taken with the one-shot hash over those bytes, and the buffer written out whole when full and at the end:
 * no string per line, nothing that outlives the line on the heap.
 */
import { canonicalLine } from '@mm-profiles/profile-core';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { sha256HexOf, writeEventBody } from './internal/audit-line.js';

export const GENESIS = '0'.repeat(64);

/** Order events, and SWITCH: the edge policy changed the quoted profile (side null; reason `FROM->TO:why`). */
export type AuditType = 'PLACE' | 'REPLACE' | 'CANCEL' | 'FILL' | 'BLOCK' | 'REJECT' | 'SWITCH';

/**
 * How much of the order flow a run's audit keeps: `full` every line; `fills` every line but BLOCK, whose lines
 * become one BLOCKS record per window that had any (counts by `kind:reason`, the BLOCK lines' reason); `off` no
 * audit at all (the summary says so).
 */
export const AUDIT_MODES = ['full', 'fills', 'off'] as const;
export type AuditMode = (typeof AUDIT_MODES)[number];

/** The totals the last line of a persisted audit (type END) records, binding the log to its run. */
export interface AuditTotals {
  complete: boolean;
  iterations: number;
  fills: number;
  places: number;
  replaces: number;
  cancels: number;
  rejects: number;
  net_bps: number;
  metrics_sha256: string;
  /** `fills` only (absent: full): the log holds BLOCKS window counts instead of BLOCK lines. */
  audit_mode?: 'fills';
}

export interface AuditRecord {
  seq: number;
  ts: number;
  type: AuditType;
  side: 'bid' | 'ask' | null;
  order_id: number | null;
  px: number | null;
  qty: number | null;
  reason: string | null;
  /** FILL only: how it filled (cross, trade_through, queue), maker or taker, and a probabilistic queue's probability. */
  via?: 'cross' | 'trade_through' | 'queue';
  liquidity?: 'maker' | 'taker';
  prob?: number;
}

function hashOf(prev: string, body: string): string {
  return sha256HexOf(prev + body);
}

/** The write buffer's size: few, large writes (the log of a day is ~100 MB), off the JS heap. */
const BUFFER_BYTES = 1 << 20;
/** Bytes of a line after its body's `}`: `,"prev":"<64>","hash":"<64>"}` and the newline. */
const TAIL_BYTES = 10 + 64 + 10 + 64 + 3;
const PREV_KEY = Buffer.from(',"prev":"', 'latin1');
const HASH_KEY = Buffer.from('","hash":"', 'latin1');

export class AuditLog {
  private prev = GENESIS;
  /** The previous line's hash as its 64 hex bytes (what the next line's hash starts with). */
  private readonly prevBytes = Buffer.from(GENESIS, 'latin1');
  private seq = 0;
  /** Pending lines' bytes, `buffer[0..pos)`. */
  private readonly buffer: Buffer;
  private pos = 0;
  /** `fills`: this window's blocks by `kind:reason`. */
  private windowBlocks = new Map<string, number>();
  private readonly path: string | null;

  /** `path` null: nothing is written (a sweep cell), lines are only counted. */
  constructor(path: string | null, readonly mode: AuditMode = 'full') {
    this.path = mode === 'off' ? null : path;
    this.buffer = Buffer.allocUnsafe(this.path ? BUFFER_BYTES : 0);
    if (this.path) writeFileSync(this.path, '');
  }

  append(r: Omit<AuditRecord, 'seq'>): void {
    if (this.mode === 'off') return;
    if (this.mode === 'fills' && r.type === 'BLOCK') {
      const why = r.reason ?? '';
      this.windowBlocks.set(why, (this.windowBlocks.get(why) ?? 0) + 1);
      return;
    }
    // Not persisted (a sweep cell): only count; hashing lines nobody keeps is most of the log's cost.
    if (!this.path) {
      this.seq += 1;
      return;
    }
    const seq = ++this.seq;
    // The hash covers the previous hash, then the body: both are written here, the hash taken over them, and the
    // body moved down over the previous hash (the line starts with its body).
    const buf = this.buffer;
    if (buf.length - this.pos < BUFFER_BYTES / 4) this.flush();
    const at = this.pos;
    buf.set(this.prevBytes, at);
    const end = writeEventBody(buf, at + 64, r, seq);
    if (end < 0 || buf.length - end < TAIL_BYTES) {
      // Outside the template, or too long for the buffer: the generic way (same bytes).
      this.push(canonicalLine({ ...r, seq }));
      return;
    }
    const hash = sha256HexOf(buf.subarray(at, end));
    buf.copyWithin(at, at + 64, end - 1);
    this.pos = this.tail(end - 65, hash);
  }

  /**
   * End of window `iteration` at `ts`: in `fills` mode, its BLOCKS record (when anything was blocked), keys
   * sorted like every line. Nothing in the other modes.
   */
  closeWindow(iteration: number, ts: number): void {
    if (this.mode !== 'fills' || this.windowBlocks.size === 0) return;
    const counts = Object.fromEntries(this.windowBlocks);
    this.windowBlocks = new Map();
    if (!this.path) {
      this.seq += 1;
      return;
    }
    this.push(canonicalLine({ seq: ++this.seq, ts, type: 'BLOCKS', iteration, counts }));
  }

  /** Ends a persisted log with an END line carrying the run's totals, and writes out what is buffered. */
  close(ts: number, totals: AuditTotals): void {
    if (!this.path) return;
    const t: AuditTotals = this.mode === 'fills' ? { ...totals, audit_mode: 'fills' } : totals;
    this.push(canonicalLine({ seq: ++this.seq, ts, type: 'END', totals: t }));
    this.flush();
  }

  /** What the summary records: the mode (when not full), the log's length and last hash (when one is kept). */
  get record(): { mode?: AuditMode; lines?: number; head?: string } {
    if (this.mode === 'off') return { mode: 'off' };
    return this.mode === 'full' ? { lines: this.seq, head: this.prev } : { mode: this.mode, lines: this.seq, head: this.prev };
  }

  /** A line whose body is a string (BLOCKS, END, a record outside the template). */
  private push(body: string): void {
    const hash = hashOf(this.prev, body);
    // The hash goes last so a reader can strip it to get the body back.
    const line = `${body.slice(0, -1)},"prev":"${this.prev}","hash":"${hash}"}\n`;
    this.prevBytes.write(hash, 0, 'latin1');
    this.prev = hash;
    if (this.buffer.length - this.pos < 3 * line.length) this.flush();
    if (this.buffer.length - this.pos < 3 * line.length) appendFileSync(this.path!, line);
    else this.pos += this.buffer.write(line, this.pos, 'utf8');
  }

  /** Writes `,"prev":"…","hash":"…"}` and the newline at `at` (after a body without its `}`); the hash becomes prev. */
  private tail(at: number, hash: string): number {
    const buf = this.buffer;
    buf.set(PREV_KEY, at);
    buf.set(this.prevBytes, at + 9);
    buf.set(HASH_KEY, at + 73);
    buf.write(hash, at + 83, 'latin1');
    buf.copy(this.prevBytes, 0, at + 83, at + 147);
    buf[at + 147] = 34; // '"'
    buf[at + 148] = 125; // '}'
    buf[at + 149] = 10; // '\n'
    this.prev = hash;
    return at + 150;
  }

  get count(): number {
    return this.seq;
  }

  get head(): string {
    return this.prev;
  }

  /** Writes out the buffered lines (the file holds every line appended so far). */
  flush(): void {
    if (this.path && this.pos > 0) appendFileSync(this.path, this.buffer.subarray(0, this.pos));
    this.pos = 0;
  }
}

export interface AuditVerification {
  ok: boolean;
  lines: number;
  /** The last line's hash (GENESIS for an empty log) when the chain holds. */
  head?: string;
  /** Lines by type (PLACE, FILL, ..., END) when the chain holds. */
  counts?: Record<string, number>;
  /** The last line's record (without prev/hash) when the chain holds. */
  last?: Record<string, unknown>;
  /** 1-based line of the first break, and why. */
  brokenAt?: number;
  reason?: string;
}

/** Checks every line's hash and link to the previous one. */
export function verifyAudit(text: string): AuditVerification {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let prev = GENESIS;
  const counts = new Map<string, number>();
  let last: Record<string, unknown> | undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\{.*),"prev":"([0-9a-f]{64})","hash":"([0-9a-f]{64})"\}$/.exec(lines[i]!);
    if (!m) return { ok: false, lines: lines.length, brokenAt: i + 1, reason: 'not an audit line' };
    const [, bodyStart, p, h] = m;
    if (p !== prev) return { ok: false, lines: lines.length, brokenAt: i + 1, reason: 'prev does not match the previous line\'s hash' };
    let body: string;
    try {
      last = JSON.parse(bodyStart + '}') as Record<string, unknown>;
      body = canonicalLine(last);
    } catch {
      return { ok: false, lines: lines.length, brokenAt: i + 1, reason: 'malformed JSON' };
    }
    if (body !== bodyStart + '}' || hashOf(prev, body) !== h) {
      return { ok: false, lines: lines.length, brokenAt: i + 1, reason: 'hash does not match the line\'s content' };
    }
    prev = h!;
    const type = String(last['type']);
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return { ok: true, lines: lines.length, head: prev, counts: Object.fromEntries(counts), last };
}

export function verifyAuditFile(path: string): AuditVerification {
  return verifyAudit(readFileSync(path, 'utf8'));
}
