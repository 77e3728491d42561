/** Reading JSON files with errors a person can act on: the file, and the line and column of a syntax error. */
import { readFileSync, statSync } from 'node:fs';
import { parse as parseTolerant, printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import { UserError } from './user-error.js';

export interface TextPosition {
  line: number;
  column: number;
}

export function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const errorNames: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a double-quoted property name',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected text after the JSON value',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'comments are not JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character',
};

/**
 * Parses strict JSON. On a syntax error, finds where it is (JSON.parse does not always say) and throws a
 * UserError `<label>:<line>:<column>: malformed JSON: <what>`. For one line of a JSONL file, pass its line
 * number as `jsonlLine`: the error then reads `<file>:<jsonlLine>:<column>`.
 */
export function parseJsonText(text: string, label: string, jsonlLine?: number): unknown {
  const at = (p: TextPosition) => `${label}:${jsonlLine ?? p.line}:${p.column}`;
  // A byte-order mark is allowed before JSON text (RFC 8259 8.1); editors on Windows write one.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    const first = errors[0];
    if (first) {
      const code = printParseErrorCode(first.error);
      throw new UserError(`${at(positionOf(text, first.offset))}: malformed JSON: ${errorNames[code] ?? code}`);
    }
    const where = jsonlLine === undefined ? label : `${label}:${jsonlLine}`;
    if (text.trim() === '') throw new UserError(`${where}: malformed JSON: the file is empty`);
    // Never echo the text: it may not be the file the user meant (e.g. a path to a system file).
    throw new UserError(`${where}: malformed JSON${error instanceof SyntaxError ? '' : `: ${(error as Error).message}`}`);
  }
  const dup = firstDuplicateKey(text);
  if (dup) {
    throw new UserError(`${at(positionOf(text, dup.offset))}: duplicate key "${dup.key}" (JSON.parse would silently keep the last one)`);
  }
  return value;
}

/** The first key that appears twice in one object, and where. */
function firstDuplicateKey(text: string): { key: string; offset: number } | null {
  const stack: Set<string>[] = [];
  let found: { key: string; offset: number } | null = null;
  visit(text, {
    onObjectBegin: () => {
      stack.push(new Set());
    },
    onObjectEnd: () => {
      stack.pop();
    },
    onObjectProperty: (key, offset) => {
      const keys = stack[stack.length - 1]!;
      if (keys.has(key)) found ??= { key, offset };
      keys.add(key);
    },
  });
  return found;
}

/**
 * Reads a user's text file: missing -> `<label>: <missing>`, a folder -> `<label>: is a folder, not a file`,
 * both user errors (exit 2) instead of a file-system crash.
 */
export function readTextFile(path: string, label = path, missing = 'file not found'): string {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) throw new UserError(`${label}: ${missing}`);
  if (st.isDirectory()) throw new UserError(`${label}: is a folder, not a file`);
  return readFileSync(path, 'utf8');
}

export function readJsonFile(path: string, label = path): unknown {
  return parseJsonText(readTextFile(path, label), label);
}
