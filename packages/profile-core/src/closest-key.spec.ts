import { describe, expect, it } from 'vitest';
import { closestKey, editDistance } from './closest-key.js';

describe('editDistance (Levenshtein: insert, delete, substitute each cost 1)', () => {
  it('matches distances worked by hand', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    // kitten -> sitten (k/s) -> sittin (e/i) -> sitting (+g)
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('sitting', 'kitten')).toBe(3);
    // one deletion, one insertion, one substitution
    expect(editDistance('tail_agee_ms', 'tail_age_ms')).toBe(1);
    expect(editDistance('min_interval', 'min_interval_ms')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(2);
    expect(editDistance('flaw', 'lawn')).toBe(2);
  });
});

describe('closestKey', () => {
  it('picks the known key at the smallest distance, the first one on ties', () => {
    expect(closestKey('gama', ['gamma', 'game'])).toBe('gamma');
    expect(closestKey('gamx', ['gamy', 'gamz'])).toBe('gamy');
    expect(closestKey('x', [])).toBeUndefined();
  });

  it('accepts up to max(2, floor(length / 4)) edits and no more', () => {
    // 3 characters: the bound is 2.
    expect(closestKey('abc', ['axx'])).toBe('axx');
    expect(closestKey('abc', ['xxx'])).toBeUndefined();
    // 12 characters: the bound is 3.
    expect(closestKey('abcdefghijkl', ['abcdefghixxx'])).toBe('abcdefghixxx');
    expect(closestKey('abcdefghijkl', ['abcdefghxxxx'])).toBeUndefined();
    // 11 characters: floor(11/4) = 2, so 3 edits are too many.
    expect(closestKey('abcdefghijk', ['abcdefghxxx'])).toBeUndefined();
    expect(closestKey('abcdefghijk', ['abcdefghixx'])).toBe('abcdefghixx');
  });
});
