import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTO_TUNE, tuneMinInterval, type TunerState } from './min-interval-tuner.js';

/** Feeds windows of (min_interval blocks, attempts) and returns the interval after each. */
function walk(windows: [number, number][], start = 60, cfg = DEFAULT_AUTO_TUNE): number[] {
  let state: TunerState = { currentMs: start, baseMs: start, consecutiveRaises: 0 };
  return windows.map(([b, a]) => {
    state = tuneMinInterval(state, b, a, cfg).state;
    return state.currentMs;
  });
}

describe('tuneMinInterval (bounded)', () => {
  it('raises by 10 when more than 25% of intents were blocked by min_interval', () => {
    expect(tuneMinInterval({ currentMs: 60, baseMs: 60, consecutiveRaises: 0 }, 3, 10).tune).toEqual({ blockRate: 0.3, from: 60, to: 70, kind: 'raise' });
    expect(tuneMinInterval({ currentMs: 60, baseMs: 60, consecutiveRaises: 0 }, 1, 4).tune).toBeUndefined();
  });

  it('no more than 3 raises in a row while blocks stay high: a run of 10 bad windows ends at 90, not 160', () => {
    expect(walk(Array.from({ length: 10 }, () => [5, 10]))).toEqual([70, 80, 90, 90, 90, 90, 90, 90, 90, 90]);
  });

  it('a window that does not call for a raise restarts the count', () => {
    expect(walk([[5, 10], [5, 10], [5, 10], [2, 10], [5, 10]])).toEqual([70, 80, 90, 90, 100]);
  });

  it('reverts a step per calm window (< 10% blocked), never below the profile value', () => {
    expect(walk([[5, 10], [5, 10], [0, 10], [0, 10], [0, 10]])).toEqual([70, 80, 70, 60, 60]);
  });

  it('never above the ceiling', () => {
    expect(walk([[5, 10], [5, 10]], 295)).toEqual([300, 300]);
  });

  it('a window without attempts changes nothing', () => {
    expect(walk([[0, 0]], 60)).toEqual([60]);
  });
});
