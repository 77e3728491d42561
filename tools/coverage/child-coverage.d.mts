// Types of child-coverage.mjs for the TypeScript tests that use it.
export interface Position {
  line: number;
  column: number | null;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface FileCoverageData {
  path: string;
  statementMap: Record<string, Range>;
  fnMap: Record<string, { name: string; decl: Range; loc: Range; line: number }>;
  branchMap: Record<string, { type: string; loc: Range; locations: Range[]; line: number }>;
  s: Record<string, number>;
  f: Record<string, number>;
  b: Record<string, number[]>;
}
export interface ScriptCoverage {
  url: string;
  functions: unknown[];
}
export function bundleScriptCoverages(rawDir: string, bundleDirs: string[]): ScriptCoverage[];
export function childCoverageData(scripts: ScriptCoverage[], keep: (path: string) => boolean): Promise<Record<string, FileCoverageData>>;
export function addHits(target: FileCoverageData, source: FileCoverageData): { statements: number; functions: number; branches: number };
