// How fast a report page opens: `node tools/browser/page-load.mjs PAGE.html [RUNS]` opens it RUNS times (default 7)
// in headless Chromium, each in a fresh profile, and prints the navigation-to-load-event time (the Navigation
// Timing entry's loadEventEnd: the page parsed, uPlot and the data read, every chart drawn, since the page draws
// in a load-blocking script) and when the page's script marked itself ready, as min / median / max in ms.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath } from './page-check.mjs';

const [file, runsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/browser/page-load.mjs PAGE.html [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg ?? 7);
const exe = chromiumPath();
if (!exe) {
  console.error('no Chromium found (tools/browser/ensure-chromium.sh, or MM_CHROMIUM)');
  process.exit(2);
}
const url = pathToFileURL(resolve(file)).href;
const load = [];
const ready = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'mm-chromium-'));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: exe, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__report && window.__report.ready, null, { timeout: 60_000 });
    const t = await page.evaluate(() => ({ load: performance.getEntriesByType('navigation')[0].loadEventEnd, ready: window.__report.readyAt }));
    load.push(t.load);
    ready.push(t.ready);
  } finally {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[0].toFixed(0)} / ${s[Math.floor(s.length / 2)].toFixed(0)} / ${s[s.length - 1].toFixed(0)}`;
};
console.log(`${file}: ${(statSync(file).size / 1e3).toFixed(0)} kB; ${runs} runs, ms min / median / max`);
console.log(`  navigation to load event: ${stats(load)}`);
console.log(`  navigation to charts drawn: ${stats(ready)}`);
