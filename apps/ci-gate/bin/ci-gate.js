#!/usr/bin/env node
// The `ci-gate` bin: a file that exists at install time, so npm links it (dist/ appears only with a build).
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('ci-gate: not built yet: run `npm run build` (or `npx nx run ci-gate:build`) first\n');
  process.exit(2);
}
await import(main.href);
