/**
 * The ledger against a hand-worked example: a rebated buy, a mid move, two partial sells (one filled better than
 * its fresh target, one worse) paying a fee, and a mid move back. Every amount below is worked out by hand in
 * the comments from SPEC 8's definitions, not from the ledger's code.
 */
import { describe, expect, it } from 'vitest';
import { Ledger } from './ledger.js';

describe('Ledger, a hand-worked example', () => {
  // 1. mid 100 (the first mark: equity 0 with nothing held).
  // 2. BUY 2 @ 99.9, fresh target 99.95, maker rebate 1 bp of 199.8 = +0.01998.
  //    gross = +1 * (100 - 99.95) * 2 = 0.1; slippage = +1 * (99.95 - 99.9) * 2 = 0.1 (better than target)
  //    cash = -199.8 + 0.01998 = -199.78002; position = 2
  // 3. mid 100.2: inventory += 2 * 0.2 = 0.4
  // 4. SELL 0.5 @ 100.3 (partial), target 100.25, fee 2 bp of 50.15 = -0.01003.
  //    gross = -1 * (100.2 - 100.25) * 0.5 = 0.025; slippage = -1 * (100.25 - 100.3) * 0.5 = 0.025
  //    cash = -199.78002 + 50.15 - 0.01003 = -149.64005; position = 1.5
  // 5. SELL 0.5 @ 100.3 (the rest), target now 100.35 (the quoter moved up), fee -0.01003.
  //    gross = -1 * (100.2 - 100.35) * 0.5 = 0.075; slippage = -1 * (100.35 - 100.3) * 0.5 = -0.025 (worse)
  //    cash = -149.64005 + 50.15 - 0.01003 = -99.50008; position = 1
  // 6. mid 99.8: inventory += 1 * (99.8 - 100.2) = -0.4 -> inventory 0 in all.
  // Totals: gross 0.2, slippage 0.1, fees 0.01998 - 0.02006 = -0.00008, inventory 0, pnl 0.29992;
  // turnover 199.8 + 50.15 + 50.15 = 300.1, volume 3, fills 3; equity = -99.50008 + 1 * 99.8 = 0.29992.
  const l = new Ledger();
  const steps: Array<() => void> = [
    () => l.markTo(100),
    () => l.fill(1, 99.9, 2, 0.01998, 99.95),
    () => l.markTo(100.2),
    () => l.fill(-1, 100.3, 0.5, -0.01003, 100.25),
    () => l.fill(-1, 100.3, 0.5, -0.01003, 100.35),
    () => l.markTo(99.8),
  ];
  const after: Array<{ cash: number; position: number; gross: number; slippage: number; fees: number; inventory: number }> = [];
  for (const step of steps) {
    step();
    after.push({ cash: l.cash, position: l.position, ...l.amounts });
  }

  it('each step moves cash, position and the decomposition as worked by hand', () => {
    const expected = [
      { cash: 0, position: 0, gross: 0, slippage: 0, fees: 0, inventory: 0 },
      { cash: -199.78002, position: 2, gross: 0.1, slippage: 0.1, fees: 0.01998, inventory: 0 },
      { cash: -199.78002, position: 2, gross: 0.1, slippage: 0.1, fees: 0.01998, inventory: 0.4 },
      { cash: -149.64005, position: 1.5, gross: 0.125, slippage: 0.125, fees: 0.00995, inventory: 0.4 },
      { cash: -99.50008, position: 1, gross: 0.2, slippage: 0.1, fees: -0.00008, inventory: 0.4 },
      { cash: -99.50008, position: 1, gross: 0.2, slippage: 0.1, fees: -0.00008, inventory: 0 },
    ];
    expected.forEach((e, i) => {
      for (const k of Object.keys(e) as Array<keyof typeof e>) expect(after[i]![k], `step ${i + 1} ${k}`).toBeCloseTo(e[k], 9);
    });
  });

  it('totals: turnover, volume, fills, pnl and equity', () => {
    expect(l.amounts.turnover).toBeCloseTo(300.1, 9);
    expect(l.amounts.volume).toBe(3);
    expect(l.amounts.fills).toBe(3);
    expect(l.pnl).toBeCloseTo(0.29992, 9);
    expect(l.equity).toBeCloseTo(0.29992, 9);
    expect(l.mid).toBe(99.8);
    expect(l.identityGap()).toBeLessThan(1e-9);
  });

  it('the identity gap is measured from the equity at the first mark, not from zero', () => {
    // Cash and a position before any mid: the first mark sets the starting equity (-100 + 1 * 101 = 1).
    const n = new Ledger();
    n.cash = -100;
    n.position = 1;
    n.markTo(101);
    expect(n.equity).toBe(1);
    n.markTo(102); // inventory +1, equity 2: change of equity 1 = pnl 1
    expect(n.pnl).toBe(1);
    expect(n.identityGap()).toBe(0);
  });

  it('equity before any mid counts the position at 0', () => {
    const m = new Ledger();
    m.cash = 5;
    m.position = 3;
    expect(m.equity).toBe(5);
  });

  it('a decomposition that differs from the change of equity shows as the gap', () => {
    const m = new Ledger();
    m.markTo(100);
    m.fill(1, 99, 1, 0, 99.5); // gross 0.5, slippage 0.5; equity = -99 + 100 = 1
    expect(m.identityGap()).toBeCloseTo(0, 12);
    m.amounts.gross += 0.25; // a bookkeeping bug
    expect(m.identityGap()).toBeCloseTo(0.25, 12);
  });
});
