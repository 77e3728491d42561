// The soak engine's events/s on synthetic and replay input next to market-sim's bare event rate from the same
// run (engine overhead as a ratio), and the wall time of a 24-hour mock soak (target < 10 s).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveProfile } from '../../packages/profile-core/dist/index.js';
import { loadScenario } from '../../packages/market-sim/dist/index.js';
import { DEFAULT_SENTINEL_CONFIG } from '../../packages/sentinel/dist/index.js';
import { loadGates, runSoak } from '../../packages/soak-runner/dist/index.js';
import { BINANCE_FILE, replayRate, secondsFor, syntheticRate } from './market-sim.mjs';
import { fmt } from './timing.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
/** CPU seconds of this process (user + system): steadier than wall time on a shared, loaded machine. */
const cpuS = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

async function soak(market, iterations, windowS) {
  const outDir = mkdtempSync(join(tmpdir(), 'mm-bench-soak-'));
  const t0 = process.hrtime.bigint();
  const c0 = cpuS();
  const r = await runSoak({
    profile: resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} }),
    market,
    iterations,
    windowS,
    outDir,
    metricsPath: join(outDir, 'metrics.jsonl'),
    autoTune: true,
    gates: loadGates(join(ROOT, 'config/gates/soak.json')),
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root: ROOT,
  });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds: s, cpu: cpuS() - c0, verdict: r.verdict, netBps: r.metrics.net_bps };
}

export const engine = {
  name: 'engine',
  what: 'soak engine events/s vs bare market events/s; 24-hour mock soak wall time (target < 10 s)',
  async run() {
    const scenario = loadScenario(join(ROOT, 'config/scenarios/quiet.json'));
    await syntheticRate(secondsFor(1e6)); // warm-up, so the bare rate is not a cold start
    const c0 = cpuS();
    const bare = await syntheticRate(86_400);
    const bareCpu = cpuS() - c0;
    const day = await soak({ kind: 'mock', scenario, scenarioName: 'quiet', seed: 1 }, 48, 1800);
    const eps = bare.events / day.seconds;
    console.log(`bare synthetic market: ${fmt(bare.perSec / 1e6, 2)}M events/s`);
    console.log(`24 h mock soak (S1):   ${fmt(day.seconds, 2)} s wall, ${fmt(eps / 1e6, 2)}M events/s = ${fmt(eps / bare.perSec, 3)}x of bare (verdict ${day.verdict}, net ${day.netBps} bps)`);
    // The same by CPU time: the engine's events/s against the bare market's, each per CPU second.
    const bareCps = bare.events / bareCpu;
    const dayCps = bare.events / day.cpu;
    console.log(`by CPU time: bare ${fmt(bareCps / 1e6, 2)}M events/CPU-s (${fmt(bareCpu, 2)} s), soak ${fmt(dayCps / 1e6, 3)}M events/CPU-s (${fmt(day.cpu, 2)} s) = ${fmt(dayCps / bareCps, 3)}x of bare`);
    const rep = await replayRate();
    const r = await soak({ kind: 'replay', file: BINANCE_FILE, format: 'binance-ws', skipBadLines: false, scenario, scenarioName: 'default', seed: 1 }, 3, undefined);
    // The soak reads the replay twice (a first pass finds its span), so count both passes.
    const reps = (2 * rep.events) / r.seconds;
    console.log(`replay: bare reader ${fmt(rep.perSec / 1e3, 0)}k events/s; soak ${fmt(r.seconds, 2)} s = ${fmt(reps / 1e3, 0)}k events/s read (${fmt(reps / rep.perSec, 2)}x of bare)`);
    const ok = day.seconds < 10;
    console.log(`${ok ? 'PASS' : 'MISS'}: 24 h mock soak in ${fmt(day.seconds, 2)} s ${ok ? '<' : '>='} 10 s`);
    return ok;
  },
};
