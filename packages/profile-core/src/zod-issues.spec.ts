import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeIssues } from './zod-issues.js';

const schema = z.strictObject({
  n: z.number(),
  s: z.string(),
  o: z.strictObject({ a: z.number() }),
  arr: z.array(z.number()),
  pos: z.number().positive(),
  inner: z.strictObject({ deep: z.strictObject({ x: z.number() }) }).optional(),
});
const good = { n: 1, s: 'x', o: { a: 1 }, arr: [1], pos: 1 };
const described = (raw: unknown, known: readonly string[] = []) => {
  const r = schema.safeParse(raw);
  return r.success ? [] : describeIssues(r.error.issues, 'f.json', raw, known);
};

describe('describeIssues', () => {
  it('the whole document of the wrong type: what was expected and what came', () => {
    expect(described([1])).toEqual(['f.json: expected a JSON object, got an array']);
    expect(described(null)).toEqual(['f.json: expected a JSON object, got null']);
    expect(described('x')).toEqual(['f.json: expected a JSON object, got string "x"']);
    expect(described(3)).toEqual(['f.json: expected a JSON object, got number 3']);
    expect(described(true)).toEqual(['f.json: expected a JSON object, got boolean true']);
  });

  it('a key of the wrong type: its dotted path, the type with its article, the value as given', () => {
    expect(described({ ...good, n: 'one' })).toEqual(['f.json: key "n" must be a number, got string "one"']);
    expect(described({ ...good, s: 2 })).toEqual(['f.json: key "s" must be a string, got number 2']);
    expect(described({ ...good, o: [] })).toEqual(['f.json: key "o" must be an object, got an array']);
    expect(described({ ...good, arr: {} })).toEqual(['f.json: key "arr" must be an array, got an object']);
    expect(described({ ...good, o: { a: null } })).toEqual(['f.json: key "o.a" must be a number, got null']);
    expect(described({ ...good, arr: [1, false] })).toEqual(['f.json: key "arr.1" must be a number, got boolean false']);
    expect(described({ ...good, inner: { deep: { x: 'y' } } })).toEqual(['f.json: key "inner.deep.x" must be a number, got string "y"']);
  });

  it('a missing key says missing, with what belongs there', () => {
    const { n: _n, ...noN } = good;
    expect(described(noN)).toEqual(['f.json: key "n" is missing (expected a number)']);
    const { o: _o, ...noO } = good;
    expect(described(noO)).toEqual(['f.json: key "o" is missing (expected an object)']);
    expect(described({ ...good, inner: {} })).toEqual(['f.json: key "inner.deep" is missing (expected an object)']);
  });

  it('an unknown key: the nearest known key, else the list of known keys, else nothing more', () => {
    expect(described({ ...good, nn: 1 }, ['n', 's'])).toEqual(['f.json: unknown key "nn" (did you mean "n"?)']);
    expect(described({ ...good, zzzzzzzz: 1 }, ['n', 's'])).toEqual(['f.json: unknown key "zzzzzzzz" (known: n, s)']);
    expect(described({ ...good, zzzzzzzz: 1 })).toEqual(['f.json: unknown key "zzzzzzzz"']);
    expect(described({ ...good, o: { a: 1, b: 2, c: 3 } })).toEqual(['f.json: unknown key "b" in "o"', 'f.json: unknown key "c" in "o"']);
  });

  it('any other rule: its message, with the key and the value when there is a key', () => {
    expect(described({ ...good, pos: -2 })).toEqual(['f.json: key "pos" Too small: expected number to be >0 (value -2)']);
    const refined = z.number().refine((x) => x > 5, 'must be over 5');
    const r = refined.safeParse(1);
    expect(r.success ? [] : describeIssues(r.error.issues, 'v', 1)).toEqual(['v: must be over 5']);
  });

  it('every issue gives a line, in order', () => {
    expect(described({ n: 'a', s: 1, o: { a: 1 }, arr: [], pos: 0 })).toEqual([
      'f.json: key "n" must be a number, got string "a"',
      'f.json: key "s" must be a string, got number 1',
      'f.json: key "pos" Too small: expected number to be >0 (value 0)',
    ]);
  });
});

describe('describeIssues: the value at a path that runs through a non-object', () => {
  it('reads as no value (the issue came from another view of the input), never a character or a crash', () => {
    const issue = (path: PropertyKey[]) => [{ code: 'custom' as const, path, message: 'is wrong', input: undefined }];
    expect(describeIssues(issue(['a', '0']), 'f', { a: 'xyz' })).toEqual(['f: key "a.0" is wrong (value undefined)']);
    expect(describeIssues(issue(['a', 'b']), 'f', { a: null })).toEqual(['f: key "a.b" is wrong (value undefined)']);
    expect(describeIssues(issue(['a', 'b']), 'f', { a: { b: 2 } })).toEqual(['f: key "a.b" is wrong (value 2)']);
  });
});

describe('describeIssues: unknown keys deeper down, and without known keys given', () => {
  it('names the dotted object path the key is in; no known keys means no hint', () => {
    const r = schema.safeParse({ ...good, inner: { deep: { x: 1, y: 2 } } });
    expect(r.success ? [] : describeIssues(r.error.issues, 'f.json', {})).toEqual(['f.json: unknown key "y" in "inner.deep"']);
  });
});
