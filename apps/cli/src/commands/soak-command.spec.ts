import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { meanInterval } from '@mm-profiles/soak-runner';
import { MM, REPO_ROOT, runMm, scratchRepo } from '../__tests__/run-mm.js';

/** A committed slice of a real capture. */
const REPLAY_SLICE = join(REPO_ROOT, 'packages/market-sim/fixtures/market-data/binance-usdm/ethusdt_20240718.head.gz');

describe('mm soak', () => {
  it("the seed's command works as written on the calibrated default: the block, the verdict as measured, files of SPEC 7", () => {
    const root = scratchRepo();
    const r = runMm(['soak', '--iterations', '2', '--mock', '--export-json', 'artifacts/soak/metrics.jsonl'], {
      cwd: root,
      env: { SOAK_HOURS: '0', MM_PROFILE: 'S1' },
    });
    expect(r.stderr).toBe('');
    const block = /SOAK TEST: (PASS|FAIL|INCONCLUSIVE)\n={60}\nDuration: 1h\nLatency P95: [\d.]+ms\nHit Ratio: [\d.]+%\nEdge BPS: (-?\d+\.\d\d)\n/.exec(r.stdout);
    expect(block).not.toBeNull();
    const dir = join(root, 'artifacts/soak');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    // The block and the exit code say what the summary says (SPEC 7: 0 PASS, 1 FAIL, 3 INCONCLUSIVE).
    expect(block![1]).toBe(summary.verdict);
    expect(r.code).toBe({ PASS: 0, FAIL: 1, INCONCLUSIVE: 3 }[summary.verdict as string]);
    expect(Number(block![2])).toBeCloseTo(summary.metrics.net_bps, 2);
    expect(summary.market.scenario).toBe('config/scenarios/default.json');
    for (const f of ['applied_profile.json', 'applied_profile.provenance.json', 'EDGE_REPORT.json', 'summary.json']) JSON.parse(readFileSync(join(dir, f), 'utf8'));
    for (const f of ['metrics.jsonl', 'audit.jsonl']) for (const l of readFileSync(join(dir, f), 'utf8').trim().split('\n')) JSON.parse(l);
    for (const f of ['EDGE_REPORT.md', 'SOAK_RESULTS.md']) expect(existsSync(join(dir, f))).toBe(true);
    const v = runMm(['audit', 'verify', 'artifacts/soak/audit.jsonl'], { cwd: root });
    expect(v.code).toBe(0);
    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8').split('\n');
    lines[3] = lines[3]!.replace('"ts":', '"ts":1');
    writeFileSync(join(dir, 'audit.jsonl'), lines.join('\n'));
    const bad = runMm(['audit', 'verify', 'artifacts/soak/audit.jsonl'], { cwd: root });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/audit\.jsonl:4: hash does not match/);
    // The calibrated default is ~250 events/s (6 s of CPU idle): a loaded 2-core machine stretches that tenfold.
  }, 300_000);

  it('--profile GLFT1: the GLFT quoter soaks, the summary names it, the page shows its inventory skew', () => {
    const root = scratchRepo();
    const r = runMm(['soak', '--profile', 'GLFT1', '--mock', '--iterations', '1', '--quiet'], { cwd: root });
    expect(r.stderr).toBe('');
    expect([0, 1, 3]).toContain(r.code);
    const dir = join(root, 'artifacts/soak');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.quoter).toMatchObject({ kind: 'glft', gamma: 0.1, sigma_bps_per_sqrt_s: 1.242183, a_per_s: 32.624886, k_per_bps: 0.367051 });
    expect(summary.metrics.fills).toBeGreaterThan(0);
    const skew = JSON.parse(readFileSync(join(dir, 'timeseries.json'), 'utf8')).columns.skew_bps as number[];
    expect(skew.some((x) => x !== 0)).toBe(true);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('<h2>Inventory skew</h2>');
  });

  it('the base profile fails on the same scenario with negative edge', () => {
    const r = runMm(['soak', '--profile', 'base', '--mock', '--scenario', 'quiet', '--quiet'], { cwd: scratchRepo() });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/SOAK TEST: FAIL/);
    expect(r.stdout).toMatch(/Edge BPS: -\d+\.\d\d/);
  });

  it('bad input: no market, unknown scenario, bad iterations -> exit 2, one line', () => {
    const root = scratchRepo();
    for (const [args, msg] of [
      [['soak', '--profile', 'S1'], /no market given/],
      [['soak', '--profile', 'S1', '--mock', '--scenario', 'nope'], /config\/scenarios\/nope\.json: scenario file not found/],
      [['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '0'], /--iterations must be a whole number from 1 to 100000, got "0"/],
      [['soak', '--profile', 'S1', '--replay', 'x.gz'], /--replay needs --format/],
      [['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--seed', 'abc'], /--seed must be a whole number from 0 to 2147483647, got "abc"/],
      [['soak', '--profile', 'S1', '--replay', 'missing.gz', '--format', 'binance-ws'], /missing\.gz: replay file not found/],
      [['soak', '--profile', 'S1', '--mock', '--queue-model', 'fifo'], /--queue-model: queue model "fifo": expected one of risk-averse, power, log/],
      [['soak', '--profile', 'S1', '--mock', '--exchange-model', 'full'], /--exchange-model: exchange model "full": expected one of partial-fill, no-partial-fill/],
      [['soak', '--profile', 'S1', '--mock', '--depth', 'on'], /--depth applies to a replay \(--replay FILE\); the mock market has no depth/],
      [['soak', '--profile', 'S1', '--replay', REPLAY_SLICE, '--format', 'binance-ws', '--depth', 'maybe'], /--depth must be on or off, got "maybe"/],
      [['soak', '--profile', 'S1', '--replay', REPLAY_SLICE, '--format', 'binance-ws', '--until-last'], /--until-last applies to a Tardis replay \(its quotes and trades files\); this one is binance-ws/],
      [['soak', '--profile', 'S1', '--mock', '--until-last'], /--until-last applies to a Tardis replay/],
      [['soak', '--profile', 'S1', '--mock', '--latency-model', 'gauss:1'], /--latency-model: latency model "gauss:1": unknown model "gauss"/],
      [['soak', '--profile', 'S1', '--mock', '--latency-model', 'lognormal:45,12'], /--latency-model: latency model "lognormal:45,12": lognormal takes a median > 0 and a p95 >= it/],
      [['soak', '--profile', 'S1', '--mock', '--feed-latency-ms', 'abc'], /--feed-latency-ms must be a number from 0 to 60000, got "abc"/],
    ] as const) {
      const r = runMm([...args], { cwd: root });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
  });

  it('a Tardis replay whose quotes end long before its trades: a warning on stderr, the replay stops at the overlap', () => {
    const root = scratchRepo();
    const quotes = join(REPO_ROOT, 'packages/market-sim/fixtures/market-data/tardis/binance-futures_quotes_BTCUSDT_2020-02-22.head.csv');
    const r = runMm(['soak', '--profile', 'S1', '--replay', quotes, '--format', 'tardis', '--quiet'], { cwd: root });
    expect(r.stderr).toMatch(/^tardis: the quotes \(binance-futures_quotes_BTCUSDT_2020-02-22\.head\.csv\) end 86\.0 s before the trades \(binance-futures_trades_BTCUSDT_2020-02-22\.head\.csv\); replay stopped where the quotes end \(217 trades rows left out; --until-last replays them\)\n$/);
    const summary = JSON.parse(readFileSync(join(root, 'artifacts/soak/summary.json'), 'utf8'));
    expect(summary.market.stats.tardis.trades.file).toMatch(/trades_BTCUSDT_2020-02-22\.head\.csv$/);
    expect(summary.market.stats.trades).toBe(83);
    const all = runMm(['soak', '--profile', 'S1', '--replay', quotes, '--format', 'tardis', '--until-last', '--quiet', '--out-dir', 'all'], { cwd: root });
    expect(all.stderr).toMatch(/--until-last: replayed to the end of the trades/);
    expect(JSON.parse(readFileSync(join(root, 'all/summary.json'), 'utf8')).market.stats.trades).toBe(300);
  });

  it('--latency-model and --feed-latency-ms: every leg as set, named in the summary, measured in the metrics', () => {
    const root = scratchRepo();
    const r = runMm(['soak', '--profile', 'S1', '--mock', '--iterations', '1', '--hours', '0.05', '--latency-model', 'constant:2', '--feed-latency-ms', '5', '--quiet'], { cwd: root });
    expect(r.code, r.stderr).not.toBe(2);
    const summary = JSON.parse(readFileSync(join(root, 'artifacts/soak/summary.json'), 'utf8'));
    expect(summary.market.latency).toEqual({ feed: 'from-data', entry: 'constant:2', response: 'constant:2', feed_extra_ms: 5 });
    // The mock's own events carry no feed latency: every one is seen 5 ms late; every request is acked as seen
    // 2 ms (entry) + 2 ms (response) after it was sent.
    const m = summary.metrics;
    expect([m.feed_latency_p50_ms, m.feed_latency_p95_ms, m.feed_latency_p99_ms]).toEqual([5, 5, 5]);
    expect([m.latency_p50_ms, m.latency_p95_ms, m.latency_p99_ms]).toEqual([4, 4, 4]);
    expect(m.places).toBeGreaterThan(0);
  });

  it('--seeds N: one run per seed, net edge judged on the 95% interval of the seeds, the block says so', () => {
    const root = scratchRepo();
    const r = runMm(['soak', '--profile', 'conservative', '--mock', '--scenario', 'quiet', '--iterations', '1', '--seeds', '4', '--quiet'], { cwd: root });
    expect(r.stderr).toBe('');
    const dir = join(root, 'artifacts/soak');
    const perSeed = [1, 2, 3, 4].map((s) => JSON.parse(readFileSync(join(dir, `seed-${s}/summary.json`), 'utf8')).metrics.net_bps as number);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    // A second computation of the interval from the per-seed summaries.
    const expected = meanInterval(perSeed);
    expect(summary.samples).toEqual({ unit: 'seed', n: 4 });
    expect(summary.intervals.net_bps.lo).toBeCloseTo(expected.lo, 5);
    expect(summary.intervals.net_bps.hi).toBeCloseTo(expected.hi, 5);
    const verdict = expected.lo > 0 ? 'PASS' : expected.hi <= 0 ? 'FAIL' : 'INCONCLUSIVE';
    expect(summary.verdict).toBe(verdict);
    expect(r.code).toBe({ PASS: 0, FAIL: 1, INCONCLUSIVE: 3 }[verdict]);
    expect(r.stdout).toMatch(new RegExp(`SOAK TEST: ${verdict}\n`));
    expect(r.stdout).toMatch(/^Edge BPS 95% CI: -?\d+\.\d{3} \[-?\d+\.\d{3}, -?\d+\.\d{3}\] \(95% CI, n=4\) over 4 seeds$/m);
    expect(runMm(['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--seeds', '2', '--export-json', 'x.jsonl'], { cwd: root }).code).toBe(2);
  });

  it('interrupted (SIGINT): exit 130, INCOMPLETE, and no gate line reads PASS before it', async () => {
    const root = scratchRepo();
    const child = spawn(process.execPath, [MM, 'soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--hours', '200'], { cwd: root, env: { ...process.env, MM_PROFILE: '' } });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      if (stdout.includes('| soak_iter |') && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(130);
    expect(stdout).toMatch(/SOAK TEST: INCOMPLETE/);
    expect(stdout).toMatch(/^\| kpi_gate \| INCOMPLETE \| the run was interrupted/m);
    expect(stdout).not.toMatch(/^\| kpi_gate \| PASS/m);
  });
});
