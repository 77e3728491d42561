import { describe, expect, it } from 'vitest';
import { evaluateGates, gateMarker, verdictOf, type GateSet } from './gates.js';

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
