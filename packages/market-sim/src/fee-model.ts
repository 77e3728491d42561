/**
 * Fee model (hftbacktest's TradingValueFeeModel): a fee in bps of notional by liquidity, maker or taker, at the
 * venue's named tier. Signed as PnL: a fee is negative, a rebate (a negative fee rate) positive.
 */
export type Liquidity = 'maker' | 'taker';

export interface FeeModel {
  /** The tier the rates are for (the venue's). */
  readonly tier: string;
  readonly makerBps: number;
  readonly takerBps: number;
  /** The fee of a fill of `notional` (quote units, or coin for an inverse contract) as PnL. */
  feePnl(liquidity: Liquidity, notional: number): number;
}

export function bpsFeeModel(fees: { tier?: string; maker_bps: number; taker_bps: number }): FeeModel {
  const tier = fees.tier ?? 'scenario';
  return {
    tier,
    makerBps: fees.maker_bps,
    takerBps: fees.taker_bps,
    feePnl: (liquidity, notional) => (-(liquidity === 'maker' ? fees.maker_bps : fees.taker_bps) / 1e4) * notional,
  };
}
