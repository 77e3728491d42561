/** The built `ci-gate` bin, run as CI runs it, in a scratch workspace. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserOrLoudSkip, checkPage, chromiumPath } from '../../../../tools/browser/page-check.mjs';

const REPO = resolve(import.meta.dirname, '../../../..');
const BIN = join(REPO, 'apps/ci-gate/dist/main.js');
const MM = join(REPO, 'apps/cli/dist/main.js');

function scratch(): string {
  const root = mkdtempSync(join(tmpdir(), 'ci-gate-e2e-'));
  writeFileSync(join(root, 'nx.json'), '{}');
  cpSync(join(REPO, 'config'), join(root, 'config'), { recursive: true });
  return root;
}

function run(bin: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const e: Record<string, string> = { ...(process.env as Record<string, string>), ...env };
  delete e['MM_PROFILE'];
  delete e['MM_RUNTIME_OVERRIDES_JSON'];
  if (!env['GITHUB_STEP_SUMMARY']) delete e['GITHUB_STEP_SUMMARY'];
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, env: e, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('--audit modes end to end (mm soak, mm audit verify, ci-gate check)', () => {
  it('fills verifies and passes; off has nothing to verify and is judged only with --allow-no-audit; a bad mode is exit 2', () => {
    const root = scratch();
    const soak = (mode: string) => run(MM, ['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '2', '--quiet', '--audit', mode], root);
    expect(soak('fills').code).toBe(0);
    const v = run(MM, ['audit', 'verify', 'artifacts/soak'], root);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^\| audit_verify \| OK \| artifacts\/soak\/audit\.jsonl MODE=fills LINES=\d+ \|$/m);
    expect(readFileSync(join(root, 'artifacts/soak/audit.jsonl'), 'utf8')).toMatch(/"type":"BLOCKS"/);
    expect(run(BIN, ['check'], root).code).toBe(0);

    expect(soak('off').code).toBe(0);
    expect(existsSync(join(root, 'artifacts/soak/audit.jsonl'))).toBe(false);
    const off = run(MM, ['audit', 'verify', 'artifacts/soak'], root);
    expect(off.code).toBe(0);
    expect(off.stdout).toMatch(/\| audit_verify \| OFF \| artifacts\/soak: the run kept no audit/);
    const refused = run(BIN, ['check'], root);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toMatch(/summary\.json: the run kept no audit \(mm soak --audit off\).*--allow-no-audit/);
    const allowed = run(BIN, ['check', '--allow-no-audit'], root);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^audit: none \(the run used --audit off/m);

    const bad = soak('some');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--audit must be one of full, fills, off, got "some"/);
  });
});

describe('ci-gate check', () => {
  it('PASS on the S1 mini soak (exit 0), table and marker printed, reports written', () => {
    const root = scratch();
    expect(run(MM, ['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '2', '--quiet'], root).code).toBe(0);
    const r = run(BIN, ['check'], root);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\| hard \| net_bps \| [0-9.]+ \| > 0 \| PASS \|$/m);
    expect(r.stdout).toMatch(/^\| kpi_gate \| PASS \| PROFILE=S1 /m);
    for (const f of ['GATE_REPORT.json', 'GATE_REPORT.md', 'junit.xml']) expect(existsSync(join(root, 'artifacts/gate', f))).toBe(true);
  });

  it('FAIL on the base profile (exit 1), the failed hard gate named', () => {
    const root = scratch();
    expect(run(MM, ['soak', '--profile', 'base', '--mock', '--scenario', 'quiet', '--iterations', '2', '--quiet'], root).code).toBe(1);
    const r = run(BIN, ['check'], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^reason: hard gate net_bps > 0 fails: net_bps -[0-9.]+ <= 0$/m);
    expect(r.stdout).toMatch(/^\| kpi_gate \| FAIL \|/m);
  });

  it('exit 2 and nothing written: no artifacts, a broken audit chain, bad gates file', () => {
    const root = scratch();
    let r = run(BIN, ['check'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ci-gate: error: artifacts\/soak: artifacts folder not found/);
    run(MM, ['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '1', '--quiet'], root);
    const audit = join(root, 'artifacts/soak/audit.jsonl');
    const lines = readFileSync(audit, 'utf8').split('\n');
    lines[5] = lines[5]!.replace(/"seq":6/, '"seq":60');
    writeFileSync(audit, lines.join('\n'));
    r = run(BIN, ['check'], root);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('ci-gate: error: artifacts/soak/audit.jsonl:6: audit chain broken (hash does not match the line\'s content)');
    r = run(BIN, ['check', '--gates', 'config/gates/nope.json'], root);
    expect(r.code).toBe(2);
    expect(existsSync(join(root, 'artifacts/gate'))).toBe(false);
  });
});

describe('ci-gate compare', () => {
  it('paired over the same seeds: conservative vs base PASS (exit 0), swapped FAIL (exit 1), S1 vs base on 3 seeds INCONCLUSIVE (exit 3)', () => {
    const root = scratch();
    const summary = join(root, 'step-summary.md');
    const ok = run(BIN, ['compare', '--scenario', 'quiet', '--baseline', 'base', '--candidate', 'conservative', '--seeds', '3'], root, { GITHUB_STEP_SUMMARY: summary });
    expect(ok.code).toBe(0);
    const report = JSON.parse(readFileSync(join(root, 'artifacts/gate-compare/GATE_REPORT.json'), 'utf8'));
    const net = report.comparison.find((c: { metric: string }) => c.metric === 'net_bps');
    // The decision reads the paired interval the report shows.
    expect(report.paired.delta.lo).toBe(net.delta_lo);
    expect(net.delta_lo).toBeGreaterThanOrEqual(-report.paired.margin);
    expect(report.subject.seeds).toBe(3);
    expect(readFileSync(summary, 'utf8')).toContain('## KPI gate: candidate vs baseline: PASS');

    const swapped = run(BIN, ['compare', '--scenario', 'quiet', '--baseline', 'conservative', '--candidate', 'base', '--seeds', '3'], root);
    expect(swapped.code).toBe(1);
    expect(swapped.stdout).toMatch(/^reason: candidate base is worse than the baseline conservative on net_bps with confidence: paired delta -[0-9.]+ \[-[0-9.]+, -[0-9.]+\] \(95% CI, n=3\)/m);
    expect(swapped.stdout).toMatch(/^\| kpi_gate \| FAIL \|/m);

    const unsure = run(BIN, ['compare', '--scenario', 'quiet', '--baseline', 'base', '--candidate', 'S1', '--seeds', '3'], root);
    expect(unsure.code).toBe(3);
    expect(unsure.stdout).toMatch(/^net_bps paired delta \(S1 − base\): .* -> INCONCLUSIVE; ~[0-9]+ seeds would decide$/m);
    expect(unsure.stdout).toMatch(/^\| kpi_gate \| INCONCLUSIVE \|/m);
  });

  it.runIf(chromiumPath())('writes report.html: per-seed paired values and deltas drawn from the seeds\' summaries, no errors (headless Chromium)', async () => {
    const root = scratch();
    const r = run(BIN, ['compare', '--scenario', 'quiet', '--baseline', 'base', '--candidate', 'S1', '--seeds', '3', '--iterations', '1'], root);
    // Whatever the verdict (PASS 0, FAIL 1, INCONCLUSIVE 3), the page is written.
    expect([0, 1, 3]).toContain(r.code);
    expect(r.stdout).toMatch(/^report: artifacts\/gate-compare\/report\.html$/m);
    const dir = join(root, 'artifacts/gate-compare');
    const net = (role: string, seed: number) => JSON.parse(readFileSync(join(dir, role, `seed-${seed}`, 'summary.json'), 'utf8')).metrics.net_bps as number;
    mkdirSync(join(REPO, 'artifacts/report-browser'), { recursive: true });
    const seen = await checkPage(join(dir, 'report.html'), { screenshot: join(REPO, 'artifacts/report-browser/compare.png') });
    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
    expect(seen.report.charts['chart-paired']).toEqual({ points: 3, series: 2, values: [3, 3] });
    expect(seen.report.charts['chart-deltas']).toEqual({ points: 3, series: 5, values: [3, 3, 3, 3, 3] });
    const page = readFileSync(join(dir, 'report.html'), 'utf8');
    const data = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(page)![1]!);
    expect(data.seeds).toEqual([1, 2, 3]);
    expect(data.deltas).toEqual([1, 2, 3].map((s) => expect.closeTo(net('candidate-S1', s) - net('baseline-base', s), 6)));
    // The interval and the verdict are GATE_REPORT.json's: the paired 95% CI of net bps, the badge.
    const gate = JSON.parse(readFileSync(join(dir, 'GATE_REPORT.json'), 'utf8'));
    const row = gate.comparison.find((c: { metric: string }) => c.metric === 'net_bps');
    expect(data.interval).toEqual([row.delta_lo, row.delta_hi, '95% CI']);
    expect(data.mean).toBe(row.delta_mean);
    expect(page).toContain(`Verdict <span class="badge ${gate.verdict}">${gate.verdict}</span>`);
    for (const c of seen.canvases) expect(c.painted, c.id ?? '').toBeGreaterThan(500);
  });
  browserOrLoudSkip(it.skip);

  it('bad flags exit 2 with one line', () => {
    const root = scratch();
    const r = run(BIN, ['compare', '--scenario', 'quiet', '--baseline', 'base', '--candidate', 'S1', '--seeds', '0'], root);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('ci-gate: error: --seeds must be a whole number >= 1, got "0"');
  });

  it('a replay compare takes the market models as mm soak does: depth, queue and exchange model reach both runs', () => {
    const root = scratch();
    const slice = join(REPO, 'packages/market-sim/fixtures/market-data/binance-usdm/btcusdt_20240808.head.gz');
    const args = ['compare', '--replay', slice, '--format', 'binance-ws', '--baseline', 'base', '--candidate', 'S1', '--seeds', '1', '--iterations', '2'];
    const r = run(BIN, [...args, '--depth', 'off', '--queue-model', 'power:2', '--exchange-model', 'no-partial-fill'], root);
    expect([0, 1, 3]).toContain(r.code);
    for (const dir of ['baseline-base', 'candidate-S1']) {
      const summary = JSON.parse(readFileSync(join(root, 'artifacts/gate-compare', dir, 'seed-1/summary.json'), 'utf8'));
      expect(summary.market).toMatchObject({ kind: 'replay', depth: 'off', queue_model: 'power:2', exchange_model: 'no-partial-fill', venue: 'config/venues/binance-usdm-btcusdt.json' });
    }
    const bad = run(BIN, [...args, '--depth', 'maybe'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('ci-gate: error: --depth must be on or off, got "maybe"');
  });
});

describe('ci-gate check refuses tampered artifacts (issue 14)', () => {
  it('an edited summary number, a deleted audit record, a cut audit log, an edited metrics line: exit 2, never PASS', () => {
    const root = scratch();
    expect(run(MM, ['soak', '--profile', 'base', '--mock', '--scenario', 'quiet', '--iterations', '2', '--quiet'], root).code).toBe(1);
    const dir = join(root, 'artifacts/soak');
    const pristine = Object.fromEntries(['summary.json', 'metrics.jsonl', 'audit.jsonl'].map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
    const restore = () => Object.entries(pristine).forEach(([f, t]) => writeFileSync(join(dir, f), t));
    expect(run(BIN, ['check'], root).code).toBe(1);

    const edits: Array<[string, () => void, RegExp]> = [
      ['net_bps set to 1.0 in the summary', () => {
        const s = JSON.parse(pristine['summary.json']!);
        s.metrics.net_bps = 1.0;
        writeFileSync(join(dir, 'summary.json'), JSON.stringify(s));
      }, /summary\.json: metrics\.net_bps is 1, the audit's END record says -/],
      ['net_bps set to 1.0 in the summary and the audit END line', () => {
        const s = JSON.parse(pristine['summary.json']!);
        s.metrics.net_bps = 1.0;
        delete s.audit;
        writeFileSync(join(dir, 'summary.json'), JSON.stringify(s));
      }, /summary\.json: key "audit" is missing \(expected an object\)/],
      ['audit key deleted and the log cut to 2,000 lines', () => {
        const s = JSON.parse(pristine['summary.json']!);
        delete s.audit;
        writeFileSync(join(dir, 'summary.json'), JSON.stringify(s));
        writeFileSync(join(dir, 'audit.jsonl'), pristine['audit.jsonl']!.split('\n').slice(0, 2000).join('\n') + '\n');
      }, /summary\.json: key "audit" is missing \(expected an object\)/],
      ['audit cut to 2,000 lines, summary record edited to match', () => {
        const lines = pristine['audit.jsonl']!.split('\n').slice(0, 2000);
        const s = JSON.parse(pristine['summary.json']!);
        s.audit = { lines: 2000, head: JSON.parse(lines[1999]!).hash };
        writeFileSync(join(dir, 'summary.json'), JSON.stringify(s));
        writeFileSync(join(dir, 'audit.jsonl'), lines.join('\n') + '\n');
      }, /audit\.jsonl: the last line is not the run's END record/],
      ['a metrics line edited', () => {
        writeFileSync(join(dir, 'metrics.jsonl'), pristine['metrics.jsonl']!.replace('"gross":', '"gross":9'));
      }, /metrics\.jsonl: its sha256 is not the one artifacts\/soak\/summary\.json recorded/],
      ['summary metrics_sha256 removed', () => {
        const s = JSON.parse(pristine['summary.json']!);
        delete s.metrics_sha256;
        writeFileSync(join(dir, 'summary.json'), JSON.stringify(s));
      }, /summary\.json: key "metrics_sha256" is missing \(expected a string\)/],
      ['a count edited in the summary', () => {
        const s = JSON.parse(pristine['summary.json']!);
        s.metrics.hit_ratio = 0.99;
        writeFileSync(join(dir, 'summary.json'), JSON.stringify(s));
      }, /hit_ratio is 0\.99 in the summary but 0\.\d+ from metrics\.jsonl/],
    ];
    for (const [what, edit, message] of edits) {
      restore();
      edit();
      const r = run(BIN, ['check'], root);
      expect(r.code, what).toBe(2);
      expect(r.stderr.trim().split('\n'), what).toHaveLength(1);
      expect(r.stderr, what).toMatch(message);
    }
  });
});

describe('ci-gate check on a multi-seed folder (mm soak --seeds)', () => {
  it('judges it as the soak did, on the interval over the seeds; an edited top-level summary or seed folder is refused', () => {
    const root = scratch();
    const soak = run(MM, ['soak', '--profile', 'S1', '--mock', '--scenario', 'quiet', '--iterations', '1', '--window-s', '300', '--seeds', '3', '--quiet'], root);
    expect([0, 1, 3]).toContain(soak.code);
    const dir = join(root, 'artifacts/soak');
    const r = run(BIN, ['check'], root);
    expect(r.code, r.stderr).toBe(soak.code);
    expect(r.stdout).toContain('SEEDS=[1,2,3]');
    // The interval by hand from the three seed folders' own net_bps: mean ± t(2) s / sqrt(3), t(2) = 4.302653.
    const nets = [1, 2, 3].map((s) => JSON.parse(readFileSync(join(dir, `seed-${s}`, 'summary.json'), 'utf8')).metrics.net_bps as number);
    const mean = nets.reduce((a, b) => a + b, 0) / 3;
    const sd = Math.sqrt(nets.reduce((a, x) => a + (x - mean) ** 2, 0) / 2);
    const lo = mean - (4.302653 * sd) / Math.sqrt(3);
    const report = JSON.parse(readFileSync(join(root, 'artifacts/gate/GATE_REPORT.json'), 'utf8'));
    const net = report.gates.find((g: { metric: string }) => g.metric === 'net_bps');
    expect(net.interval.n).toBe(3);
    expect(net.interval.lo).toBeCloseTo(lo, 5);

    const pristine = readFileSync(join(dir, 'summary.json'), 'utf8');
    const seed2 = readFileSync(join(dir, 'seed-2', 'summary.json'), 'utf8');
    const edits: Array<[string, () => void, RegExp]> = [
      ['the mean net_bps edited', () => {
        const s = JSON.parse(pristine);
        s.metrics.net_bps = 1;
        writeFileSync(join(dir, 'summary.json'), JSON.stringify(s));
      }, /summary\.json: metrics\.net_bps is 1, but the mean over seeds 1, 2, 3 is/],
      ['the interval edited', () => {
        const s = JSON.parse(pristine);
        s.intervals.net_bps.lo = 0.5;
        writeFileSync(join(dir, 'summary.json'), JSON.stringify(s));
      }, /summary\.json: intervals\.net_bps is .* \[0\.5, .*, but the 3 seeds \(3 sample\(s\)\) give/],
      ['a seed dropped from the list', () => {
        const s = JSON.parse(pristine);
        s.runs = s.runs.slice(0, 2);
        s.seeds = s.seeds.slice(0, 2);
        writeFileSync(join(dir, 'summary.json'), JSON.stringify(s));
      }, /summary\.json: 2 run\(s\) listed, 3 planned/],
      ['a seed folder\'s summary edited', () => {
        const s = JSON.parse(seed2);
        s.metrics.net_bps = 1;
        writeFileSync(join(dir, 'seed-2', 'summary.json'), JSON.stringify(s));
      }, /seed-2\/summary\.json: metrics\.net_bps is 1, the audit's END record says/],
    ];
    for (const [what, edit, message] of edits) {
      writeFileSync(join(dir, 'summary.json'), pristine);
      writeFileSync(join(dir, 'seed-2', 'summary.json'), seed2);
      edit();
      const e = run(BIN, ['check'], root);
      expect(e.code, what).toBe(2);
      expect(e.stderr.trim().split('\n'), what).toHaveLength(1);
      expect(e.stderr, what).toMatch(message);
    }
    writeFileSync(join(dir, 'summary.json'), pristine);
    writeFileSync(join(dir, 'seed-2', 'summary.json'), seed2);
    const m = run(BIN, ['check', '--metrics', 'artifacts/soak/seed-1/metrics.jsonl'], root);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('is a soak over seeds');
  });
});
