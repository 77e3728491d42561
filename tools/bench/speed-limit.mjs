// Issue 17's ratios, each from one run of both sides, repeated (median of the ratios): the engine's CPU per
// event against a tight loop doing the same kind of work on the same events; a full soak against a soak with
// --audit off (the audit's cost per line); a replay soak against gunzip + split of the same capture (depth off);
// the peak RSS of a 1 h and a 72 h mock soak (child processes); replay sweep cells on the shared capture with
// the decoded capture reused and no audit (CPU per cell). Start-up is the cli-startup bench.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { resolveProfile } from '../../packages/profile-core/dist/index.js';
import { loadScenario, SyntheticMarket, venueFromScenario } from '../../packages/market-sim/dist/index.js';
import { DEFAULT_SENTINEL_CONFIG, EdgeSentinel } from '../../packages/sentinel/dist/index.js';
import { AuditLog, Engine, loadGates, marketSpec, ReplayCache, runSoak, soakParts } from '../../packages/soak-runner/dist/index.js';
import { BINANCE_FILE } from './market-sim.mjs';
import { fmt, median } from './timing.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
/** Runs per ratio (median taken); BENCH_REPEATS overrides (a 72 h soak is minutes of CPU on a loaded machine). */
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const profile = () => resolveProfile({ name: 'S1', configDir: join(ROOT, 'config/profiles'), root: ROOT, env: {} });
const scenario = () => loadScenario(join(ROOT, 'config/scenarios/quiet.json'));
const mock = (seed = 1) => {
  const s = scenario();
  return { kind: 'mock', scenario: s, scenarioName: 'quiet', seed, venue: venueFromScenario(s), venueName: 'quiet' };
};

async function soak(market, iterations, windowS, extra = {}) {
  return runSoak({
    profile: profile(),
    market,
    iterations,
    windowS,
    autoTune: true,
    gates: loadGates(join(ROOT, 'config/gates/soak.json')),
    edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
    root: ROOT,
    ...extra,
  });
}

/** The synthetic market's events for `hours`, materialised (both loops read the same array). */
async function events(hours) {
  const out = [];
  for await (const b of new SyntheticMarket(scenario(), 1).stream(hours * 3600e6)) for (const e of b) out.push(e);
  return out;
}

/** The engine alone over the events (S1, the default venue, no audit), as soak-run builds it. */
function engineRun(evts) {
  const parts = soakParts(mock());
  const sentinel = new EdgeSentinel({ resolved: profile(), root: ROOT, maxPosition: parts.venue.max_position, log: () => undefined });
  const built = parts.exchange;
  const engine = new Engine({ sentinel, emulator: built.emulator, quoter: parts.quoter(sentinel, built.quoterVenue), maxPosition: built.venue.max_position, lotSize: built.venue.lot_size, minQty: built.venue.min_qty, asset: built.asset, audit: new AuditLog(null, 'off') });
  const windowUs = 1800e6;
  let windowEnd = windowUs;
  const t0 = cpuUs();
  for (let i = 0; i < evts.length; i++) {
    const e = evts[i];
    while (e.ts >= windowEnd) {
      engine.takeSamples();
      windowEnd += windowUs;
    }
    engine.onEvent(e);
  }
  engine.finish();
  const us = cpuUs() - t0;
  const c = engine.counters;
  return { usPerEvent: us / evts.length, attempts: c.attempts, executed: c.executed, fills: engine.ledger.amounts.fills };
}

/**
 * The tight loop: the same emulator on the same events, quoting S1's half-spread around the mid on each side
 * (one request in flight per side, a replace when the target moves, the same min interval), nothing else: no
 * guard, ledger, samples or markouts. What the engine's work costs at its barest.
 */
function tightRun(evts) {
  const parts = soakParts(mock());
  const built = parts.exchange;
  const em = built.emulator;
  const p = profile().applied;
  const tick = built.quoterVenue.tickSize;
  const qty = built.quoterVenue.orderSize;
  const half = p.base_spread_bps / 2 / 1e4;
  const minGapUs = p.min_interval_ms * 1000;
  const sides = [1, -1].map((sign) => ({ sign, order: null, px: 0, pending: false, lastUs: -Infinity }));
  const bySide = new Map();
  const reports = [];
  let attempts = 0;
  let executed = 0;
  let fills = 0;
  let mid = NaN;
  const t0 = cpuUs();
  for (let i = 0; i < evts.length; i++) {
    const e = evts[i];
    if (e.kind === 'quote') mid = (e.bidPx + e.askPx) / 2;
    reports.length = 0;
    em.onEvent(e, reports);
    for (const r of reports) {
      if (r.type === 'fill') {
        fills += 1;
        const s = sides[r.side > 0 ? 0 : 1];
        if (r.remaining <= 0 && s.order === r.orderId) s.order = null;
        continue;
      }
      const s = bySide.get(r.requestId);
      bySide.delete(r.requestId);
      s.pending = false;
      if (r.type === 'ack' && r.kind !== 'cancel') {
        const o = em.order(r.orderId);
        s.order = o ? r.orderId : null;
        if (o) s.px = o.px;
      } else if (r.type === 'reject') s.order = null;
    }
    if (mid !== mid) continue;
    for (const s of sides) {
      if (s.pending) continue;
      const px = s.sign > 0 ? Math.floor((mid * (1 - half)) / tick) * tick : Math.ceil((mid * (1 + half)) / tick) * tick;
      if (s.order !== null && Math.abs(px - s.px) < tick / 2) continue;
      attempts += 1;
      if (e.ts - s.lastUs < minGapUs) continue;
      executed += 1;
      s.lastUs = e.ts;
      s.pending = true;
      const req = s.order === null ? { kind: 'place', side: s.sign, px, qty } : { kind: 'replace', orderId: s.order, px, qty };
      bySide.set(em.submit(req, e.ts).requestId, s);
    }
  }
  const us = cpuUs() - t0;
  return { usPerEvent: us / evts.length, attempts, executed, fills };
}

export const engineTight = {
  name: 'engine-tight',
  what: 'engine CPU per event vs a tight loop on the same 24 h of synthetic events (goal <= 2x)',
  async run() {
    const evts = await events(24);
    engineRun(evts.slice(0, 50_000)); // warm-up
    tightRun(evts.slice(0, 50_000));
    const ratios = [];
    let last;
    for (let k = 0; k < REPEATS; k++) {
      const en = engineRun(evts);
      const ti = tightRun(evts);
      ratios.push(en.usPerEvent / ti.usPerEvent);
      last = { en, ti };
    }
    const r = median(ratios);
    console.log(`${evts.length} events (24 h, quiet scenario, seed 1)`);
    console.log(`engine: ${fmt(last.en.usPerEvent, 3)} us/event CPU (attempts ${last.en.attempts}, executed ${last.en.executed}, fills ${last.en.fills})`);
    console.log(`tight:  ${fmt(last.ti.usPerEvent, 3)} us/event CPU (attempts ${last.ti.attempts}, executed ${last.ti.executed}, fills ${last.ti.fills})`);
    console.log(`ratio (median of ${REPEATS}): ${ratios.map((x) => fmt(x, 2)).join(', ')} -> ${fmt(r, 2)}x`);
    const ok = r <= 2;
    console.log(`${ok ? 'PASS' : 'MISS'}: engine ${fmt(r, 2)}x ${ok ? '<=' : '>'} 2x of the tight loop`);
    return ok;
  },
};

export const auditCost = {
  name: 'audit-cost',
  what: '24 h mock soak with --audit full vs off, CPU per audit line (goal <= 1 us)',
  async run() {
    await soak(mock(), 2, 1800, { outDir: mkdtempSync(join(tmpdir(), 'mm-bench-a-')), audit: 'off' }); // warm-up
    const per = [];
    let lines = 0;
    for (let k = 0; k < REPEATS; k++) {
      let t0 = cpuUs();
      const full = await soak(mock(), 48, 1800, { outDir: mkdtempSync(join(tmpdir(), 'mm-bench-a-')), audit: 'full' });
      const fullUs = cpuUs() - t0;
      t0 = cpuUs();
      await soak(mock(), 48, 1800, { outDir: mkdtempSync(join(tmpdir(), 'mm-bench-a-')), audit: 'off' });
      const offUs = cpuUs() - t0;
      lines = full.summary.audit.lines;
      per.push((fullUs - offUs) / lines);
      console.log(`run ${k + 1}: full ${fmt(fullUs / 1e6, 2)} s CPU, off ${fmt(offUs / 1e6, 2)} s CPU, ${lines} lines -> ${fmt((fullUs - offUs) / lines, 3)} us/line`);
    }
    const m = median(per);
    const ok = m <= 1;
    console.log(`${ok ? 'PASS' : 'MISS'}: audit ${fmt(m, 3)} us/line (median of ${REPEATS}) ${ok ? '<=' : '>'} 1 us`);
    return ok;
  },
};

export const replayRead = {
  name: 'replay-read',
  what: 'replay soak (depth off, no audit) vs gunzip + split of the same capture, as a speed ratio (goal >= 50%)',
  async run() {
    const market = marketSpec(ROOT, { replay: BINANCE_FILE, format: 'binance-ws', seed: 1, depth: 'off' });
    const split = () => {
      const t0 = cpuUs();
      const n = gunzipSync(readFileSync(BINANCE_FILE)).toString('utf8').split('\n').length;
      return { us: cpuUs() - t0, n };
    };
    split();
    await soak(market, 1, undefined);
    const ratios = [];
    for (let k = 0; k < REPEATS; k++) {
      const g = split();
      const t0 = cpuUs();
      await soak(market, 3, undefined);
      const us = cpuUs() - t0;
      ratios.push(g.us / us);
      console.log(`run ${k + 1}: gunzip+split ${fmt(g.us / 1e3, 0)} ms CPU (${g.n} lines); replay soak ${fmt(us / 1e3, 0)} ms CPU -> ${fmt((100 * g.us) / us, 1)}%`);
    }
    const m = median(ratios);
    const ok = m >= 0.5;
    console.log(`${ok ? 'PASS' : 'MISS'}: replay soak at ${fmt(100 * m, 1)}% of gunzip+split's speed ${ok ? '>=' : '<'} 50%`);
    return ok;
  },
};

/** Peak RSS (kB) of a child process running a mock soak of `hours` (audit off: the files are not the question). */
function soakRss(hours) {
  const script = `
    import { resolveProfile } from '${ROOT}/packages/profile-core/dist/index.js';
    import { loadScenario, venueFromScenario } from '${ROOT}/packages/market-sim/dist/index.js';
    import { DEFAULT_SENTINEL_CONFIG } from '${ROOT}/packages/sentinel/dist/index.js';
    import { loadGates, runSoak } from '${ROOT}/packages/soak-runner/dist/index.js';
    import { mkdtempSync } from 'node:fs';
    import { tmpdir } from 'node:os';
    import { join } from 'node:path';
    const s = loadScenario('${ROOT}/config/scenarios/quiet.json');
    await runSoak({ profile: resolveProfile({ name: 'S1', configDir: '${ROOT}/config/profiles', root: '${ROOT}', env: {} }),
      market: { kind: 'mock', scenario: s, scenarioName: 'quiet', seed: 1, venue: venueFromScenario(s), venueName: 'quiet' },
      iterations: ${hours * 2}, windowS: 1800, outDir: mkdtempSync(join(tmpdir(), 'mm-bench-rss-')), audit: 'off', autoTune: true,
      gates: loadGates('${ROOT}/config/gates/soak.json'), edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy, root: '${ROOT}' });
    process.stdout.write(String(process.resourceUsage().maxRSS));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`rss child exited ${r.status}: ${r.stderr}`);
  return Number(r.stdout);
}

export const soakRssBench = {
  name: 'soak-rss',
  what: 'peak RSS of a 1 h vs a 72 h mock soak, child processes (goal: within 10%)',
  async run() {
    const ratios = [];
    for (let k = 0; k < REPEATS; k++) {
      const one = soakRss(1);
      const long = soakRss(72);
      ratios.push(long / one);
      console.log(`run ${k + 1}: 1 h ${fmt(one / 1024, 1)} MB, 72 h ${fmt(long / 1024, 1)} MB -> ${fmt(long / one, 3)}x`);
    }
    const m = median(ratios);
    const ok = m <= 1.1;
    console.log(`${ok ? 'PASS' : 'MISS'}: 72 h at ${fmt(m, 3)}x the 1 h peak RSS ${ok ? '<=' : '>'} 1.1x`);
    return ok;
  },
};

export const replayCells = {
  name: 'replay-cells',
  what: 'replay sweep cells on the shared BTCUSDT capture, decoded capture reused, audit off (goal <= 0.45 s CPU per cell)',
  async run() {
    const cache = new ReplayCache();
    const market = marketSpec(ROOT, { replay: BINANCE_FILE, format: 'binance-ws', seed: 1 });
    const cell = (k) =>
      runSoak({
        profile: { ...profile(), applied: { ...profile().applied, base_spread_bps: profile().applied.base_spread_bps + 0.05 * (k % 5) } },
        market,
        iterations: 3,
        audit: 'off',
        replayCache: cache,
        autoTune: true,
        gates: loadGates(join(ROOT, 'config/gates/soak.json')),
        edgePolicy: DEFAULT_SENTINEL_CONFIG.edge_policy,
        root: ROOT,
      });
    let t0 = cpuUs();
    await cell(0); // decodes the capture (paid once per worker)
    const firstUs = cpuUs() - t0;
    const CELLS = 10;
    const per = [];
    for (let k = 0; k < REPEATS; k++) {
      t0 = cpuUs();
      const w0 = process.hrtime.bigint();
      for (let c = 1; c <= CELLS; c++) await cell(c);
      const us = (cpuUs() - t0) / CELLS;
      const wall = Number(process.hrtime.bigint() - w0) / 1e9;
      per.push(us);
      console.log(`run ${k + 1}: ${CELLS} cells, ${fmt(us / 1e6, 3)} s CPU per cell, ${fmt(CELLS / wall, 2)} cells/s wall`);
    }
    const m = median(per) / 1e6;
    console.log(`first cell (decodes the capture): ${fmt(firstUs / 1e6, 3)} s CPU`);
    const ok = m <= 0.45;
    console.log(`${ok ? 'PASS' : 'MISS'}: ${fmt(m, 3)} s CPU per cell (median of ${REPEATS}) ${ok ? '<=' : '>'} 0.45 s`);
    return ok;
  },
};
