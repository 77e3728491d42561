// Opens a report page in headless Chromium (Debian's chromium, driven by playwright-core) and says what it
// rendered: console errors, the charts the page's script recorded (window.__report), canvases and SVGs with
// their painted content, and how long the page took to be ready. Used by the report pages' browser tests.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** The Chromium to use, or null when there is none (the caller skips, loudly). */
export function chromiumPath() {
  for (const c of [process.env.MM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']) if (c && existsSync(c)) return c;
  return null;
}

export const NO_BROWSER_MESSAGE =
  '!!! SKIPPED: no Chromium found (run tools/browser/ensure-chromium.sh as root, or set MM_CHROMIUM): the report pages were NOT checked in a browser !!!';

/**
 * Whether a page test can run here: true with a Chromium; without one it says so loudly on stderr and registers
 * a skipped test named by the message (pass vitest's `it.skip`), so the skip shows in every test report.
 */
export function browserOrLoudSkip(skip) {
  if (chromiumPath()) return true;
  process.stderr.write(`\n${NO_BROWSER_MESSAGE}\n\n`);
  skip(NO_BROWSER_MESSAGE, () => undefined);
  return false;
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Opens `file`; waits for the page's script to finish; returns what it saw. `screenshot`: a PNG path;
 * `hover`: moves the mouse over `hover.selector` and returns the text of `hover.read` as `hovered`;
 * `clipHeight`: the screenshot keeps only the page's top `clipHeight` pixels (else the whole page); `clipTo`: a
 * CSS selector, the screenshot keeps the band of the page from the first to the last section holding a match.
 * Any request that is not the file itself is refused and recorded (the pages must need no network).
 */
export async function checkPage(file, { screenshot, width = 1280, height = 900, hover, clipHeight, clipTo } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'mm-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: ARGS,
    viewport: { width, height },
    timezoneId: 'UTC',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    const requests = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    const url = pathToFileURL(file).href;
    await page.route('**/*', (route) => {
      if (route.request().url() === url) return route.continue();
      requests.push(route.request().url());
      return route.abort();
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__report && (window.__report.paintedAt || window.__report.errors.length), null, { timeout: 30_000 });
    const seen = await page.evaluate(() => {
      const canvases = [...document.querySelectorAll('canvas')].map((c) => {
        const ctx = c.getContext('2d');
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) painted++;
        const holder = c.closest('[id]');
        return { id: holder ? holder.id : null, width: c.width, height: c.height, painted };
      });
      const svgs = [...document.querySelectorAll('svg')].map((s) => ({ id: s.closest('[id]')?.id ?? null, elements: s.querySelectorAll('rect,path,circle,line,polyline,text').length }));
      return { report: window.__report, canvases, svgs, readyMs: performance.now() };
    });
    let hovered = null;
    if (hover) {
      await page.hover(hover.selector);
      hovered = await page.textContent(hover.read);
    }
    if (screenshot && clipTo) {
      const band = await page.evaluate((sel) => {
        const boxes = [...document.querySelectorAll(sel)].map((e) => (e.closest('section') ?? e).getBoundingClientRect());
        if (!boxes.length) return null;
        const top = Math.min(...boxes.map((b) => b.top)) + window.scrollY - 8;
        return { top, height: Math.max(...boxes.map((b) => b.bottom)) + window.scrollY + 8 - top };
      }, clipTo);
      if (!band) throw new Error(`${file}: nothing matches ${clipTo}`);
      await page.screenshot({ path: screenshot, fullPage: true, clip: { x: 0, y: band.top, width, height: band.height } });
    } else if (screenshot) {
      await page.screenshot(clipHeight ? { path: screenshot, fullPage: true, clip: { x: 0, y: 0, width, height: clipHeight } } : { path: screenshot, fullPage: true });
    }
    return { errors, requests, hovered, ...seen };
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
