import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const files = process.argv.slice(2).filter((a) => !/^\d+$/.test(a));
const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const res = files.map(() => []);
for (let r = 0; r < runs; r++) for (const [k, f] of files.entries()) {
  const page = await browser.newPage();
  await browser.startTracing(page, { path: '/tmp/tr/t.json', categories: ['devtools.timeline', 'v8.execute'] });
  await page.goto(pathToFileURL(resolve(f)).href, { waitUntil: 'load' });
  await browser.stopTracing();
  await page.close();
  const ev = JSON.parse(readFileSync('/tmp/tr/t.json', 'utf8')).traceEvents;
  const thr = new Map(); for (const e of ev) if (e.name === 'thread_name') thr.set(`${e.pid}:${e.tid}`, e.args.name);
  const by = {};
  for (const e of ev) if (thr.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && e.ph === 'X' && e.tdur !== undefined && ['ParseHTML', 'EvaluateScript', 'RunMicrotasks', 'Layout', 'Commit', 'Paint'].includes(e.name)) by[e.name] = (by[e.name] ?? 0) + e.tdur;
  res[k].push(by);
}
await browser.close();
for (const [k, f] of files.entries()) {
  const med = (key) => { const x = res[k].map((b) => b[key] ?? 0).sort((a, b) => a - b); return (x[Math.floor(x.length / 2)] / 1000).toFixed(0); };
  console.log(f, ['ParseHTML', 'EvaluateScript', 'RunMicrotasks', 'Layout', 'Commit', 'Paint'].map((key) => `${key}=${med(key)}`).join(' '));
}
