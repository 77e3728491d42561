/**
 * `partial-fill` (the default): a fill takes what the market offered — a crossing book the displayed size not yet
 * taken, a trade through our price what is left of the trade, a trade at our price what exceeds the queue ahead —
 * so a fill never exceeds the liquidity that printed or was shown. hftbacktest's PartialFillExchange fills the
 * whole order on a cross or a trade through; ours does not, on purpose (a replay has no impact to justify more).
 */
import type { ExchangeModel } from './exchange-model.js';

export const partialFill: ExchangeModel = {
  name: 'partial-fill',
  fillQty: (_via, offered, remaining) => Math.min(offered, remaining),
};
