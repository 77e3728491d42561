// `mm sentinel --profile S1 --dry-run` start-to-finish, against a bare `node -e ""` from the same run.
import { mkdtempSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fmt, median, timeCommand } from './timing.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const RUNS = 21;
const TARGET_MS = 100;

export const cliStartup = {
  name: 'cli-startup',
  what: `median wall time of \`mm sentinel --profile S1 --dry-run\` over ${RUNS} runs (target < ${TARGET_MS} ms)`,
  async run() {
    const ws = mkdtempSync(join(tmpdir(), 'mm-bench-'));
    writeFileSync(join(ws, 'nx.json'), '{}');
    cpSync(join(ROOT, 'config'), join(ws, 'config'), { recursive: true });
    const mm = join(ROOT, 'apps/cli/dist/main.js');
    const bare = [];
    const sentinel = [];
    // Interleave so both see the same machine state; the first of each warms the file cache.
    for (let i = 0; i <= RUNS; i++) {
      const b = timeCommand(process.execPath, ['-e', '']);
      const s = timeCommand(process.execPath, [mm, 'sentinel', '--profile', 'S1', '--dry-run'], { cwd: ws });
      if (i > 0) {
        bare.push(b);
        sentinel.push(s);
      }
    }
    const mb = median(bare);
    const ms = median(sentinel);
    console.log(`node -e ""                      median ${fmt(mb)} ms`);
    console.log(`mm sentinel --profile S1 --dry-run median ${fmt(ms)} ms  (${fmt(ms / mb, 2)}x bare node, +${fmt(ms - mb)} ms)`);
    const ok = ms < TARGET_MS;
    console.log(`${ok ? 'PASS' : 'MISS'}: median ${fmt(ms)} ms ${ok ? '<' : '>='} ${TARGET_MS} ms`);
    return ok;
  },
};
