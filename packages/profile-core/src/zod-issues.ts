/** Turns zod issues into one-line messages that name the file, the key and what would fix it. */
import type { z } from 'zod';
import { closestKey } from './closest-key.js';

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** "an object", "an array", "a number". */
const article = (noun: string) => (/^[aeiou]/.test(noun) ? 'an' : 'a');

export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  label: string,
  input: unknown,
  knownKeys: readonly string[] = [],
): string[] {
  const messages: string[] = [];
  for (const issue of issues) {
    const where = issue.path.length ? `key "${issue.path.join('.')}"` : '';
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const at = issue.path.length ? ` in "${issue.path.join('.')}"` : '';
        const hint = closestKey(key, knownKeys);
        messages.push(
          `${label}: unknown key "${key}"${at}` + (hint ? ` (did you mean "${hint}"?)` : knownKeys.length ? ` (known: ${knownKeys.join(', ')})` : ''),
        );
      }
    } else if (issue.code === 'invalid_type') {
      const got = valueAt(input, issue.path);
      if (issue.path.length === 0) {
        messages.push(`${label}: expected a JSON ${issue.expected}, got ${describeValue(got)}`);
      } else if (got === undefined) {
        messages.push(`${label}: ${where} is missing (expected ${article(issue.expected)} ${issue.expected})`);
      } else {
        messages.push(`${label}: ${where} must be ${article(issue.expected)} ${issue.expected}, got ${describeValue(got)}`);
      }
    } else {
      messages.push(`${label}: ${where ? where + ' ' : ''}${issue.message}${where ? ` (value ${JSON.stringify(valueAt(input, issue.path))})` : ''}`);
    }
  }
  return messages;
}
