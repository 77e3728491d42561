/** The page of a soak's out-dir, whichever soak wrote it: one run, or several seeds (then each seed's too). */
import { parseJsonText } from '@mm-profiles/profile-core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSeedsReport } from './internal/seeds-page.js';
import { writeRunReport } from './soak-page.js';

/** Builds `DIR/report.html` (and, over several seeds, `DIR/seed-<s>/report.html`); returns its path. */
export function writeSoakReport(dir: string, opts: { show?: (p: string) => string; metricsPath?: string } = {}): string {
  const summaryPath = join(dir, 'summary.json');
  if (existsSync(summaryPath)) {
    const raw = parseJsonText(readFileSync(summaryPath, 'utf8'), (opts.show ?? ((p: string) => p))(summaryPath));
    if (raw !== null && typeof raw === 'object' && Array.isArray((raw as Record<string, unknown>)['runs'])) return writeSeedsReport(dir, opts.show);
  }
  return writeRunReport(dir, opts);
}
