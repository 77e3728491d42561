/**
 * The audit trail's serializer: each record kind through a fixed template of its keys in sorted order, so a
 * line costs string concatenation instead of a generic key sort and a JSON.stringify of a fresh object. The
 * bytes are canonicalLine's (profile-core) for every record the log writes — the chain hashes them, so the
 * templates may not drift; audit-line.spec.ts checks them against canonicalLine on generated records.
 */
import * as crypto from 'node:crypto';
import { canonicalLine } from '@mm-profiles/profile-core';

/** The keys an order event (PLACE, REPLACE, CANCEL, FILL, BLOCK, REJECT, SWITCH) may carry, sorted. */
const EVENT_KEYS = ['liquidity', 'order_id', 'prob', 'px', 'qty', 'reason', 'seq', 'side', 'ts', 'type', 'via'] as const;
const EVENT_KEY_SET: ReadonlySet<string> = new Set(EVENT_KEYS);
/** `"key":` for each, built once. */
const KEY_PREFIX: Record<string, string> = Object.fromEntries(EVENT_KEYS.map((k) => [k, `${JSON.stringify(k)}:`]));

/** One JSON value as canonicalLine writes it (scalars only; objects go the generic way). */
function scalar(v: unknown): string {
  if (typeof v === 'number') {
    // Number's own toString is JSON's (including -0 -> "0"); canonical JSON refuses what JSON cannot hold.
    if (!Number.isFinite(v)) throw new TypeError(`canonical JSON cannot hold ${v}`);
    return '' + v;
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return canonicalLine(v);
}

/**
 * The canonical line of an audit record (without the newline). `seq` is passed apart so the caller need not
 * copy the record to add it. A record with a key outside the template (END's totals, or anything unforeseen)
 * takes canonicalLine itself: the bytes are the same either way, only the speed differs.
 */
export function auditBody(r: Readonly<Record<string, unknown>>, seq: number): string {
  for (const k in r) if (!EVENT_KEY_SET.has(k)) return canonicalLine({ ...r, seq });
  let out = '{';
  for (let i = 0; i < EVENT_KEYS.length; i++) {
    const k = EVENT_KEYS[i]!;
    const v = k === 'seq' ? seq : r[k];
    if (v === undefined) continue;
    out += (out.length > 1 ? ',' : '') + KEY_PREFIX[k] + scalar(v);
  }
  return out + '}';
}

type OneShot = (algorithm: string, data: string, encoding: 'hex') => string;
/** Node >= 20.12 / 21.7 hashes a string in one call; older versions build a Hash object. */
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

export function sha256HexOf(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');
}
