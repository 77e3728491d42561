// market-sim throughput: synthetic events/s, and replay of the shared Binance file next to the baseline of
// just gunzipping it and splitting it into lines, all in this run.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { SyntheticMarket, loadScenario, openReplay, readLineBatches } from '../../packages/market-sim/dist/index.js';
import { fmt } from './timing.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
export const BINANCE_FILE = resolve(ROOT, '../shared/data/binance-usdm/btcusdt_20240808.gz');
const SYNTH_TARGET = 5e6;

const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

const SCENARIO = loadScenario(resolve(ROOT, 'config/scenarios/quiet.json'));
const EVENTS_PER_S = SCENARIO.quote_rate_per_s + SCENARIO.trade_rate_per_s + SCENARIO.jump_rate_per_s;

/** Market seconds of the quiet scenario that hold about `events` events. */
export const secondsFor = (events) => Math.ceil(events / EVENTS_PER_S);

export async function syntheticRate(marketSeconds) {
  const m = new SyntheticMarket(SCENARIO, 1);
  let n = 0;
  const t0 = process.hrtime.bigint();
  for await (const b of m.stream(marketSeconds * 1e6)) n += b.length;
  return { events: n, perSec: n / seconds(t0) };
}

export async function baselineLines() {
  let n = 0;
  const t0 = process.hrtime.bigint();
  for await (const { lines } of readLineBatches(BINANCE_FILE)) n += lines.length;
  return { lines: n, perSec: n / seconds(t0) };
}

export async function replayRate(includeDepth = false) {
  const t0 = process.hrtime.bigint();
  const r = openReplay(BINANCE_FILE, 'binance-ws', { includeDepth });
  let n = 0;
  for await (const b of r.events) n += b.length;
  const s = seconds(t0);
  return { events: n, lines: r.stats.lines, perSec: n / s, linesPerSec: r.stats.lines / s };
}

export const marketSim = {
  name: 'market-sim',
  what: 'synthetic events/s (target >= 5M/s); Binance replay vs gunzip+split baseline (target >= 50% of its lines/s, depth off; depth on reported)',
  async run() {
    await syntheticRate(secondsFor(1e6)); // warm-up
    const synth = await syntheticRate(secondsFor(10e6));
    console.log(`synthetic: ${fmt(synth.events / 1e6, 2)}M events at ${fmt(synth.perSec / 1e6, 2)}M events/s`);
    let ok = synth.perSec >= SYNTH_TARGET;
    console.log(`${ok ? 'PASS' : 'MISS'}: synthetic ${fmt(synth.perSec / 1e6, 2)}M/s ${ok ? '>=' : '<'} 5M/s`);
    if (!existsSync(BINANCE_FILE)) {
      console.log(`SKIP replay: ${BINANCE_FILE} not found`);
      return ok;
    }
    // Both warmed up alike (one run each), then the best of three interleaved runs each: the file is short
    // (94k lines), so one cold run says more about the JIT than about the reader.
    await baselineLines();
    await replayRate();
    await replayRate(true);
    const bases = [];
    const reps = [];
    const depths = [];
    for (let i = 0; i < 3; i++) {
      bases.push(await baselineLines());
      reps.push(await replayRate());
      depths.push(await replayRate(true));
    }
    const best = (xs) => xs.sort((a, b) => b.perSec - a.perSec)[0];
    const base = best(bases);
    const rep = best(reps);
    const dep = best(depths);
    const ratio = rep.linesPerSec / base.perSec;
    console.log(`baseline gunzip+split: ${fmt(base.lines, 0)} lines at ${fmt(base.perSec / 1e3, 0)}k lines/s`);
    console.log(`replay binance-ws:     ${fmt(rep.events, 0)} events from ${fmt(rep.lines, 0)} lines at ${fmt(rep.linesPerSec / 1e3, 0)}k lines/s (${fmt(rep.perSec / 1e3, 0)}k events/s) = ${fmt(ratio * 100, 1)}% of baseline (depth off)`);
    // Depth on parses every depthUpdate (up to 40 KB of JSON each) and sequences it: reported, not a target.
    console.log(`replay with depth on:  ${fmt(dep.events, 0)} events from ${fmt(dep.lines, 0)} lines at ${fmt(dep.linesPerSec / 1e3, 0)}k lines/s = ${fmt((dep.linesPerSec / base.perSec) * 100, 1)}% of baseline`);
    const replayOk = ratio >= 0.5;
    console.log(`${replayOk ? 'PASS' : 'MISS'}: replay at ${fmt(ratio * 100, 1)}% of baseline ${replayOk ? '>=' : '<'} 50%`);
    ok &&= replayOk;
    return ok;
  },
};
