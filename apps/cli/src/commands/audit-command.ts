/** `mm audit verify FILE`: checks the sha256 chain of an audit.jsonl. */
import { UserError } from '@mm-profiles/profile-core';
import { verifyAuditFile } from '@mm-profiles/soak-runner';
import { existsSync } from 'node:fs';
import { shown } from '../cli-context.js';

export function auditVerifyCommand(file: string): number {
  if (!existsSync(file)) throw new UserError(`${shown(file)}: file not found`);
  const v = verifyAuditFile(file);
  if (v.ok) {
    process.stdout.write(`| audit_verify | OK | ${shown(file)} LINES=${v.lines} |\n`);
    return 0;
  }
  process.stdout.write(`| audit_verify | FAIL | ${shown(file)}:${v.brokenAt}: ${v.reason} |\n`);
  return 1;
}
