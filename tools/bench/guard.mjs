// OrderGuard.check throughput on a realistic mix (places, replaces, cancels on both sides, time moving,
// acks releasing slots), next to the same loop calling a no-op function as the baseline.
import { OrderGuard } from '../../packages/sentinel/dist/index.js';
import { fmt } from './timing.mjs';

const N = 20_000_000;
const TARGET = 10_000_000;
const KINDS = ['place', 'replace', 'cancel', 'replace'];
const SIDES = ['bid', 'ask'];

function loop(check, ack) {
  let blocked = 0;
  let now = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) {
    now += 7_000; // an event every 7 ms of market time
    if (check(KINDS[i & 3], SIDES[(i >> 2) & 1], 0.01, now) !== undefined) blocked++;
    if ((i & 1) === 1) ack();
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return { perSec: N / s, blocked };
}

export const guard = {
  name: 'guard',
  what: `OrderGuard.check calls/s over ${N / 1e6}M mixed actions (target >= ${TARGET / 1e6}M/s)`,
  async run() {
    const noop = () => undefined;
    loop(noop, noop); // warm-up
    const base = loop(noop, noop);
    const g = new OrderGuard({ min_interval_ms: 60, concurrency_limit: 1.9, replace_rate_per_min: 300, max_position: 1 });
    loop((k, s, q, t) => g.check(k, s, q, t), () => g.onAck());
    const g2 = new OrderGuard({ min_interval_ms: 60, concurrency_limit: 1.9, replace_rate_per_min: 300, max_position: 1 });
    const real = loop((k, s, q, t) => g2.check(k, s, q, t), () => g2.onAck());
    console.log(`baseline (no-op call)  ${fmt(base.perSec / 1e6)} M calls/s`);
    console.log(`OrderGuard.check       ${fmt(real.perSec / 1e6)} M calls/s  (${fmt(real.perSec / base.perSec, 2)}x of baseline; ${fmt((100 * real.blocked) / N)}% blocked)`);
    const ok = real.perSec >= TARGET;
    console.log(`${ok ? 'PASS' : 'MISS'}: ${fmt(real.perSec / 1e6)}M/s ${ok ? '>=' : '<'} ${TARGET / 1e6}M/s`);
    return ok;
  },
};
