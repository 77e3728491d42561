/** parseJsonText on one line of a JSONL file: errors located as file:line:column, never file:line:1:column. */
import { describe, expect, it } from 'vitest';
import { parseJsonText } from './json-file.js';

describe('parseJsonText with a JSONL line number', () => {
  it('a syntax error: the file, the JSONL line and the column in it', () => {
    expect(() => parseJsonText('{"ts":1,,}', 'edge.jsonl', 9)).toThrow(/^edge\.jsonl:9:9: malformed JSON: expected a double-quoted property name$/);
  });
  it('a duplicate key: the same location form', () => {
    expect(() => parseJsonText('{"ts":1,"ts":2}', 'edge.jsonl', 4)).toThrow(/^edge\.jsonl:4:9: duplicate key "ts"/);
  });
  it('without a line number: line and column within the text, as before', () => {
    expect(() => parseJsonText('{\n"a":1,,}', 'a.json')).toThrow(/^a\.json:2:7: malformed JSON/);
    expect(parseJsonText('{"a":1}', 'x.jsonl', 3)).toEqual({ a: 1 });
  });
});
