import { describe, expect, it } from 'vitest';
import { assetOf, inverseAsset, linearAsset } from './asset.js';

describe('assets', () => {
  it('linear of size 2: notional px*qty*2, booked as it is (side and price), quantity times the size', () => {
    const a = linearAsset(2);
    expect(a.kind).toBe('linear');
    expect(a.notional(100, 3)).toBe(600);
    expect(a.ledgerPx(100)).toBe(100);
    expect(a.ledgerSide(1)).toBe(1);
    expect(a.ledgerSide(-1)).toBe(-1);
    expect(a.ledgerQty(3)).toBe(6);
  });

  it('inverse: a sell of contracts is booked as a buy of quote units at 1/px', () => {
    const a = inverseAsset(100);
    expect(a.kind).toBe('inverse');
    // 4 contracts of 100 USD at 40,000 USD/BTC are 400 / 40,000 = 0.01 BTC.
    expect(a.notional(40_000, 4)).toBe(0.01);
    expect(a.ledgerSide(-1)).toBe(1);
    expect(a.ledgerSide(1)).toBe(-1);
  });

  it('assetOf picks the contract kind and keeps its size', () => {
    const inv = assetOf({ kind: 'inverse', size: 10 });
    expect(inv.kind).toBe('inverse');
    expect(inv.notional(50, 5)).toBe(1); // 5 x 10 USD / 50 USD per coin
    const lin = assetOf({ kind: 'linear', size: 1 });
    expect(lin.kind).toBe('linear');
    expect(lin.notional(50, 5)).toBe(250);
  });
});
