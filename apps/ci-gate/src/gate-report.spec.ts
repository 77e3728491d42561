import { loadGates } from '@mm-profiles/soak-runner';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOOD_METRICS, soakFixture } from './__tests__/soak-fixture.js';
import { checkGates } from './check-gates.js';
import { compareRuns } from './compare-runs.js';
import { renderGateMarkdown, renderJUnit, writeGateReports, type GateReport } from './gate-report.js';
import { readSoakArtifacts } from './soak-artifacts.js';

const REPO = join(import.meta.dirname, '../../..');
const gates = loadGates(join(REPO, 'config/gates/soak.json'));

const reportFor = (metrics: Record<string, unknown>): GateReport =>
  checkGates(readSoakArtifacts(soakFixture({ metrics }), (p) => p), gates, { artifacts: 'fixture & <co>' });

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/**
 * The common JUnit schema (the Jenkins/Ant one CI systems read): <testsuites> of <testsuite name tests
 * failures errors> of <testcase name classname>, whose children are only failure/error/skipped/system-out/
 * system-err; the counts match the elements.
 */
function assertJUnitShape(text: string): { cases: Record<string, unknown>[]; failures: number } {
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(text);
  const root = doc.testsuites;
  expect(root).toBeDefined();
  let allCases: Record<string, unknown>[] = [];
  let allFailures = 0;
  for (const suite of asArray<Record<string, unknown>>(root.testsuite)) {
    expect(typeof suite['@name']).toBe('string');
    const cases = asArray<Record<string, unknown>>(suite['testcase'] as never);
    const failures = cases.filter((c) => c['failure'] !== undefined).length;
    expect(Number(suite['@tests'])).toBe(cases.length);
    expect(Number(suite['@failures'])).toBe(failures);
    expect(Number(suite['@errors'])).toBe(0);
    for (const c of cases) {
      expect(typeof c['@name']).toBe('string');
      expect(typeof c['@classname']).toBe('string');
      for (const k of Object.keys(c).filter((k) => !k.startsWith('@'))) {
        expect(['failure', 'error', 'skipped', 'system-out', 'system-err']).toContain(k);
      }
      if (c['failure'] !== undefined) expect(typeof (c['failure'] as Record<string, unknown>)['@message']).toBe('string');
    }
    allCases = allCases.concat(cases);
    allFailures += failures;
  }
  expect(Number(root['@tests'])).toBe(allCases.length);
  expect(Number(root['@failures'])).toBe(allFailures);
  return { cases: allCases, failures: allFailures };
}

describe('JUnit XML', () => {
  it('one testcase per gate, no failure on PASS', () => {
    const { cases, failures } = assertJUnitShape(renderJUnit(reportFor(GOOD_METRICS)));
    expect(cases.map((c) => c['@name'])).toEqual([
      'net_bps > 0',
      'hit_ratio >= 0.7',
      'latency_p95_ms <= 150',
      'cancel_ratio <= 0.55',
      'adverse_bps_p95 <= 4',
      'slippage_bps_p95 <= 3',
      'order_age_p95_ms <= 350',
    ]);
    expect(failures).toBe(0);
  });

  it('a failed hard gate is a <failure>; a failed soft gate is not', () => {
    const xml = renderJUnit(reportFor({ ...GOOD_METRICS, net_bps: -1, cancel_ratio: 0.9 }));
    const { cases, failures } = assertJUnitShape(xml);
    expect(failures).toBe(1);
    expect((cases[0]!['failure'] as Record<string, unknown>)['@message']).toBe('FAIL net_bps -1 <= 0');
    expect(cases[3]!['failure']).toBeUndefined();
    expect(cases[3]!['system-out']).toBe('WARN cancel_ratio 0.9 > 0.55');
  });

  it('compare adds a baseline testcase that fails on a regression', () => {
    const r = compareRuns({
      baselineName: 'S1',
      candidateName: 'base',
      baseline: [{ ...GOOD_METRICS, net_bps: 0.3 }],
      candidate: [{ ...GOOD_METRICS, net_bps: 0.1 }],
      gates,
      marginBps: 0.05,
      subject: {},
    });
    const { cases, failures } = assertJUnitShape(renderJUnit(r));
    expect(failures).toBe(1);
    expect(cases.at(-1)!['@name']).toBe('net_bps not worse than baseline');
    expect((cases.at(-1)!['failure'] as Record<string, unknown>)['@message']).toMatch(/worse than the baseline S1 on net_bps with confidence: paired delta -0\.2000 \(n=1, no interval\)/);
    expect(cases.at(-1)!['system-out']).toBe('net_bps paired delta (base − S1): -0.2000 (n=1, no interval) vs −0.05 -> FAIL');
  });
});

describe('writeGateReports', () => {
  it('writes JSON, Markdown and JUnit, and appends the Markdown to $GITHUB_STEP_SUMMARY', () => {
    const out = mkdtempSync(join(tmpdir(), 'gate-out-'));
    const summary = join(out, 'step-summary.md');
    writeFileSync(summary, 'earlier step\n');
    const r = reportFor({ ...GOOD_METRICS, latency_p95_ms: 400 });
    writeGateReports(out, r, { GITHUB_STEP_SUMMARY: summary });
    const json = JSON.parse(readFileSync(join(out, 'GATE_REPORT.json'), 'utf8'));
    expect(json.verdict).toBe('FAIL');
    expect(json.reasons).toEqual(['hard gate latency_p95_ms <= 150 fails: latency_p95_ms 400 > 150']);
    const md = readFileSync(join(out, 'GATE_REPORT.md'), 'utf8');
    expect(md).toBe(renderGateMarkdown(r));
    expect(md).toContain('| kpi_gate | FAIL | hard gate latency_p95_ms <= 150 fails: latency_p95_ms 400 > 150 |');
    expect(md).toContain('| hard | latency_p95_ms | 400 | <= 150 | FAIL: latency_p95_ms 400 > 150 |');
    expect(readFileSync(summary, 'utf8')).toBe(`earlier step\n${md}\n`);
    expect(existsSync(join(out, 'junit.xml'))).toBe(true);
  });
});
