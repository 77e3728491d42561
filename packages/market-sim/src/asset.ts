/**
 * How a quantity at a price is valued (as hftbacktest's LinearAsset / InverseAsset). Linear: notional =
 * px * qty * size in the quote currency. Inverse: qty contracts of `size` quote units are worth qty * size / px
 * coins; PnL, fees and turnover are in the coin. `toLinear` maps an inverse fill onto the linear books the
 * ledger keeps: buying q contracts at P is selling q * size quote units priced 1/P coins each, so the ledger's
 * cash, equity and edge decomposition come out in the coin with no second set of formulas.
 */
export interface Asset {
  readonly kind: 'linear' | 'inverse';
  /** Notional in the PnL currency. */
  notional(px: number, qty: number): number;
  /** A price as the ledger books it (linear: itself; inverse: 1/px). */
  ledgerPx(px: number): number;
  /** A fill's side and quantity as the ledger books them. */
  ledgerSide(side: 1 | -1): 1 | -1;
  ledgerQty(qty: number): number;
}

export function linearAsset(size = 1): Asset {
  return {
    kind: 'linear',
    notional: (px, qty) => px * qty * size,
    ledgerPx: (px) => px,
    ledgerSide: (side) => side,
    ledgerQty: (qty) => qty * size,
  };
}

export function inverseAsset(size: number): Asset {
  return {
    kind: 'inverse',
    notional: (px, qty) => (qty * size) / px,
    ledgerPx: (px) => 1 / px,
    ledgerSide: (side) => (side > 0 ? -1 : 1),
    ledgerQty: (qty) => qty * size,
  };
}

export function assetOf(contract: { kind: 'linear' | 'inverse'; size: number }): Asset {
  return contract.kind === 'inverse' ? inverseAsset(contract.size) : linearAsset(contract.size);
}
