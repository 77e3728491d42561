/** `mm report DIR`: rebuilds DIR/report.html from the artifacts in DIR (the out-dir of a soak, a sweep or a ci-gate compare). */
import { UserError } from '@mm-profiles/profile-core';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { shown } from '../cli-context.js';

export async function reportCommand(dir: string): Promise<number> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${shown(dir)}: not a folder`);
  const report = await import('@mm-profiles/report');
  let page: string;
  if (existsSync(join(dir, 'summary.json'))) page = report.writeSoakReport(dir, { show: shown });
  else if (existsSync(join(dir, 'PARAM_SWEEP.json'))) page = report.writeSweepReport(join(dir, 'PARAM_SWEEP.json'), shown);
  else if (existsSync(join(dir, 'GATE_REPORT.json'))) page = report.writeCompareReport(dir, shown);
  else throw new UserError(`${shown(dir)}: no summary.json, PARAM_SWEEP.json or GATE_REPORT.json here (expected the out-dir of a soak, a sweep or a ci-gate compare)`);
  process.stdout.write(`report: ${report.pageLink(page, shown)}\n`);
  return 0;
}
