/**
 * Auto-tune of `min_interval_ms` (SPEC 4, seed D), bounded. At the end of a window: when more than
 * `block_rate_above` of the window's attempts (intents, not events) were blocked by min_interval, the interval
 * grows by `step_ms`, never above `max_ms` and never more than `max_consecutive_raises` windows in a row (the
 * count restarts after a window whose block rate does not call for a raise); when the block rate falls below
 * `revert_below`, it steps back toward the profile's own value, never below it. Pure.
 */
export interface AutoTuneConfig {
  block_rate_above: number;
  step_ms: number;
  max_ms: number;
  max_consecutive_raises: number;
  revert_below: number;
}

export const DEFAULT_AUTO_TUNE: AutoTuneConfig = {
  block_rate_above: 0.25,
  step_ms: 10,
  max_ms: 300,
  max_consecutive_raises: 3,
  revert_below: 0.1,
};

/** Kept for callers of the seed's constants. */
export const AUTO_TUNE_BLOCK_RATE = DEFAULT_AUTO_TUNE.block_rate_above;
export const AUTO_TUNE_STEP_MS = DEFAULT_AUTO_TUNE.step_ms;
export const AUTO_TUNE_MAX_MS = DEFAULT_AUTO_TUNE.max_ms;

export interface TunerState {
  currentMs: number;
  /** The profile's own value: reverts stop there. */
  baseMs: number;
  /** Raises in a row so far. */
  consecutiveRaises: number;
}

export interface MinIntervalTune {
  blockRate: number;
  from: number;
  to: number;
  kind: 'raise' | 'revert';
}

/** The window's outcome: the change (or undefined) and the tuner's next state. */
export function tuneMinInterval(
  state: TunerState,
  minIntervalBlocks: number,
  attempts: number,
  cfg: AutoTuneConfig = DEFAULT_AUTO_TUNE,
): { tune: MinIntervalTune | undefined; state: TunerState } {
  if (attempts <= 0) return { tune: undefined, state };
  const blockRate = minIntervalBlocks / attempts;
  const { currentMs, baseMs } = state;
  if (blockRate > cfg.block_rate_above) {
    if (currentMs >= cfg.max_ms || state.consecutiveRaises >= cfg.max_consecutive_raises) return { tune: undefined, state };
    const to = Math.min(cfg.max_ms, currentMs + cfg.step_ms);
    return { tune: { blockRate, from: currentMs, to, kind: 'raise' }, state: { currentMs: to, baseMs, consecutiveRaises: state.consecutiveRaises + 1 } };
  }
  const calm = { ...state, consecutiveRaises: 0 };
  if (blockRate < cfg.revert_below && currentMs > baseMs) {
    const to = Math.max(baseMs, currentMs - cfg.step_ms);
    return { tune: { blockRate, from: currentMs, to, kind: 'revert' }, state: { ...calm, currentMs: to } };
  }
  return { tune: undefined, state: calm };
}

export function minIntervalAdjustMarker(t: MinIntervalTune): string {
  return `| min_interval_adjust | block_rate=${(t.blockRate * 100).toFixed(2)}% | ${t.from}ms -> ${t.to}ms |`;
}
