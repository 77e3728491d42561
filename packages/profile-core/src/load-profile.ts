/**
 * Loading the base and a named profile from a config folder: name checked first, file read, JSON parsed with
 * positions, shape validated with zod. Every problem is collected so `profiles validate` can list them all.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from './canonical-json.js';
import { parseJsonText, readTextFile } from './json-file.js';
import { PROFILE_FILE_KEYS, PROFILE_FIELDS } from './profile-fields.js';
import { BASE_PROFILE_NAME, assertProfileName, profileFileName } from './profile-name.js';
import { baseProfileSchema, profileFileSchema, type AppliedProfile, type ProfileFile } from './profile-schemas.js';
import { UserError } from './user-error.js';
import { describeIssues } from './zod-issues.js';
import { quoterSpecSchema, type QuoterSpec } from './quoter-spec.js';
import { listProfileNames } from './profile-catalog.js';

/** A user error carrying every problem found, not just the first. */
export class ProfileError extends UserError {
  constructor(readonly problems: readonly string[]) {
    super(problems[0] + (problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''));
    this.name = 'ProfileError';
  }
}

export interface LoadedFile<T> {
  /** Path as given (relative to the config folder's parent when built by the loaders). */
  path: string;
  sha256: string;
  content: T;
  /** A profile file's `quoter` key, when it names one (absent: SPEC 5's profile quoter). */
  quoter?: QuoterSpec;
}

export const BASE_FILE_NAME = 'base.json';

function readText(path: string, shownAs: string): string {
  return readTextFile(path, shownAs, 'base profile not found');
}

/** How a path appears in messages and provenance (e.g. relative to the workspace root). */
export type PathLabel = (path: string) => string;
const asIs: PathLabel = (p) => p;

export function loadBase(configDir: string, label: PathLabel = asIs): LoadedFile<AppliedProfile> {
  const path = label(join(configDir, BASE_FILE_NAME));
  const text = readText(join(configDir, BASE_FILE_NAME), path);
  const raw = parseJsonText(text, path);
  const parsed = baseProfileSchema.safeParse(raw);
  if (!parsed.success) throw new ProfileError(describeIssues(parsed.error.issues, path, raw, PROFILE_FIELDS));
  return { path, sha256: sha256Hex(text), content: parsed.data as AppliedProfile };
}

/** Reads `market_maker_<name>.json`. The name is checked before the filesystem is touched. */
export function loadProfileFile(name: string, configDir: string, label: PathLabel = asIs): LoadedFile<ProfileFile> {
  assertProfileName(name);
  const fullPath = join(configDir, profileFileName(name));
  const path = label(fullPath);
  if (!existsSync(fullPath)) {
    const available = existsSync(configDir) ? listProfileNames(configDir) : [];
    throw new UserError(
      `unknown profile "${name}": ${path} does not exist (available: ${[BASE_PROFILE_NAME, ...available].join(', ')})`,
    );
  }
  const text = readTextFile(fullPath, path);
  const raw = parseJsonText(text, path);
  // The `quoter` key is checked by its own schema; the fields by the profile file's.
  const withQuoter = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && Object.hasOwn(raw, 'quoter');
  const { quoter: rawQuoter, ...fields } = withQuoter ? (raw as Record<string, unknown>) : { quoter: undefined };
  const parsed = profileFileSchema.safeParse(withQuoter ? fields : raw);
  const problems = parsed.success ? [] : describeIssues(parsed.error.issues, path, raw, [...PROFILE_FILE_KEYS, 'quoter']);
  let quoter: QuoterSpec | undefined;
  if (withQuoter) {
    const q = quoterSpecSchema().safeParse(rawQuoter);
    if (q.success) quoter = q.data;
    else problems.push(...describeIssues(q.error.issues.map((i) => ({ ...i, path: ['quoter', ...i.path] })), path, raw, []));
  }
  if (problems.length || !parsed.success) throw new ProfileError(problems);
  return { path, sha256: sha256Hex(text), content: parsed.data as ProfileFile, ...(quoter ? { quoter } : {}) };
}
