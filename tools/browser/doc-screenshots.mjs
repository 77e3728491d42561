// The README's pictures: `node tools/browser/doc-screenshots.mjs SOAK_DIR [SWEEP_DIR]` screenshots a soak's
// report.html in headless Chromium into docs/soak-page.png (its top) and docs/soak-page-latency.png (the markout
// curve and the latency legs), and a sweep's top into docs/sweep-page.png when SWEEP_DIR is given.
import { join } from 'node:path';
import { checkPage } from './page-check.mjs';

const [soakDir, sweepDir] = process.argv.slice(2);
if (!soakDir) {
  console.error('usage: node tools/browser/doc-screenshots.mjs SOAK_DIR [SWEEP_DIR]');
  process.exit(2);
}
const docs = join(import.meta.dirname, '../../docs');
const shots = [
  [soakDir, 'soak-page.png', { clipHeight: 1700 }],
  [soakDir, 'soak-page-latency.png', { clipTo: '#chart-markout, [id^="chart-latency-"]' }],
  ...(sweepDir ? [[sweepDir, 'sweep-page.png', { clipHeight: 900 }]] : []),
];
for (const [dir, name, clip] of shots) {
  const seen = await checkPage(join(dir, 'report.html'), { screenshot: join(docs, name), width: 1100, ...clip });
  if (seen.errors.length) throw new Error(`${name}: ${seen.errors.join('; ')}`);
  console.log(`docs/${name}: ${Object.keys(seen.report.charts).length} charts`);
}
