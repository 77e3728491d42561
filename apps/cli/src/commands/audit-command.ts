/**
 * `mm audit verify FILE|DIR`: checks the sha256 chain of an audit.jsonl. Given a soak's folder it reads the run's
 * summary too: the chain must be as long as it says and end where it says, whatever the run's --audit mode
 * (full, fills); a run with --audit off has nothing to verify and says so; a multi-seed folder is each seed's.
 */
import { UserError, parseJsonText, readTextFile } from '@mm-profiles/profile-core';
import { verifyAudit } from '@mm-profiles/soak-runner';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { shown } from '../cli-context.js';

const say = (status: string, what: string) => process.stdout.write(`| audit_verify | ${status} | ${what} |\n`);

/** Verifies one audit file; `claimed`: the summary's record of it. True when it holds. */
function verifyFile(file: string, claimed?: { lines?: unknown; head?: unknown }): boolean {
  const v = verifyAudit(readTextFile(file, shown(file)));
  if (!v.ok) {
    say('FAIL', `${shown(file)}:${v.brokenAt}: ${v.reason}`);
    return false;
  }
  const mode = (v.last?.['totals'] as Record<string, unknown> | undefined)?.['audit_mode'] ?? 'full';
  if (claimed && (claimed.lines !== v.lines || claimed.head !== v.head)) {
    say('FAIL', `${shown(file)}: ${v.lines} line(s) ending in ${(v.head ?? '').slice(0, 12)}, but the summary recorded ${String(claimed.lines)} ending in ${String(claimed.head).slice(0, 12)}; cut, extended or swapped`);
    return false;
  }
  say('OK', `${shown(file)} MODE=${String(mode)} LINES=${v.lines}`);
  return true;
}

function verifyRunDir(dir: string): boolean {
  const summaryPath = join(dir, 'summary.json');
  const summary = parseJsonText(readTextFile(summaryPath, shown(summaryPath), 'not found (give an audit.jsonl or a soak folder)'), shown(summaryPath));
  if (summary === null || typeof summary !== 'object' || Array.isArray(summary)) throw new UserError(`${shown(summaryPath)}: not a soak summary`);
  const s = summary as Record<string, unknown>;
  if (Array.isArray(s['runs'])) {
    // A multi-seed folder: every seed's run, each against its own summary.
    let ok = true;
    for (const r of s['runs'] as { dir?: unknown }[]) {
      if (typeof r?.dir !== 'string') throw new UserError(`${shown(summaryPath)}: a run without its folder (runs[].dir)`);
      ok = verifyRunDir(join(dir, r.dir)) && ok;
    }
    return ok;
  }
  const claimed = s['audit'] as { mode?: unknown; lines?: unknown; head?: unknown } | undefined;
  if (!claimed || typeof claimed !== 'object') throw new UserError(`${shown(summaryPath)}: no audit record (audit.lines and audit.head)`);
  if (claimed.mode === 'off') {
    say('OFF', `${shown(dir)}: the run kept no audit (mm soak --audit off); nothing to verify`);
    return true;
  }
  return verifyFile(join(dir, 'audit.jsonl'), claimed);
}

export function auditVerifyCommand(path: string): number {
  const ok = statSync(path, { throwIfNoEntry: false })?.isDirectory() ? verifyRunDir(path) : verifyFile(path);
  return ok ? 0 : 1;
}
