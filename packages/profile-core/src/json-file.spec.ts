import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonText, positionOf, readJsonFile, readTextFile } from './json-file.js';

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

describe('reading user files (issue 14)', () => {
  it('a folder or a missing file is one user error naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-json-'));
    expect(() => readTextFile(dir, 'gates.json')).toThrow('gates.json: is a folder, not a file');
    expect(() => readJsonFile(join(dir, 'nope.json'), 'nope.json')).toThrow('nope.json: file not found');
  });

  it('a BOM is accepted; a syntax error has a line and column and never echoes the text', () => {
    expect(parseJsonText('\ufeff{"a":1}', 'x.json')).toEqual({ a: 1 });
    const passwd = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n';
    let message = '';
    try {
      parseJsonText(passwd, '../../etc/passwd');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^\.\.\/\.\.\/etc\/passwd:1:1: malformed JSON: /);
    expect(message).not.toContain('root');
    expect(message.split('\n')).toHaveLength(1);
  });
});

describe('duplicate keys (issue 14)', () => {
  it('a key twice in one object is refused with its position; the same key in two objects is fine', () => {
    expect(() => parseJsonText('{\n  "base_spread_bps": 0.5,\n  "base_spread_bps": 9\n}', 'p.json')).toThrow(
      'p.json:3:3: duplicate key "base_spread_bps" (JSON.parse would silently keep the last one)',
    );
    expect(parseJsonText('{"a":{"x":1},"b":{"x":2}}', 'p.json')).toEqual({ a: { x: 1 }, b: { x: 2 } });
  });
});

describe('where a syntax error is', () => {
  it('positionOf: 1-based line and column; the newline at the offset still belongs to its line', () => {
    expect(positionOf('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf('ab\ncd', 2)).toEqual({ line: 1, column: 3 });
    expect(positionOf('ab\ncd', 3)).toEqual({ line: 2, column: 1 });
    expect(positionOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });

  it('comments and trailing commas are JSON errors with a position, as strict JSON.parse has it', () => {
    expect(() => parseJsonText('{"a":1 /* c */}', 'f.json')).toThrow('f.json:1:8: malformed JSON: comments are not JSON');
    expect(() => parseJsonText('[1,\n2,]', 'f.json')).toThrow('f.json:2:3: malformed JSON: expected a value');
  });
});

describe('what a syntax error is called', () => {
  it('each kind of mistake in words, at its position', () => {
    const said = (text: string) => {
      try {
        parseJsonText(text, 'f');
      } catch (e) {
        return (e as Error).message;
      }
      return 'parsed';
    };
    expect(said('{"a" 1}')).toBe("f:1:6: malformed JSON: expected ':'");
    expect(said('[1 2]')).toBe("f:1:4: malformed JSON: expected ','");
    expect(said('{"a":1')).toBe("f:1:7: malformed JSON: expected '}'");
    expect(said('[1')).toBe("f:1:3: malformed JSON: expected ']'");
    expect(said('{} x')).toBe('f:1:4: malformed JSON: invalid symbol');
    expect(said('"abc')).toBe('f:1:1: malformed JSON: unterminated string');
    expect(said('"\\uZZ"')).toBe('f:1:1: malformed JSON: invalid unicode escape');
    expect(said('"\\x"')).toBe('f:1:1: malformed JSON: invalid escape character');
    expect(said('// c\n{}')).toBe('f:1:1: malformed JSON: comments are not JSON');
  });
});
