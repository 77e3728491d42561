/**
 * Canonical JSON: keys sorted at every depth, no spaces, one trailing newline. Same value -> same bytes, which
 * is what makes artifacts diffable and hashable.
 */
import { createHash } from 'node:crypto';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      // defineProperty: a "__proto__" key from user JSON stays a key instead of changing the prototype.
      if (v !== undefined) Object.defineProperty(out, key, { value: sortKeys(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`canonical JSON cannot hold ${value}`);
  }
  return value;
}

/** One canonical line without the newline, e.g. for JSONL records. */
export function canonicalLine(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** A canonical JSON document: the line plus one trailing newline. */
export function canonicalJson(value: unknown): string {
  return canonicalLine(value) + '\n';
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
