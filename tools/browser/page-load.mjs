// How fast a report page opens: `node tools/browser/page-load.mjs PAGE.html [RUNS]` opens it RUNS times (default 7)
// in headless Chromium, each in a fresh profile, and prints the navigation-to-load-event time (the Navigation
// Timing entry's loadEventEnd: the page parsed, uPlot and the data read, every chart drawn, since the page draws
// in a load-blocking script), when the page's script marked itself ready (every chart made; how long that took), when
// the first frame after uPlot's deferred drawing had been produced (every chart on screen), and the CPU time all of Chromium's
// processes spent from navigation to ready (utime + stime from /proc, 10 ms ticks: the work itself, which a
// loaded machine's wait for a core does not inflate), as min / median / max in ms.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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

/** CPU ms (user + system) of the Chromium whose command line names `profileDir`, and of all its descendants. */
function chromiumCpuMs(profileDir) {
  const procs = new Map();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(pid, { ppid: f[1], ticks: Number(f[11]) + Number(f[12]), cmd: readFileSync(`/proc/${pid}/cmdline`, 'utf8') });
    } catch {
      // gone meanwhile
    }
  }
  const roots = [...procs].filter(([, p]) => p.cmd.includes(profileDir)).map(([pid]) => pid);
  const tree = new Set(roots);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, p] of procs) if (!tree.has(pid) && tree.has(p.ppid)) (tree.add(pid), (grew = true));
  }
  let ticks = 0;
  for (const pid of tree) ticks += procs.get(pid).ticks;
  return ticks * 10;
}
if (!existsSync('/proc/self/stat')) console.error('(no /proc: CPU time not measured)');
const load = [];
const ready = [];
const painted = [];
const busy = [];
const drawing = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'mm-chromium-'));
  const ctx = await chromium.launchPersistentContext(dir, { executablePath: exe, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    const before = chromiumCpuMs(dir);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__report && window.__report.paintedAt, null, { timeout: 60_000 });
    const t = await page.evaluate(() => ({ load: performance.getEntriesByType('navigation')[0].loadEventEnd, ready: window.__report.readyAt, painted: window.__report.paintedAt, drawing: window.__report.ms }));
    load.push(t.load);
    ready.push(t.ready);
    painted.push(t.painted);
    drawing.push(t.drawing);
    busy.push(chromiumCpuMs(dir) - before);
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
console.log(`  navigation to every chart made (the script's ready mark): ${stats(ready)}`);
console.log(`  navigation to every chart on screen (first frame after uPlot's drawing): ${stats(painted)}`);
console.log(`  the page's script, start to every chart drawn: ${stats(drawing)}`);
console.log(`  Chromium CPU time, navigation to on screen (all processes): ${stats(busy)}`);
