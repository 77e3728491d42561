import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateGates, gateMarker, loadGates, unknownGateMetrics, verdictOf, type GateSet } from './gates.js';
import { METRIC_NAMES } from './soak-metrics.js';

const gates: GateSet = {
  hard: [
    { metric: 'net_bps', op: '>', value: 0 },
    { metric: 'latency_p95_ms', op: '<=', value: 150 },
  ],
  soft: [{ metric: 'cancel_ratio', op: '<=', value: 0.55 }],
};
const iv = (lo: number, hi: number, n = 20) => ({ mean: (lo + hi) / 2, lo, hi, n, stdev: 1 });

describe('evaluateGates on values', () => {
  it('a soft gate that does not hold is a WARN whose finding reads as what was seen', () => {
    const r = evaluateGates({ net_bps: 1, latency_p95_ms: 40, cancel_ratio: 0.688 }, gates);
    const soft = r.find((g) => g.metric === 'cancel_ratio')!;
    expect(soft.status).toBe('WARN');
    expect(soft.finding).toBe('cancel_ratio 0.688 > 0.55');
    expect(gateMarker(soft)).toBe('| kpi_gate | WARN | SOFT cancel_ratio 0.688 > 0.55 |');
    expect(verdictOf(r, true)).toBe('PASS');
  });

  it('a hard gate that does not hold fails the run; a missing metric fails its gate', () => {
    const r = evaluateGates({ net_bps: -0.2, cancel_ratio: 0.1 }, gates);
    expect(r.map((g) => g.status)).toEqual(['FAIL', 'FAIL', 'PASS']);
    expect(r[0]!.finding).toBe('net_bps -0.2 <= 0');
    expect(r[1]!.finding).toBe('latency_p95_ms missing');
    expect(verdictOf(r, true)).toBe('FAIL');
    expect(verdictOf(r, false)).toBe('INCOMPLETE');
  });
});

describe('evaluateGates on intervals', () => {
  const ok = { latency_p95_ms: 40, cancel_ratio: 0.1 };
  it('holds when the lower bound clears a > gate', () => {
    const r = evaluateGates({ net_bps: 9, ...ok }, gates, { net_bps: iv(0.01, 0.5) });
    expect(r[0]!.status).toBe('PASS');
    expect(r[0]!.actual).toBeCloseTo(0.255, 12);
    expect(verdictOf(r, true)).toBe('PASS');
  });

  it('is INCONCLUSIVE when the interval straddles the threshold, and says so', () => {
    const r = evaluateGates({ net_bps: 0.1, ...ok }, gates, { net_bps: iv(-0.1, 0.3) });
    expect(r[0]!.status).toBe('INCONCLUSIVE');
    expect(r[0]!.finding).toBe('net_bps 0.1 [-0.1, 0.3] straddles > 0 (n=20)');
    expect(verdictOf(r, true)).toBe('INCONCLUSIVE');
  });

  it('fails when the whole interval is on the bad side; for <= gates the upper bound must hold', () => {
    const r = evaluateGates({ net_bps: 0.1, ...ok }, gates, { net_bps: iv(-0.3, -0.01), latency_p95_ms: iv(140, 160) });
    expect(r[0]!.status).toBe('FAIL');
    expect(r[1]!.status).toBe('INCONCLUSIVE');
    expect(verdictOf(r, true)).toBe('FAIL');
  });

  it('an interval of one sample is judged as the value', () => {
    const r = evaluateGates({ net_bps: 0.1, ...ok }, gates, { net_bps: { mean: 0.1, lo: 0.1, hi: 0.1, n: 1, stdev: 0 } });
    expect(r[0]!.status).toBe('PASS');
    expect(r[0]!.interval).toBeUndefined();
  });
});

describe('each operator at its threshold', () => {
  const one = (op: '>' | '>=' | '<' | '<=', actual: number) =>
    evaluateGates({ m: actual }, { hard: [{ metric: 'm', op, value: 1 }], soft: [] })[0]!;
  it('> and < exclude the threshold, >= and <= include it; a finding states the negated rule', () => {
    expect([one('>', 1).status, one('>', 1.001).status, one('>', 0.999).status]).toEqual(['FAIL', 'PASS', 'FAIL']);
    expect([one('>=', 1).status, one('>=', 1.001).status, one('>=', 0.999).status]).toEqual(['PASS', 'PASS', 'FAIL']);
    expect([one('<', 1).status, one('<', 1.001).status, one('<', 0.999).status]).toEqual(['FAIL', 'FAIL', 'PASS']);
    expect([one('<=', 1).status, one('<=', 1.001).status, one('<=', 0.999).status]).toEqual(['PASS', 'FAIL', 'PASS']);
    expect(one('>', 1).finding).toBe('m 1 <= 1');
    expect(one('>=', 0.999).finding).toBe('m 0.999 < 1');
    expect(one('<', 1).finding).toBe('m 1 >= 1');
    expect(one('<=', 1.001).finding).toBe('m 1.001 > 1');
    expect(one('>', 2)).toEqual({ metric: 'm', op: '>', value: 1, kind: 'hard', actual: 2, pass: true, status: 'PASS' });
  });

  it('on an interval: >= and <= hold with the bound on the threshold, > and < do not', () => {
    const withIv = (op: '>' | '>=' | '<' | '<=', lo: number, hi: number) =>
      evaluateGates({ m: 0 }, { hard: [{ metric: 'm', op, value: 1 }], soft: [] }, { m: iv(lo, hi, 5) })[0]!.status;
    expect(withIv('>=', 1, 2)).toBe('PASS');
    expect(withIv('>', 1, 2)).toBe('INCONCLUSIVE');
    expect(withIv('>', 0, 1)).toBe('FAIL');
    expect(withIv('>=', 0, 1)).toBe('INCONCLUSIVE');
    expect(withIv('<=', 0, 1)).toBe('PASS');
    expect(withIv('<', 0, 1)).toBe('INCONCLUSIVE');
    expect(withIv('<', 1, 2)).toBe('FAIL');
    expect(withIv('<=', 1, 2)).toBe('INCONCLUSIVE');
  });

  it('a failed interval names the range, the negated rule and n; the value passed in is not what is judged', () => {
    const r = evaluateGates({ m: 5 }, { hard: [{ metric: 'm', op: '<=', value: 1 }], soft: [] }, { m: iv(1.5, 2.5, 7) })[0]!;
    expect(r).toEqual({ metric: 'm', op: '<=', value: 1, kind: 'hard', actual: 2, pass: false, status: 'FAIL', interval: iv(1.5, 2.5, 7), finding: 'm 2 [1.5, 2.5] > 1 (n=7)' });
    expect(gateMarker(r)).toBe('| kpi_gate | FAIL | HARD m 2 [1.5, 2.5] > 1 (n=7) |');
  });
});

describe('soft gates, findings and markers', () => {
  it('a soft gate reads the value even when the metric has an interval, and never fails the run', () => {
    const r = evaluateGates({ m: 0.5 }, { hard: [], soft: [{ metric: 'm', op: '>', value: 1 }] }, { m: iv(2, 3) })[0]!;
    expect(r).toMatchObject({ kind: 'soft', actual: 0.5, status: 'WARN', pass: false, finding: 'm 0.5 <= 1' });
    expect(r.interval).toBeUndefined();
    expect(verdictOf([r], true)).toBe('PASS');
    const missing = evaluateGates({ m: Number.NaN }, { hard: [], soft: [{ metric: 'm', op: '>', value: 1 }] })[0]!;
    expect(missing).toMatchObject({ actual: null, status: 'WARN', finding: 'm missing' });
    expect(gateMarker(missing)).toBe('| kpi_gate | WARN | SOFT m missing |');
  });

  it('a metric that is not a finite number fails its hard gate as missing', () => {
    for (const v of [Number.POSITIVE_INFINITY, '3', null, undefined]) {
      const r = evaluateGates({ m: v }, { hard: [{ metric: 'm', op: '<', value: 1e9 }], soft: [] })[0]!;
      expect(r.status, String(v)).toBe('FAIL');
      expect(r.actual).toBeNull();
    }
  });

  it('the marker of a passing gate: the value (with its interval) and the rule; findings round to 6 decimals', () => {
    const pass = evaluateGates({ m: 2.1234567 }, { hard: [{ metric: 'm', op: '>', value: 1 }], soft: [] })[0]!;
    expect(gateMarker(pass)).toBe('| kpi_gate | PASS | HARD m 2.1234567 > 1 |');
    const passIv = evaluateGates({ m: 0 }, { hard: [{ metric: 'm', op: '>', value: 1 }], soft: [] }, { m: iv(1.1234564, 3) })[0]!;
    expect(gateMarker(passIv)).toBe('| kpi_gate | PASS | HARD m 2.0617282 [1.123456, 3] > 1 |');
    const fail = evaluateGates({ m: 0.1234567 }, { hard: [{ metric: 'm', op: '>', value: 1 }], soft: [] })[0]!;
    expect(fail.finding).toBe('m 0.123457 <= 1');
  });

  it('the verdict: FAIL over INCONCLUSIVE over PASS among hard gates; soft gates do not count', () => {
    const g = (kind: 'hard' | 'soft', status: 'PASS' | 'FAIL' | 'WARN' | 'INCONCLUSIVE') => ({ metric: 'm', op: '>' as const, value: 0, kind, actual: 0, pass: status === 'PASS', status });
    expect(verdictOf([g('hard', 'INCONCLUSIVE'), g('hard', 'FAIL')], true)).toBe('FAIL');
    expect(verdictOf([g('hard', 'PASS'), g('hard', 'INCONCLUSIVE')], true)).toBe('INCONCLUSIVE');
    expect(verdictOf([g('soft', 'FAIL'), g('soft', 'INCONCLUSIVE'), g('hard', 'PASS')], true)).toBe('PASS');
    expect(verdictOf([], true)).toBe('PASS');
    expect(verdictOf([g('hard', 'PASS')], false)).toBe('INCOMPLETE');
  });
});

describe('a gates file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-gates-'));
  const file = (name: string, body: unknown) => {
    writeFileSync(join(dir, name), JSON.stringify(body));
    return join(dir, name);
  };

  it('soft and compare default; a gate on an unknown metric is a config error naming the nearest one', () => {
    expect(loadGates(file('a.json', { hard: [{ metric: 'net_bps', op: '>', value: 0 }] }), 'a.json')).toEqual({
      hard: [{ metric: 'net_bps', op: '>', value: 0 }],
      soft: [],
      compare: { net_bps_margin: 0 },
    });
    expect(() => loadGates(file('b.json', { hard: [], soft: [{ metric: 'net_bsp', op: '>', value: 0 }] }), 'b.json')).toThrow(
      'b.json: soft[0].metric: unknown metric "net_bsp" (did you mean "net_bps"?)',
    );
    expect(unknownGateMetrics({ hard: [{ metric: 'net_bps', op: '>', value: 0 }, { metric: 'zzzzzzzzzzzz', op: '>', value: 0 }], soft: [] }, 'g')).toEqual([
      `g: hard[1].metric: unknown metric "zzzzzzzzzzzz" (known: ${METRIC_NAMES.join(', ')})`,
    ]);
  });

  it('a bad shape names the key; an unknown top-level key gets a did-you-mean', () => {
    expect(() => loadGates(file('c.json', { hard: [{ metric: 'net_bps', op: '=>', value: 0 }] }), 'c.json')).toThrow(/^c\.json: key "hard\.0\.op"/);
    expect(() => loadGates(file('d.json', { hard: [], sofft: [] }), 'd.json')).toThrow('d.json: unknown key "sofft" (did you mean "soft"?)');
    expect(() => loadGates(file('f.json', { hrad: [] }), 'f.json')).toThrow('f.json: key "hard" is missing (expected an array) (and 1 more problem)');
    try {
      loadGates(file('g.json', { hard: [], hrad: [], compar: {} }), 'g.json');
    } catch (e) {
      expect((e as { problems: string[] }).problems).toEqual(['g.json: unknown key "hrad" (did you mean "hard"?)', 'g.json: unknown key "compar" (did you mean "compare"?)']);
    }
    expect.assertions(5);
    expect(() => loadGates(file('e.json', { hard: [], compare: { net_bps_margin: -1 } }), 'e.json')).toThrow(/^e\.json: key "compare\.net_bps_margin"/);
  });
});

describe('gateMarker of a result read back without a finding', () => {
  it('a missing value reads "missing"; an interval is shown with its bounds', () => {
    const base = { metric: 'm', op: '<=' as const, value: 3, kind: 'soft' as const, pass: false, status: 'WARN' as const };
    expect(gateMarker({ ...base, actual: null })).toBe('| kpi_gate | WARN | SOFT m missing <= 3 |');
    expect(gateMarker({ ...base, actual: 2, interval: iv(1, 3) })).toBe('| kpi_gate | WARN | SOFT m 2 [1, 3] <= 3 |');
  });
});
