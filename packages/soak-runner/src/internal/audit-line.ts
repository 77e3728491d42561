/**
 * The audit trail's serializer: an order event's canonical JSON written as UTF-8 bytes straight into a buffer,
 * its keys in a fixed sorted template (no generic key sort, no JSON.stringify of a fresh object, no string per
 * line): integers digit by digit, other numbers through Number's own toString, plain ASCII strings byte by
 * byte, anything else through JSON.stringify. The bytes are canonicalLine's (profile-core) for every record the
 * log writes — the chain hashes them, so the template may not drift; audit-line.spec.ts checks them against
 * canonicalLine on generated records.
 */
import * as crypto from 'node:crypto';
import { canonicalLine } from '@mm-profiles/profile-core';

/** The keys an order event (PLACE, REPLACE, CANCEL, FILL, BLOCK, REJECT, SWITCH) may carry, sorted. */
const EVENT_KEYS = ['liquidity', 'order_id', 'prob', 'px', 'qty', 'reason', 'seq', 'side', 'ts', 'type', 'via'] as const;

/** `,"key":` for each key (the leading comma dropped for the first key written), as bytes, built once. */
const KEY_BYTES = EVENT_KEYS.map((k) => Buffer.from(`,${JSON.stringify(k)}:`, 'latin1'));

/** Bytes a number takes at most (`-1.2345678901234567e-308`). */
const NUMBER_MAX_BYTES = 32;
/** Bytes a line takes at most besides its strings' characters: every key, a number for each, the braces and quotes. */
const LINE_RESERVE = KEY_BYTES.reduce((n, b) => n + b.length + NUMBER_MAX_BYTES + 2, 0) + 2;

/** The order event's fields, read by name (the template's order is EVENT_KEYS'). */
interface EventFields {
  liquidity?: unknown;
  order_id?: unknown;
  prob?: unknown;
  px?: unknown;
  qty?: unknown;
  reason?: unknown;
  side?: unknown;
  ts?: unknown;
  type?: unknown;
  via?: unknown;
}

function copyInto(out: Uint8Array, at: number, bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) out[at + i] = bytes[i]!;
  return at + bytes.length;
}

/** A safe integer's decimal digits (JSON's: -0 is "0"), in int32 arithmetic: above 10^9, the high part, then 9 digits. */
function writeInteger(out: Uint8Array, at: number, v: number): number {
  if (v < 0) {
    out[at++] = 45; // '-'
    v = -v;
  }
  if (v < 1e9) return writeSmall(out, at, v, 0);
  const high = Math.floor(v / 1e9);
  return writeSmall(out, writeInteger(out, at, high), v - high * 1e9, 9);
}

/** 0 <= v < 10^9 in at least `width` digits (zeros in front). */
function writeSmall(out: Uint8Array, at: number, v: number, width: number): number {
  let n = v | 0;
  let digits = 1;
  for (let t = n; t >= 10; t = (t / 10) | 0) digits += 1;
  if (digits < width) digits = width;
  for (let i = at + digits - 1; i >= at; i--) {
    const q = (n / 10) | 0;
    out[i] = 48 + n - q * 10;
    n = q;
  }
  return at + digits;
}

function writeAscii(out: Uint8Array, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) out[at + i] = s.charCodeAt(i);
  return at + s.length;
}

/** 10^d for the decimals a short decimal may have. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/**
 * A finite number that is not a safe integer, as Number's toString (JSON's) writes it. The fast way: when
 * v == n / 10^d for a whole n of at most 15 digits and d <= 9 decimals (a price on a tick grid, a lot size),
 * the decimal n·10^-d parses back to v (the division is correctly rounded, like parsing), and no other decimal
 * of at most 15 significant digits does (they map to distinct doubles), so it is the shortest round trip,
 * the digits toString picks; written from n in whole-number arithmetic. Anything else through toString.
 */
function writeFraction(out: Uint8Array, at: number, v: number): number {
  const a = v < 0 ? -v : v;
  if (a >= 1e-6 && a < 1e14) {
    for (let d = 1; d <= 9; d++) {
      const p = POW10[d]!;
      const n = Math.round(a * p);
      if (n / p !== a) continue;
      if (n >= 1e15) break;
      if (v < 0) out[at++] = 45; // '-'
      const whole = Math.floor(n / p);
      at = writeInteger(out, at, whole);
      out[at++] = 46; // '.'
      return writeSmall(out, at, n - whole * p, d);
    }
  }
  return writeAscii(out, at, '' + v);
}

/** A string as JSON writes it: ASCII without escapes byte by byte, anything else through JSON.stringify. */
function writeString(out: Buffer, at: number, s: string): number {
  // Room for the worst case (every UTF-16 unit escaped as \uXXXX), and the line's other values after it.
  if (at + 6 * s.length + LINE_RESERVE > out.length) return -1;
  out[at] = 34; // '"'
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 34 || c === 92 || c > 0x7e) return at + out.write(JSON.stringify(s), at, 'utf8');
    out[at + 1 + i] = c;
  }
  out[at + 1 + s.length] = 34;
  return at + s.length + 2;
}

/** One JSON scalar as canonicalLine writes it, or -1: an object or array (the generic way takes the record). */
function writeScalar(out: Buffer, at: number, v: unknown): number {
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return writeInteger(out, at, v);
    // Canonical JSON refuses what JSON cannot hold.
    if (!Number.isFinite(v)) throw new TypeError(`canonical JSON cannot hold ${v}`);
    return writeFraction(out, at, v);
  }
  if (typeof v === 'string') return writeString(out, at, v);
  if (v === null) return writeAscii(out, at, 'null');
  if (typeof v === 'boolean') return writeAscii(out, at, v ? 'true' : 'false');
  return -1;
}

function isEventKey(k: string): boolean {
  switch (k) {
    case 'ts':
    case 'type':
    case 'side':
    case 'order_id':
    case 'px':
    case 'qty':
    case 'reason':
    case 'via':
    case 'liquidity':
    case 'prob':
    case 'seq':
      return true;
    default:
      return false;
  }
}

/**
 * Writes the canonical line of an order event (without the newline) as UTF-8 at `out[at..]` and returns where
 * it ends, or -1 when the template does not fit: a key outside it (END's totals, or anything unforeseen), a
 * non-scalar value, or too little room left in `out`. Then nothing is promised about `out[at..]` and the
 * caller takes canonicalLine itself: the bytes are the same either way, only the speed differs. `seq` is
 * passed apart so the caller need not copy the record to add it.
 */
export function writeEventBody(out: Buffer, at: number, r: EventFields, seq: number): number {
  for (const k in r) if (!isEventKey(k)) return -1;
  if (at + LINE_RESERVE > out.length) return -1;
  const start = at;
  // Each key in EVENT_KEYS' order, read by name.
  at = field(out, at, 0, r.liquidity);
  at = field(out, at, 1, r.order_id);
  at = field(out, at, 2, r.prob);
  at = field(out, at, 3, r.px);
  at = field(out, at, 4, r.qty);
  at = field(out, at, 5, r.reason);
  at = field(out, at, 6, seq);
  at = field(out, at, 7, r.side);
  at = field(out, at, 8, r.ts);
  at = field(out, at, 9, r.type);
  at = field(out, at, 10, r.via);
  if (at < 0) return -1;
  // The first key's comma becomes the opening brace.
  out[start] = 123; // '{'
  out[at] = 125; // '}'
  return at + 1;
}

/** `,"key":value` for EVENT_KEYS[i] (nothing when undefined, as JSON drops it); -1 stays -1. */
function field(out: Buffer, at: number, i: number, v: unknown): number {
  if (at < 0 || v === undefined) return at;
  return writeScalar(out, copyInto(out, at, KEY_BYTES[i]!), v);
}

/** Room for auditBody's bytes. */
let scratch = Buffer.allocUnsafe(1 << 12);

/** The canonical line of an audit record (without the newline), as a string: writeEventBody's bytes, or canonicalLine's. */
export function auditBody(r: Readonly<Record<string, unknown>>, seq: number): string {
  let need = LINE_RESERVE;
  for (const k in r) {
    const v = r[k];
    if (typeof v === 'string') need += 6 * v.length;
  }
  if (need > scratch.length) scratch = Buffer.allocUnsafe(need);
  const end = writeEventBody(scratch, 0, r, seq);
  return end >= 0 ? scratch.toString('utf8', 0, end) : canonicalLine({ ...r, seq });
}

type OneShot = (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string;
/** Node >= 20.12 / 21.7 hashes in one call; older versions build a Hash object. */
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

/** sha256 of a string's UTF-8 bytes, or of bytes, as hex. */
export function sha256HexOf(data: string | Uint8Array): string {
  return oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}
