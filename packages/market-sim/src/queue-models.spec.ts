import { describe, expect, it } from 'vitest';
import { newQueuePos } from './queue-model.js';
import { QUEUE_MODEL_NAMES, isQueueModel, queueModel } from './queue-models.js';
import { aheadAfterCancels, probOf } from './internal/queue-prob.js';
import { riskAverseQueue } from './internal/queue-risk-averse.js';

describe('RiskAverse queue', () => {
  it('joins behind the displayed size; cancels shrink the queue only down to what is shown; growth stays behind us', () => {
    const m = riskAverseQueue();
    const q = newQueuePos();
    m.join(q, 5, 0);
    expect(q.ahead).toBe(5);
    m.depth(q, 5, 3, 10); // 2 cancelled: the book can only show 3, so at most 3 are ahead
    expect(q.ahead).toBe(3);
    m.depth(q, 3, 6, 20); // 3 joined: behind us
    expect(q.ahead).toBe(3);
    expect(m.trade(q, 2, 30)).toBe(0); // 2 of the 3 ahead traded
    expect(q.ahead).toBe(1);
    expect(m.trade(q, 1.5, 40)).toBe(0.5); // 1 ahead, then 0.5 reaches us
    expect(q.ahead).toBe(0);
  });

  it('a trade the book showed before its print is taken off the queue once', () => {
    const m = riskAverseQueue();
    const q = newQueuePos();
    m.join(q, 10, 0);
    m.depth(q, 10, 7, 5); // the quote at 5 already shows a trade of 3
    expect(q.ahead).toBe(7);
    expect(m.trade(q, 3, 5)).toBe(0); // its print, same exchange time: already counted
    expect(q.ahead).toBe(7);
    expect(m.trade(q, 3, 6)).toBe(0); // a later trade is new
    expect(q.ahead).toBe(4);
  });

  it('only what the fall took off the queue is already counted (the queue was below the shown size)', () => {
    const m = riskAverseQueue();
    const q = newQueuePos();
    m.join(q, 10, 0);
    m.trade(q, 5, 1); // 5 ahead
    m.depth(q, 10, 7, 2); // a trade of 3 shown first: the cap (min 5, 7) took nothing off
    expect(q.ahead).toBe(5);
    expect(m.trade(q, 3, 2)).toBe(0);
    expect(q.ahead).toBe(2);
  });

  it('a level emptied by a trade shown first: the print fills us for what exceeded the queue', () => {
    const m = riskAverseQueue();
    const q = newQueuePos();
    m.join(q, 4, 0);
    m.depth(q, 4, 0, 7); // the level vanished (we are now better than the best): 4 taken off
    expect(q.ahead).toBe(0);
    expect(m.trade(q, 6, 7)).toBe(2); // 4 were ahead of us, 2 reach us
  });
});

describe('probabilistic queues (hftbacktest ProbQueueModel)', () => {
  it('power:2 moves us forward by the share of a cancel it puts ahead of us', () => {
    const m = queueModel('power:2');
    const q = newQueuePos();
    m.join(q, 10, 0);
    m.trade(q, 6, 1); // 4 ahead, 6 behind
    m.depth(q, 10, 4, 2); // fell by 6: 6 were the trade, so no cancels
    expect(q.ahead).toBe(4);
    m.depth(q, 4, 10, 3); // 6 joined behind: 4 ahead, 6 behind
    m.depth(q, 10, 8, 4); // 2 cancelled: p(behind) = 6^2 / (6^2 + 4^2) = 36/52
    const p = 36 / 52;
    expect(q.prob).toBeCloseTo(p, 12);
    expect(q.ahead).toBeCloseTo(4 - (1 - p) * 2, 12); // 3.3846...
    expect(aheadAfterCancels(4, 10, 2, p)).toBeCloseTo(3.384615384615, 10);
  });

  it('log: p = ln(1 + back) / (ln(1 + back) + ln(1 + front)); a cancel beyond the back\'s share leaves the shown size', () => {
    const m = queueModel('log');
    const q = newQueuePos();
    m.join(q, 3, 0); // 3 ahead, 0 behind
    m.depth(q, 3, 4, 1); // 1 joined behind
    m.depth(q, 4, 3, 2); // 1 cancelled: p = ln 2 / (ln 2 + ln 4) = 1/3
    expect(q.prob).toBeCloseTo(1 / 3, 12);
    expect(q.ahead).toBeCloseTo(3 - 2 / 3, 12); // 7/3
    m.depth(q, 3, 0.5, 3); // 2.5 cancelled, more than the back's share: front - (1-p) chg + (back - p chg) = next
    expect(q.ahead).toBeCloseTo(0.5, 12);
  });

  it('a trade seen before the fall is not a cancel', () => {
    const m = queueModel('power');
    const q = newQueuePos();
    m.join(q, 5, 0);
    expect(m.trade(q, 2, 1)).toBe(0);
    m.depth(q, 5, 3, 2);
    expect(q.ahead).toBe(3);
    expect(q.prob).toBeNaN();
  });
});

describe('queue-model registry', () => {
  it('names the shipped models; a bad name or parameter is one clear line', () => {
    expect(QUEUE_MODEL_NAMES).toEqual(['risk-averse', 'power', 'log']);
    expect(queueModel().name).toBe('risk-averse');
    expect(queueModel('power').name).toBe('power:3');
    expect(queueModel('power:1.5').name).toBe('power:1.5');
    expect(() => queueModel('fifo')).toThrow('queue model "fifo": expected one of risk-averse, power, log (power takes an exponent: power:3)');
    expect(() => queueModel('power:0')).toThrow(/queue model "power:0"/);
    expect(() => queueModel('power:')).toThrow(/queue model "power:"/);
    expect(() => queueModel('log:2')).toThrow('queue model "log:2": log takes no parameter');
    expect(() => queueModel('toString')).toThrow(/expected one of/);
    expect(() => queueModel('power:Infinity')).toThrow(/queue model "power:Infinity"/);
    expect(isQueueModel('log')).toBe(true);
    expect(isQueueModel('power:2')).toBe(true);
    expect(isQueueModel('fifo')).toBe(false);
    expect([queueModel('risk-averse'), queueModel('log'), queueModel('power:2')].map((m) => [m.name, m.probabilistic])).toEqual([
      ['risk-averse', false],
      ['log', true],
      ['power:2', true],
    ]);
  });
});

describe('queue arithmetic by hand', () => {
  it('the cancel split: front - (1 - p) chg, less what the back cannot hold', () => {
    // 6 ahead of 10 shown (4 behind), 2 cancelled, p = 1/4 behind us: 6 - 0.75 x 2 = 4.5 (the back holds 0.5).
    expect(aheadAfterCancels(6, 10, 2, 0.25)).toBe(4.5);
    // 6 ahead of 7 (1 behind), 4 cancelled, p = 1/2: the back can hold only 1 of its 2, so 6 - 2 - 1 = 3.
    expect(aheadAfterCancels(6, 7, 4, 0.5)).toBe(3);
  });

  it('p = f(back) / (f(back) + f(front)), and 1 where that is not a number', () => {
    const square = probOf((x) => x ** 2);
    expect(square(3, 1)).toBe(0.1); // 1 / (1 + 9)
    expect(square(0, 0)).toBe(1); // 0 / 0
    expect(probOf((x) => x - 1)(0, 2)).toBe(1); // 1 / (1 - 1): not finite
  });

  it('RiskAverse: trades at the time of a fall were in it; falls at one time add up, a later fall starts afresh', () => {
    const m = riskAverseQueue();
    const q = newQueuePos();
    m.join(q, 5, 0);
    m.depth(q, 5, 4, 5);
    m.depth(q, 4, 3, 5); // 2 off the queue at 5
    expect(m.trade(q, 1, 5)).toBe(0); // shown already
    expect(q.ahead).toBe(3);
    expect(m.trade(q, 1, 5)).toBe(0); // shown already: the 2 are used up
    expect(q.ahead).toBe(3);
    expect(m.trade(q, 1, 5)).toBe(0); // new: 1 off the queue
    expect(q.ahead).toBe(2);
    m.depth(q, 3, 1, 7); // 1 off the queue at 7 (ahead 2 -> 1); the fall at 5 is forgotten
    expect(m.trade(q, 3, 7)).toBe(1); // 1 shown already, 2 new: 1 to the queue, 1 reaches us
    expect(q.ahead).toBe(0);
  });

  it('log in the emulator: a trade printed at the time of a fall it caused is taken once', () => {
    // Joins behind 4; the level falls to 2 at 5 with no trade yet: a cancel of 2, p = ln 1 / (ln 1 + ln 5) = 0,
    // 2 ahead. A trade of 3 at 5: 2 of it were the fall, 1 is new (1 ahead). A trade of 2 at 6: 1 reaches us.
    const m = queueModel('log');
    const q = newQueuePos();
    m.join(q, 4, 0);
    m.depth(q, 4, 2, 5);
    expect(q.ahead).toBe(2);
    expect(m.trade(q, 3, 5)).toBe(0);
    expect(q.ahead).toBe(1);
    expect(m.trade(q, 2, 6)).toBe(1);
  });
});
