/** `mm audit verify FILE`: checks the sha256 chain of an audit.jsonl. */
import { readTextFile } from '@mm-profiles/profile-core';
import { verifyAudit } from '@mm-profiles/soak-runner';
import { shown } from '../cli-context.js';

export function auditVerifyCommand(file: string): number {
  const v = verifyAudit(readTextFile(file, shown(file)));
  if (v.ok) {
    process.stdout.write(`| audit_verify | OK | ${shown(file)} LINES=${v.lines} |\n`);
    return 0;
  }
  process.stdout.write(`| audit_verify | FAIL | ${shown(file)}:${v.brokenAt}: ${v.reason} |\n`);
  return 1;
}
