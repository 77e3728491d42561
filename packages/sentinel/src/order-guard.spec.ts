import { describe, expect, it } from 'vitest';
import { OrderGuard, type GuardLimits } from './order-guard.js';

const limits = (over: Partial<GuardLimits> = {}): GuardLimits => ({
  min_interval_ms: 50,
  concurrency_limit: 2,
  replace_rate_per_min: 60,
  max_position: 10,
  ...over,
});
const ms = (x: number) => x * 1000;

describe('OrderGuard', () => {
  it('allows a first place and records it', () => {
    const g = new OrderGuard(limits());
    expect(g.check('place', 'bid', 1, ms(0))).toBeUndefined();
    expect(g.inFlight).toBe(1);
  });

  it('risk: blocks a place that would take |position| beyond max_position, never a cancel', () => {
    const g = new OrderGuard(limits());
    g.position = 9.5;
    expect(g.check('place', 'bid', 1, ms(0))).toBe('risk');
    expect(g.check('replace', 'bid', 1, ms(0))).toBe('risk');
    expect(g.check('cancel', 'bid', 1, ms(0))).toBeUndefined();
    // Selling reduces the position: allowed even though |position| is near the limit.
    expect(g.check('place', 'ask', 1, ms(0))).toBeUndefined();
  });

  it('risk in whole lots: with lot 0.001 a 0.01 limit is reached by ten 0.001 buys summed as floats', () => {
    const g = new OrderGuard(limits({ min_interval_ms: 0, concurrency_limit: 100, max_position: 0.01, lot_size: 0.001 }));
    let buys = 0;
    for (let t = 1; t <= 12; t++) {
      if (g.check('place', 'bid', 0.001, ms(t)) !== undefined) break;
      g.onAck();
      g.position += 0.001; // a caller summing fills in quantity units, float drift and all
      buys += 1;
    }
    expect(buys).toBe(10);
    expect(g.position).not.toBe(0.01); // 0.010000000000000002: the float sum drifted, the lots did not
    expect(g.check('place', 'bid', 0.001, ms(20))).toBe('risk');
    // Without the lot the float sum stops one short: 0.009000000000000001 + 0.001 > 0.01.
    const f = new OrderGuard(limits({ min_interval_ms: 0, concurrency_limit: 100, max_position: 0.01 }));
    f.position = 0.009000000000000001;
    expect(f.check('place', 'bid', 0.001, ms(1))).toBe('risk');
    // The engine's way: lots in, no lot set (setMaxPosition in lots).
    const e = new OrderGuard(limits({ min_interval_ms: 0, concurrency_limit: 100 }));
    e.setMaxPosition(10);
    e.position = 9;
    expect(e.check('place', 'bid', 1, ms(1))).toBeUndefined();
  });

  it('risk comes first: it wins over min_interval', () => {
    const g = new OrderGuard(limits());
    expect(g.check('place', 'bid', 1, ms(0))).toBeUndefined();
    g.position = 10;
    expect(g.check('place', 'bid', 1, ms(1))).toBe('risk');
  });

  it('min_interval: per side, measured from the last action on that side', () => {
    const g = new OrderGuard(limits({ concurrency_limit: 5 }));
    expect(g.check('place', 'bid', 1, ms(0))).toBeUndefined();
    expect(g.check('place', 'bid', 1, ms(49.999))).toBe('min_interval');
    expect(g.check('place', 'ask', 1, ms(10))).toBeUndefined();
    expect(g.check('place', 'bid', 1, ms(50))).toBeUndefined();
  });

  it('min_interval wins over concurrency', () => {
    const g = new OrderGuard(limits({ concurrency_limit: 1 }));
    expect(g.check('place', 'bid', 1, ms(0))).toBeUndefined();
    expect(g.check('place', 'bid', 1, ms(1))).toBe('min_interval');
    expect(g.check('place', 'ask', 1, ms(1))).toBe('concurrency');
  });

  it('concurrency: floor(limit), at least 1; the slot is released on ack', () => {
    const g = new OrderGuard(limits({ concurrency_limit: 1.9 }));
    expect(g.check('place', 'bid', 1, ms(0))).toBeUndefined();
    expect(g.check('place', 'ask', 1, ms(0))).toBe('concurrency');
    g.onAck();
    expect(g.check('place', 'ask', 1, ms(0))).toBeUndefined();
    const three = new OrderGuard(limits({ concurrency_limit: 3 }));
    expect(three.check('place', 'bid', 1, ms(0))).toBeUndefined();
    expect(three.check('place', 'ask', 1, ms(0))).toBeUndefined();
  });

  it('concurrency wins over throttle', () => {
    const g = new OrderGuard(limits({ concurrency_limit: 1, replace_rate_per_min: 1 }));
    expect(g.check('cancel', 'bid', 1, ms(0))).toBeUndefined(); // spends the only token
    expect(g.check('cancel', 'ask', 1, ms(0))).toBe('concurrency');
    g.onAck();
    expect(g.check('cancel', 'ask', 1, ms(0))).toBe('throttle');
  });

  it('throttle: replaces and cancels spend tokens refilled at replace_rate_per_min; places do not', () => {
    // 60/min = 1 token per second, burst of 1 s = 1 token.
    const g = new OrderGuard(limits({ replace_rate_per_min: 60, min_interval_ms: 0, concurrency_limit: 100 }));
    expect(g.check('replace', 'bid', 1, ms(0))).toBeUndefined();
    expect(g.check('replace', 'bid', 1, ms(500))).toBe('throttle');
    expect(g.tokensAt(ms(500))).toBeCloseTo(0.5, 9);
    expect(g.check('place', 'bid', 1, ms(500))).toBeUndefined();
    expect(g.check('cancel', 'ask', 1, ms(999))).toBe('throttle');
    expect(g.check('cancel', 'ask', 1, ms(1000))).toBeUndefined();
    // The bucket never holds more than its capacity, however long it waits.
    expect(g.tokensAt(ms(3_600_000))).toBe(1);
  });

  it('a larger rate refills faster and holds a larger burst', () => {
    const g = new OrderGuard(limits({ replace_rate_per_min: 300, min_interval_ms: 0, concurrency_limit: 100 }));
    let allowed = 0;
    for (let i = 0; i < 20; i++) if (g.check('replace', 'bid', 1, ms(0)) === undefined) allowed += 1;
    expect(allowed).toBe(5);
    expect(g.check('replace', 'bid', 1, ms(200))).toBeUndefined();
  });

  it('setMinIntervalMs takes effect on the next check', () => {
    const g = new OrderGuard(limits({ concurrency_limit: 5 }));
    g.check('place', 'bid', 1, ms(0));
    g.setMinIntervalMs(100);
    expect(g.check('place', 'bid', 1, ms(60))).toBe('min_interval');
  });
});
