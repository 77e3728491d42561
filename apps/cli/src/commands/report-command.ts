/** `mm report DIR`: rebuilds DIR/report.html from the artifacts in DIR (a soak's out-dir). */
import { UserError } from '@mm-profiles/profile-core';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { shown } from '../cli-context.js';
import { pageLink } from '../report-link.js';

export async function reportCommand(dir: string): Promise<number> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`${shown(dir)}: not a folder`);
  if (!existsSync(join(dir, 'summary.json'))) {
    throw new UserError(`${shown(dir)}: no summary.json here (expected a soak's out-dir, e.g. artifacts/soak)`);
  }
  const { writeSoakReport } = await import('@mm-profiles/report');
  const page = writeSoakReport(dir, { show: shown });
  process.stdout.write(`report: ${pageLink(page)}\n`);
  return 0;
}
