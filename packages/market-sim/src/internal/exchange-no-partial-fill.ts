/**
 * `no-partial-fill` (hftbacktest's NoPartialFillExchange): a cross, a trade through our price, or a trade at our
 * price reaching past the queue ahead by at least a lot fills the whole order at once.
 */
import type { ExchangeModel } from './exchange-model.js';

export const noPartialFill: ExchangeModel = {
  name: 'no-partial-fill',
  fillQty: (_via, offered, remaining) => (offered > 0 ? remaining : 0),
};
