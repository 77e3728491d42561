/** Reading JSON files with errors a person can act on: the file, and the line and column of a syntax error. */
import { existsSync, readFileSync } from 'node:fs';
import { parse as parseTolerant, printParseErrorCode, type ParseError } from 'jsonc-parser';
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
 * UserError `<label>:<line>:<column>: malformed JSON: <what>`.
 */
export function parseJsonText(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    const first = errors[0];
    if (first) {
      const { line, column } = positionOf(text, first.offset);
      const code = printParseErrorCode(first.error);
      throw new UserError(`${label}:${line}:${column}: malformed JSON: ${errorNames[code] ?? code}`);
    }
    if (text.trim() === '') throw new UserError(`${label}: malformed JSON: the file is empty`);
    throw new UserError(`${label}: malformed JSON: ${(error as Error).message}`);
  }
}

export function readJsonFile(path: string, label = path): unknown {
  if (!existsSync(path)) throw new UserError(`${label}: file not found`);
  return parseJsonText(readFileSync(path, 'utf8'), label);
}
