/**
 * What a gate decided, in the three forms CI needs: `GATE_REPORT.json` (canonical, for tools),
 * `GATE_REPORT.md` (for reviewers; appended to `$GITHUB_STEP_SUMMARY` on GitHub) and JUnit XML (one testcase
 * per gate, for CI systems that show test results).
 */
import { canonicalJson, writeFilesAtomic } from '@mm-profiles/profile-core';
import { formatInterval, type GateResult, type Interval } from '@mm-profiles/soak-runner';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GateReport {
  command: 'check' | 'compare';
  verdict: 'PASS' | 'FAIL' | 'INCONCLUSIVE';
  /** One line per reason the verdict is FAIL or INCONCLUSIVE (empty on PASS). */
  reasons: string[];
  /** What was judged: profile, artifacts folder or the compared pair, the market. */
  subject: Record<string, unknown>;
  gates: GateResult[];
  /** ci-gate compare: per-metric statistics across seeds. */
  comparison?: MetricComparison[];
  /** ci-gate compare: the paired decision on net_bps. */
  paired?: PairedDecision;
}

export interface PairedDecision {
  /** Candidate − baseline per sample: mean and 95% interval. */
  delta: Interval;
  margin: number;
  decision: 'PASS' | 'FAIL' | 'INCONCLUSIVE';
  /** INCONCLUSIVE: how many samples the observed spread would need to decide (null when none would). */
  samples_needed: number | null;
}

export interface MetricComparison {
  metric: string;
  baseline_mean: number;
  candidate_mean: number;
  delta_mean: number;
  /** Spread of the per-seed deltas (candidate - baseline). */
  delta_min: number;
  delta_max: number;
  delta_stdev: number;
  /** 95% interval of the mean delta (paired). */
  delta_lo: number;
  delta_hi: number;
}

export const GATE_REPORT_FILES = { json: 'GATE_REPORT.json', md: 'GATE_REPORT.md', junit: 'junit.xml' } as const;

const num = (v: number | null) => (v === null ? 'missing' : String(v));

const shownInterval = (g: GateResult) => (g.interval ? ` [${g.interval.lo}, ${g.interval.hi}]` : '');

function gateLine(g: GateResult): string {
  return `| ${g.kind} | ${g.metric} | ${num(g.actual)}${shownInterval(g)} | ${g.op} ${g.value} | ${g.status}${g.finding ? `: ${g.finding}` : ''} |`;
}

/** `net_bps paired delta (S1 − base): 0.13 [0.07, 0.19] (95% CI, n=20) -> PASS`. */
export function pairedLine(r: GateReport): string | undefined {
  if (!r.paired) return undefined;
  const s = r.subject;
  const need = r.paired.decision === 'INCONCLUSIVE' ? `; ~${r.paired.samples_needed ?? '∞'} ${String(s['sample_unit'] ?? 'seed')}s would decide` : '';
  return `net_bps paired delta (${String(s['candidate'])} − ${String(s['baseline'])}): ${formatInterval(r.paired.delta, 4)} vs −${r.paired.margin} -> ${r.paired.decision}${need}`;
}

/** The console form: the gate table, the reasons, and the greppable `| kpi_gate | ... |` marker. */
export function printReport(r: GateReport, out: (l: string) => void): void {
  out('| kind | metric | actual | rule | status |');
  for (const g of r.gates) out(gateLine(g));
  const p = pairedLine(r);
  if (p) out(p);
  for (const x of r.reasons) out(`reason: ${x}`);
  out(`| kpi_gate | ${r.verdict} | ${Object.entries(r.subject).map(([k, v]) => `${k.toUpperCase()}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' ')} |`);
}

export function renderGateMarkdown(r: GateReport): string {
  const title = r.command === 'check' ? 'KPI gate' : 'KPI gate: candidate vs baseline';
  const subject = Object.entries(r.subject)
    .map(([k, v]) => `${k}: \`${typeof v === 'string' ? v : JSON.stringify(v)}\``)
    .join(' · ');
  const lines = [`## ${title}: ${r.verdict}`, '', subject, ''];
  if (r.reasons.length) lines.push(...r.reasons.map((x) => `- **${x}**`), '');
  const p = pairedLine(r);
  if (p) lines.push(p, '');
  if (r.comparison) {
    lines.push('| metric | baseline (mean) | candidate (mean) | delta (mean) | delta 95% CI | delta min..max | delta stdev |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const c of r.comparison) {
      lines.push(`| ${c.metric} | ${c.baseline_mean} | ${c.candidate_mean} | ${c.delta_mean} | [${c.delta_lo}, ${c.delta_hi}] | ${c.delta_min}..${c.delta_max} | ${c.delta_stdev} |`);
    }
    lines.push('');
  }
  lines.push('| kind | metric | actual | rule | status |', '|---|---|---:|---|---|', ...r.gates.map(gateLine), '');
  lines.push(`| kpi_gate | ${r.verdict} | ${r.reasons.length ? r.reasons.join('; ') : 'every hard gate holds'} |`, '');
  return lines.join('\n');
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML: a hard gate that fails is a `<failure>`; a soft one that fails passes with a WARN in system-out. */
export function renderJUnit(r: GateReport): string {
  const cases: { name: string; classname: string; failure?: string; out?: string }[] = r.gates.map((g) => ({
    name: `${g.metric} ${g.op} ${g.value}`,
    classname: `ci-gate.${r.command}.${g.kind}`,
    failure: g.status === 'FAIL' ? `FAIL ${g.finding ?? g.metric}` : undefined,
    out: g.status === 'PASS' ? `${g.metric}=${num(g.actual)}${shownInterval(g)}` : `${g.status} ${g.finding ?? g.metric}`,
  }));
  if (r.comparison) {
    const regression = r.reasons.find((x) => x.includes('worse than the baseline'));
    cases.push({
      name: 'net_bps not worse than baseline',
      classname: `ci-gate.${r.command}.baseline`,
      failure: regression,
      out: pairedLine(r),
    });
  }
  const failures = cases.filter((c) => c.failure).length;
  const suite = `kpi_gates.${r.command}`;
  const body = cases.map((c) => {
    const inner = [
      c.failure ? `      <failure message="${xml(c.failure)}" type="kpi_gate">${xml(c.failure)}</failure>` : '',
      c.out ? `      <system-out>${xml(c.out)}</system-out>` : '',
    ].filter(Boolean);
    return `    <testcase name="${xml(c.name)}" classname="${xml(c.classname)}" time="0">\n${inner.join('\n')}\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ci-gate" tests="${cases.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="${suite}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0">`,
    ...body,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** Writes the three reports together (all or none), and appends the Markdown to the GitHub step summary. */
export function writeGateReports(outDir: string, r: GateReport, env: NodeJS.ProcessEnv = process.env): string[] {
  const md = renderGateMarkdown(r);
  const files = [
    { path: join(outDir, GATE_REPORT_FILES.json), content: canonicalJson(r) },
    { path: join(outDir, GATE_REPORT_FILES.md), content: md },
    { path: join(outDir, GATE_REPORT_FILES.junit), content: renderJUnit(r) },
  ];
  writeFilesAtomic(files);
  const stepSummary = env['GITHUB_STEP_SUMMARY'];
  if (stepSummary) appendFileSync(stepSummary, md + '\n');
  return files.map((f) => f.path);
}
