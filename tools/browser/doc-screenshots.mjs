// The README's pictures: `node tools/browser/doc-screenshots.mjs SOAK_DIR SWEEP_DIR` screenshots the top of a
// soak's and a sweep's report.html in headless Chromium into docs/soak-page.png and docs/sweep-page.png.
import { join } from 'node:path';
import { checkPage } from './page-check.mjs';

const [soakDir, sweepDir] = process.argv.slice(2);
if (!soakDir || !sweepDir) {
  console.error('usage: node tools/browser/doc-screenshots.mjs SOAK_DIR SWEEP_DIR');
  process.exit(2);
}
const docs = join(import.meta.dirname, '../../docs');
for (const [dir, name, clipHeight] of [
  [soakDir, 'soak-page.png', 1700],
  [sweepDir, 'sweep-page.png', 900],
]) {
  const seen = await checkPage(join(dir, 'report.html'), { screenshot: join(docs, name), width: 1100, clipHeight });
  if (seen.errors.length) throw new Error(`${name}: ${seen.errors.join('; ')}`);
  console.log(`docs/${name}: ${Object.keys(seen.report.charts).length} charts`);
}
