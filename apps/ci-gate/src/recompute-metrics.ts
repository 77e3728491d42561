/**
 * The gate does not take summary.json's word for its metrics: the run totals that can be rebuilt from the
 * per-window lines of metrics.jsonl (counts, currency amounts, and the bps and ratios made from them) are rebuilt
 * and compared with the summary, within the rounding the writer applies (6 decimals per exported number).
 */
import { BLOCK_REASONS } from '@mm-profiles/profile-core';

/** Whole counts: the run's total is the sum of its windows', exactly. */
export const SUMMED_COUNTS = ['fills', 'attempts', 'executed', 'places', 'replaces', 'cancels', 'rejects', 'post_only_rejects', 'tail_age_refreshes', 'blocked'] as const;
/** Currency amounts: summed, each window rounded to 6 decimals. */
export const SUMMED_AMOUNTS = ['gross', 'fees', 'slippage', 'inventory', 'pnl', 'turnover', 'volume'] as const;
/** bps of turnover, from the summed amounts. */
const BPS_OF = { gross_bps: ['gross'], fees_eff_bps: ['fees'], slippage_bps: ['slippage'], inventory_bps: ['inventory'], net_bps: ['gross', 'fees', 'slippage', 'inventory'] } as const;
/** Ratios of summed counts. */
const RATIOS: Record<string, { num: readonly string[]; den: string }> = {
  hit_ratio: { num: ['executed'], den: 'attempts' },
  cancel_ratio: { num: ['cancels', 'replaces'], den: 'executed' },
  order_to_trade: { num: ['executed'], den: 'fills' },
};
/** What every window must carry for the hard gates' main metrics to be rebuilt. */
export const REQUIRED_WINDOW_FIELDS = ['fills', 'attempts', 'executed', 'turnover', 'gross', 'fees', 'slippage', 'inventory'] as const;

const HALF_ULP6 = 5e-7;

export interface Mismatch {
  metric: string;
  summary: number;
  rebuilt: number;
}

const num = (r: Record<string, unknown>, k: string): number | undefined => {
  const v = r[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

/** Sum of `key` over the windows, or undefined when a window lacks it. */
function sumOf(windows: readonly Record<string, unknown>[], key: string): number | undefined {
  let s = 0;
  for (const w of windows) {
    const v = num(w, key);
    if (v === undefined) return undefined;
    s += v;
  }
  return s;
}

/** The first window field among REQUIRED_WINDOW_FIELDS that some window lacks, with the window's index. */
export function missingWindowField(windows: readonly Record<string, unknown>[]): { index: number; field: string } | null {
  for (let i = 0; i < windows.length; i++) {
    for (const f of REQUIRED_WINDOW_FIELDS) if (num(windows[i]!, f) === undefined) return { index: i, field: f };
  }
  return null;
}

/**
 * Every summary metric that the windows let us rebuild and that differs from the rebuilt value by more than
 * the rounding allows. Metrics the summary does not carry are not compared (a gate on them fails as missing).
 */
export function metricMismatches(summaryMetrics: Record<string, unknown>, windows: readonly Record<string, unknown>[]): Mismatch[] {
  const out: Mismatch[] = [];
  const n = windows.length;
  const check = (metric: string, rebuilt: number | undefined, tolerance: number) => {
    const claimed = num(summaryMetrics, metric);
    if (rebuilt === undefined) return;
    if (claimed === undefined) {
      if (Object.hasOwn(summaryMetrics, metric)) out.push({ metric, summary: NaN, rebuilt });
      return;
    }
    if (!(Math.abs(claimed - rebuilt) <= tolerance)) out.push({ metric, summary: claimed, rebuilt: Number(rebuilt.toPrecision(12)) });
  };
  const sums = new Map<string, number | undefined>();
  for (const k of SUMMED_COUNTS) {
    sums.set(k, sumOf(windows, k));
    check(k, sums.get(k), 0);
  }
  const blockedBy = summaryMetrics['blocked_by'];
  if (blockedBy && typeof blockedBy === 'object') {
    for (const reason of BLOCK_REASONS) {
      const per = windows.map((w) => (w['blocked_by'] as Record<string, unknown> | undefined)?.[reason]);
      if (!per.every((v) => typeof v === 'number')) continue;
      const rebuilt = (per as number[]).reduce((a, b) => a + b, 0);
      const claimed = (blockedBy as Record<string, unknown>)[reason];
      if (claimed !== rebuilt) out.push({ metric: `blocked_by.${reason}`, summary: typeof claimed === 'number' ? claimed : NaN, rebuilt });
    }
  }
  // Each window's amount is rounded to 6 decimals, and so is the total.
  const amountTol = (n + 1) * HALF_ULP6 + 1e-9;
  for (const k of SUMMED_AMOUNTS) {
    sums.set(k, sumOf(windows, k));
    check(k, sums.get(k), amountTol);
  }
  const turnover = sums.get('turnover');
  if (turnover !== undefined && turnover > 0) {
    for (const [metric, parts] of Object.entries(BPS_OF)) {
      const xs = parts.map((p) => sums.get(p));
      if (xs.some((x) => x === undefined)) continue;
      const amount = (xs as number[]).reduce((a, b) => a + b, 0);
      // Error propagation of amount/turnover*1e4 from the per-window rounding, plus the total's own rounding.
      const tol = 1e4 * ((parts.length * n * HALF_ULP6) / turnover + (Math.abs(amount) * n * HALF_ULP6) / (turnover * turnover)) + HALF_ULP6 + 1e-9;
      check(metric, (amount / turnover) * 1e4, tol);
    }
  }
  for (const [metric, r] of Object.entries(RATIOS)) {
    const nums = r.num.map((k) => sums.get(k));
    const den = sums.get(r.den);
    if (den === undefined || nums.some((x) => x === undefined)) continue;
    check(metric, den > 0 ? (nums as number[]).reduce((a, b) => a + b, 0) / den : 0, HALF_ULP6 + 1e-12);
  }
  return out;
}

export function describeMismatch(m: Mismatch): string {
  return Number.isNaN(m.summary) ? `${m.metric} is not a number in the summary (rebuilt ${m.rebuilt})` : `${m.metric} is ${m.summary} in the summary but ${m.rebuilt} from metrics.jsonl`;
}
