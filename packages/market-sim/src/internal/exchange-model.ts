/**
 * Exchange models (hftbacktest's two exchanges): how much of a resting order one fill event fills. One file per
 * model (`exchange-partial-fill.ts`, `exchange-no-partial-fill.ts`); `exchange-models.ts` is the registry.
 * Quantities are in whole lots (the emulator floors what reaches us before asking).
 */

/** How a resting order filled: the opposite best reached its price, a trade printed through it, or the queue ahead was consumed. */
export type FillVia = 'cross' | 'trade_through' | 'queue';

export interface ExchangeModel {
  readonly name: string;
  /** The quantity a fill event offering `offered` (> 0, whole lots) fills of an order with `remaining` left. */
  fillQty(via: FillVia, offered: number, remaining: number): number;
}
