import { describe, expect, it } from 'vitest';
import { EdgePolicy, emaUpdate } from './edge-policy.js';
import { DEFAULT_SENTINEL_CONFIG } from './sentinel-config.js';

const cfg = DEFAULT_SENTINEL_CONFIG.edge_policy;

describe('EdgePolicy', () => {
  it("the original's scenario: EMA1h -0.5, -0.6, -0.7 switches on the third; 24 h EMA 2.0 switches back", () => {
    const p = new EdgePolicy('S1', cfg);
    expect(p.decide(1, -0.5, 1.0).action).toBe('HOLD');
    expect(p.decide(2, -0.6, 1.0).action).toBe('HOLD');
    const third = p.decide(3, -0.7, 1.0);
    expect(third.action).toBe('SWITCH');
    expect(third.marker).toMatch(/^\| edge_policy \| SWITCH \| FROM=S1 TO=conservative REASON=/);
    expect(p.activeProfile).toBe('conservative');
    expect(p.decide(4, 0.5, 1.4).action).toBe('HOLD');
    const back = p.decide(5, 0.5, 2.0);
    expect(back.action).toBe('BACK');
    expect(back.marker).toMatch(/FROM=conservative TO=S1/);
    expect(p.activeProfile).toBe('S1');
  });

  it('a flapping series does not flap', () => {
    const p = new EdgePolicy('S1', cfg);
    const series = [-0.5, -0.6, 0.1, -0.5, -0.6, 0.2, -0.4, -0.9, 0.05, -1, -1, 0.3];
    const actions = series.map((v, i) => p.decide(i, v, 0.5).action);
    expect(actions.every((a) => a === 'HOLD')).toBe(true);
    // Once switched, a good fast EMA alone does not bring it back: the slow EMA must recover.
    for (let i = 0; i < 3; i++) p.decide(100 + i, -1, 0);
    expect(p.activeProfile).toBe('conservative');
    const after = [1, -1, 2, -1, 1.4].map((v, i) => p.decide(200 + i, v, 1.4).action);
    expect(after.every((a) => a === 'HOLD')).toBe(true);
  });

  it('observe() keeps time-weighted EMAs: a long window moves the fast EMA more than a short one', () => {
    expect(emaUpdate(undefined, 3, 60, 3600)).toBe(3);
    const short = emaUpdate(0, 1, 60, 3600);
    const long = emaUpdate(0, 1, 1800, 3600);
    expect(long).toBeGreaterThan(short);
    const p = new EdgePolicy('S1', cfg);
    const d = p.observe({ ts: 1, net_bps: -2, duration_s: 600 });
    expect(d.ema_fast).toBe(-2);
    const d2 = p.observe({ ts: 2, net_bps: 0, duration_s: 3600 });
    expect(d2.ema_fast).toBeCloseTo(-2 * Math.exp(-1), 12);
    expect(d2.ema_slow).toBeLessThan(d2.ema_fast);
  });
});
