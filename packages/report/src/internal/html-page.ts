/**
 * The shell every report page shares: one self-contained HTML file with uPlot's script and stylesheet inlined
 * (no network at view time), the page's data as inert JSON, and the page's own script, which is a plain
 * function of this package serialised into the page (so it is type-checked like the rest), called with the
 * page's data, uPlot and the shared chart kit (chart-kit.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chartKit } from './chart-kit.js';

let assets: { js: string; css: string } | undefined;

/** uPlot's minified build and stylesheet, read once from node_modules. */
export function uplotAssets(): { js: string; css: string } {
  if (!assets) {
    const require = createRequire(import.meta.url);
    assets = {
      js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    };
  }
  return assets;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value made safe for HTML. */
export function esc(x: unknown): string {
  return String(x).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** JSON that can sit inside a <script> element: no `</script>`, no `<!--`. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f6f7f9;color:#1d2430}
header{padding:14px 22px;background:#1d2430;color:#fff}
header h1{font-size:19px;margin:0 0 4px}
header .sub{color:#b9c2d0;font-size:13px}
main{padding:14px 22px;display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:14px}
section{background:#fff;border:1px solid #dde2ea;border-radius:6px;padding:10px 14px;min-width:0}
section.wide{grid-column:1/-1}
section h2{font-size:15px;margin:2px 0 6px}
section p.note{color:#5b6678;font-size:12px;margin:4px 0}
table{border-collapse:collapse;font-size:13px}
td,th{padding:2px 8px;border-bottom:1px solid #eef1f5;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:1px 9px;border-radius:10px;font-weight:600;font-size:13px}
.PASS,.pass{background:#d8f3dc;color:#1b5e20}.FAIL,.fail{background:#fde2e1;color:#b71c1c}
.INCOMPLETE,.INCONCLUSIVE,.WARN,.warn{background:#fff3cd;color:#7a5a00}
.chart{min-height:40px}
.controls label{margin-right:14px;font-size:13px}
.controls button{margin-right:8px;font-size:12px}
.window-row{margin:8px 0;font-size:13px}
`;

export interface PageParts {
  title: string;
  /** Header line under the title (HTML). */
  subtitle: string;
  /** The sections (HTML). */
  body: string;
  /** What the page's script receives. */
  data: unknown;
  /** The page's script: a self-contained function `(data, uPlot, kit) => void` (no outside references). */
  client: (data: never, uPlot: never, kit: never) => void;
}

export function htmlPage(p: PageParts): string {
  const { js, css } = uplotAssets();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(p.title)}</title>
<style>${css}</style><style>${STYLE}</style>
</head><body>
<header><h1>${esc(p.title)}</h1><div class="sub">${p.subtitle}</div></header>
<main>
${p.body}
</main>
<script>${js}</script>
<script type="application/json" id="report-data">${scriptJson(p.data)}</script>
<script>
(${p.client.toString()})(JSON.parse(document.getElementById('report-data').textContent), uPlot, (${chartKit.toString()})(uPlot));
</script>
</body></html>
`;
}
