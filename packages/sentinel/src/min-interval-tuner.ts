/**
 * Auto-tune of `min_interval_ms` (SPEC 4, seed D): when more than 25% of a window's attempts were blocked by
 * min_interval, the interval grows by 10 ms, never above the runtime limit of 300 ms.
 */
export const AUTO_TUNE_BLOCK_RATE = 0.25;
export const AUTO_TUNE_STEP_MS = 10;
export const AUTO_TUNE_MAX_MS = 300;

export interface MinIntervalTune {
  blockRate: number;
  from: number;
  to: number;
}

/** The new interval for this window, or undefined when it stays. */
export function tuneMinInterval(currentMs: number, minIntervalBlocks: number, attempts: number): MinIntervalTune | undefined {
  if (attempts <= 0) return undefined;
  const blockRate = minIntervalBlocks / attempts;
  if (!(blockRate > AUTO_TUNE_BLOCK_RATE) || currentMs >= AUTO_TUNE_MAX_MS) return undefined;
  return { blockRate, from: currentMs, to: Math.min(AUTO_TUNE_MAX_MS, currentMs + AUTO_TUNE_STEP_MS) };
}

export function minIntervalAdjustMarker(t: MinIntervalTune): string {
  return `| min_interval_adjust | block_rate=${(t.blockRate * 100).toFixed(2)}% | ${t.from}ms -> ${t.to}ms |`;
}
