import { describe, expect, it } from 'vitest';
import { parseJsonText } from './json-file.js';

describe('parseJsonText', () => {
  it('reports line and column of a trailing comma', () => {
    expect(() => parseJsonText('{\n  "a": 1,\n}', 'f.json')).toThrow('f.json:3:1: malformed JSON: expected a double-quoted property name');
  });
  it('reports a missing value', () => {
    expect(() => parseJsonText('{"a":}', 'f.json')).toThrow(/f\.json:1:6: malformed JSON: expected a value/);
  });
  it('reports an empty file', () => {
    expect(() => parseJsonText('  ', 'f.json')).toThrow(/f\.json:1:3: malformed JSON|the file is empty/);
  });
  it('parses valid JSON', () => {
    expect(parseJsonText('{"a":[1,2]}', 'f.json')).toEqual({ a: [1, 2] });
  });
});
