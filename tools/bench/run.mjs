#!/usr/bin/env node
// Benchmarks, each reported against a baseline measured in the same run. `npm run bench` runs them all;
// `npm run bench -- NAME...` runs the named ones. Needs a build first (npm run bench does it).
import { benches } from './benches.mjs';

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !benches.some((b) => b.name === w));
if (unknown.length) {
  console.error(`bench: unknown benchmark ${unknown.join(', ')} (known: ${benches.map((b) => b.name).join(', ')})`);
  process.exit(2);
}
let failed = 0;
for (const bench of benches) {
  if (wanted.length && !wanted.includes(bench.name)) continue;
  console.log(`\n## ${bench.name}: ${bench.what}`);
  const ok = await bench.run();
  if (!ok) failed += 1;
}
if (failed) {
  console.log(`\n${failed} benchmark(s) missed their target`);
  process.exitCode = 1;
}
