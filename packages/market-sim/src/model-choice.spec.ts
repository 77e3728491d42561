import { describe, expect, it } from 'vitest';
import { exchangeModel, isExchangeModel } from './exchange-models.js';
import { noPartialFill } from './internal/exchange-no-partial-fill.js';
import { partialFill } from './internal/exchange-partial-fill.js';
import { chooseModels } from './model-choice.js';
import { bpsFeeModel } from './fee-model.js';

describe('model choice', () => {
  it('the first source naming a model wins, each model on its own; nothing named gives the defaults', () => {
    const flag = { queue_model: 'log' };
    const venue = { queue_model: 'power:2', exchange_model: 'no-partial-fill' };
    const scenario = { queue_model: 'risk-averse', exchange_model: 'partial-fill' };
    expect(chooseModels(flag, venue, scenario)).toEqual({ queue: 'log', exchange: 'no-partial-fill' });
    expect(chooseModels(undefined, undefined, scenario)).toEqual({ queue: 'risk-averse', exchange: 'partial-fill' });
    expect(chooseModels({}, { exchange_model: 'no-partial-fill' })).toEqual({ queue: 'risk-averse', exchange: 'no-partial-fill' });
    expect(chooseModels()).toEqual({ queue: 'risk-averse', exchange: 'partial-fill' });
  });

  it('exchange models by name; the default is partial-fill; an unknown name is one clear line', () => {
    expect(exchangeModel()).toBe(partialFill);
    expect(exchangeModel('no-partial-fill')).toBe(noPartialFill);
    expect(isExchangeModel('no-partial-fill')).toBe(true);
    expect(isExchangeModel('toString')).toBe(false);
    expect(() => exchangeModel('fill-or-kill')).toThrow('exchange model "fill-or-kill": expected one of partial-fill, no-partial-fill');
    // Only what the rules say: a partial fill takes what was offered up to the order; no-partial-fill all or nothing.
    expect(partialFill.fillQty('queue', 2, 5)).toBe(2);
    expect(partialFill.fillQty('cross', 7, 5)).toBe(5);
    expect(noPartialFill.fillQty('trade_through', 1, 5)).toBe(5);
    expect(noPartialFill.fillQty('queue', 0, 5)).toBe(0);
  });

  it('fees: maker and taker rates by liquidity, signed as PnL; the tier named, or "scenario"', () => {
    const f = bpsFeeModel({ tier: 'VIP0', maker_bps: -0.5, taker_bps: 5 });
    expect(f.tier).toBe('VIP0');
    expect([f.makerBps, f.takerBps]).toEqual([-0.5, 5]);
    // On 10,000 of notional: a 0.5 bps rebate is +0.5, a 5 bps taker fee -5.
    expect(f.feePnl('maker', 10_000)).toBe(0.5);
    expect(f.feePnl('taker', 10_000)).toBe(-5);
    expect(bpsFeeModel({ maker_bps: 1, taker_bps: 2 }).tier).toBe('scenario');
  });
});

