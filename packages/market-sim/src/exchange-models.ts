/**
 * The exchange-model registry: picked by name from the scenario, the venue file or `--exchange-model`. A new
 * model is one file and one line here.
 */
import type { ExchangeModel } from './internal/exchange-model.js';
import { noPartialFill } from './internal/exchange-no-partial-fill.js';
import { partialFill } from './internal/exchange-partial-fill.js';
import { MarketDataError } from './market-event.js';

export const DEFAULT_EXCHANGE_MODEL = 'partial-fill';

const EXCHANGE_MODELS: Record<string, ExchangeModel> = {
  'partial-fill': partialFill,
  'no-partial-fill': noPartialFill,
};

export const EXCHANGE_MODEL_NAMES: readonly string[] = Object.keys(EXCHANGE_MODELS);

export function exchangeModel(name: string = DEFAULT_EXCHANGE_MODEL): ExchangeModel {
  if (!Object.hasOwn(EXCHANGE_MODELS, name)) throw new MarketDataError(`exchange model "${name}": expected one of ${EXCHANGE_MODEL_NAMES.join(', ')}`);
  return EXCHANGE_MODELS[name]!;
}

/** True when `name` names a model (for config schemas). */
export function isExchangeModel(name: string): boolean {
  return Object.hasOwn(EXCHANGE_MODELS, name);
}
