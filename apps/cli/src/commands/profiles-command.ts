/** `mm profiles list|show|diff|validate`: look at the profiles of a config folder. */
import {
  BASE_PROFILE_NAME,
  DEFAULT_QUOTER,
  PROFILE_FIELDS,
  ProfileError,
  canonicalJson,
  diffAppliedProfiles,
  isUserError,
  listProfileNames,
  resolveProfile,
  type QuoterSpec,
} from '@mm-profiles/profile-core';
import { root, shown } from '../cli-context.js';

const resolveQuiet = (name: string, configDir: string) =>
  resolveProfile({ name, configDir, root, ignoreRuntimeOverrides: true });

export function listProfiles(configDir: string): number {
  process.stdout.write([BASE_PROFILE_NAME, ...listProfileNames(configDir)].join('\n') + '\n');
  return 0;
}

export function showProfile(name: string, configDir: string, json: boolean): number {
  const r = resolveQuiet(name, configDir);
  if (json) {
    // The applied values, and who quotes them when the profile names a strategy (as the soak's summary does).
    process.stdout.write(canonicalJson(r.quoter.kind === DEFAULT_QUOTER.kind ? r.applied : { ...r.applied, quoter: r.quoter }));
    return 0;
  }
  const lines = [`profile ${name}${r.provenance.profile_file ? ` (${r.provenance.profile_file})` : ` (${r.provenance.base_file})`}`];
  for (const f of PROFILE_FIELDS) {
    const delta = r.provenance.deltas[`${f}_delta`];
    const abs = r.provenance.deltas[f];
    const how = delta !== undefined ? `base ${r.provenance.base[f]} ${delta < 0 ? '-' : '+'} ${Math.abs(delta)}` : abs !== undefined ? 'set' : 'base';
    lines.push(`  ${f.padEnd(24)} ${String(r.applied[f]).padStart(10)}   ${how}`);
  }
  lines.push(...quoterLines(r.quoter));
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** Who quotes the profile (its `quoter` key) and the strategy's parameters, one per line. */
function quoterLines(q: QuoterSpec): string[] {
  if (q.kind === DEFAULT_QUOTER.kind) return [`  ${'quoter'.padEnd(24)} ${q.kind.padStart(10)}   SPEC 5's profile quoter, from the fields above`];
  const lines = [`  ${'quoter'.padEnd(24)} ${q.kind.padStart(10)}   set`];
  for (const [k, v] of Object.entries(q)) {
    if (k !== 'kind') lines.push(`    ${k.padEnd(22)} ${typeof v === 'number' ? String(v).padStart(10) : v}`);
  }
  return lines;
}

export function diffProfiles(a: string, b: string, configDir: string): number {
  const diff = diffAppliedProfiles(resolveQuiet(a, configDir).applied, resolveQuiet(b, configDir).applied);
  if (diff.length === 0) {
    process.stdout.write(`${a} and ${b} apply to the same values\n`);
    return 0;
  }
  const lines = [`${'field'.padEnd(24)} ${a.padStart(10)} ${b.padStart(10)} ${'change'.padStart(10)}`];
  for (const d of diff) {
    lines.push(`${d.field.padEnd(24)} ${String(d.a).padStart(10)} ${String(d.b).padStart(10)} ${((d.change > 0 ? '+' : '') + d.change).padStart(10)}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** Validates the named profiles (all when none): every problem listed, exit 1 when any profile is invalid. */
export function validateProfiles(names: string[], configDir: string): number {
  const targets = names.length ? names : [BASE_PROFILE_NAME, ...listProfileNames(configDir)];
  let invalid = 0;
  for (const name of targets) {
    try {
      resolveQuiet(name, configDir);
      process.stdout.write(`ok       ${name}\n`);
    } catch (error) {
      if (!isUserError(error)) throw error;
      invalid += 1;
      const problems = error instanceof ProfileError ? error.problems : [error.message];
      process.stdout.write(`INVALID  ${name}\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    }
  }
  process.stdout.write(`${targets.length - invalid} valid, ${invalid} invalid (${shown(configDir)})\n`);
  return invalid ? 1 : 0;
}
