/**
 * `mm sentinel --watch FILE`: tails a JSONL of per-window edge samples and prints the edge policy's decisions
 * as they happen. Lines are `{"ts":..,"net_bps":..[,"duration_s":..]}` or soak `metrics.jsonl` records.
 */
import { UserError, parseJsonText } from '@mm-profiles/profile-core';
import { EdgePolicy, type EdgePolicyConfig } from '@mm-profiles/sentinel';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { shown } from '../cli-context.js';

/**
 * ts above this is taken as microseconds, below as seconds (the magnitude rule of the replay readers); a soak
 * metrics.jsonl record (it has `iteration`) is always in market microseconds, which start at 0 on a mock.
 */
const MICROS_THRESHOLD = 1e11;

export interface WatchOptions {
  follow: boolean;
  pollMs?: number;
}

export async function watchEdge(file: string, primary: string, config: EdgePolicyConfig, options: WatchOptions): Promise<number> {
  if (!existsSync(file)) throw new UserError(`${shown(file)}: file not found (--watch)`);
  const policy = new EdgePolicy(primary, config);
  const label = shown(file);
  let lineNo = 0;
  let lastTsS: number | undefined;
  let pending = '';
  let offset = 0;
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(1 << 16);
  // Streaming decode: a multi-byte character cut by a read boundary waits for its last bytes.
  const decoder = new StringDecoder('utf8');
  let stop = false;
  const onSigint = () => {
    stop = true;
  };
  process.once('SIGINT', onSigint);
  process.stdout.write(`watching ${label}: primary ${primary}, fallback ${config.fallback_profile}\n`);

  const handle = (line: string) => {
    lineNo += 1;
    if (line.trim() === '') return;
    const where = `${label}:${lineNo}`;
    const rec = parseJsonText(line, label, lineNo) as Record<string, unknown>;
    const ts = rec['ts'];
    const net = rec['net_bps'];
    if (typeof ts !== 'number' || typeof net !== 'number') {
      throw new UserError(`${where}: each line needs numbers "ts" and "net_bps"`);
    }
    const tsS = ts > MICROS_THRESHOLD || typeof rec['iteration'] === 'number' ? ts / 1e6 : ts;
    // Without duration_s, a sample weighs by the time since the previous one.
    const duration = typeof rec['duration_s'] === 'number' ? (rec['duration_s'] as number) : lastTsS === undefined ? 0 : tsS - lastTsS;
    lastTsS = tsS;
    const d = policy.observe({ ts, net_bps: net, duration_s: duration });
    const status = d.action === 'HOLD' ? 'HOLD' : 'SWITCH';
    process.stdout.write(
      (d.marker ?? `| edge_policy | ${status} | TS=${ts} NET_BPS=${net} EMA_FAST=${d.ema_fast.toFixed(3)} EMA_SLOW=${d.ema_slow.toFixed(3)} BAD_WINDOWS=${d.bad_windows} ACTIVE=${d.active} |`) + '\n',
    );
  };

  try {
    for (;;) {
      const size = statSync(file).size;
      while (offset < size) {
        const n = readSync(fd, buf, 0, buf.length, offset);
        if (n <= 0) break;
        offset += n;
        pending += decoder.write(buf.subarray(0, n));
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          handle(pending.slice(0, nl));
          pending = pending.slice(nl + 1);
        }
      }
      if (!options.follow || stop) break;
      await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
      if (stop) break;
    }
    // Without follow, a last line without its newline still counts (a finished file).
    pending += decoder.end();
    if (!options.follow && pending.trim() !== '') handle(pending);
  } finally {
    closeSync(fd);
    process.off('SIGINT', onSigint);
  }
  process.stdout.write(`active profile: ${policy.activeProfile}\n`);
  return 0;
}
