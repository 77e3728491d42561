/** Profile names: checked before any file is opened, so `../x` can never reach the filesystem. */
import { UserError } from './user-error.js';

export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const BASE_PROFILE_NAME = 'base';

export function assertProfileName(name: string): void {
  if (!PROFILE_NAME_PATTERN.test(name)) {
    throw new UserError(
      `invalid profile name ${JSON.stringify(name)}: use 1-64 letters, digits, "_" or "-", starting with a letter or digit`,
    );
  }
}

export function profileFileName(name: string): string {
  return `market_maker_${name}.json`;
}

/** The NAME of `market_maker_NAME.json`, or undefined for any other file. */
export function profileNameOf(fileName: string): string | undefined {
  const m = /^market_maker_(.+)\.json$/.exec(fileName);
  return m && PROFILE_NAME_PATTERN.test(m[1]!) ? m[1] : undefined;
}
