/**
 * The 95% intervals a gate judges on are rebuilt from the samples the artifacts hold (a replay's windows in
 * metrics.jsonl; a multi-seed soak's seeds), never taken from summary.json's word; an interval the summary
 * claims that the samples do not give is refused (exit 2) as an edited or mixed-up summary.
 */
import { UserError } from '@mm-profiles/profile-core';
import { intervalsOf, type Interval } from '@mm-profiles/soak-runner';

/** The writer rounds every interval to 6 decimals. */
const TOLERANCE = 1e-6;

const shownInterval = (i: { mean?: unknown; lo?: unknown; hi?: unknown; n?: unknown } | undefined) =>
  i ? `${String(i.mean)} [${String(i.lo)}, ${String(i.hi)}] n=${String(i.n)}` : 'none';

function differs(claimed: Record<string, unknown>, rebuilt: Interval): boolean {
  if (claimed['n'] !== rebuilt.n) return true;
  return (['mean', 'lo', 'hi', 'stdev'] as const).some((k) => {
    const c = claimed[k];
    return typeof c !== 'number' || !(Math.abs(c - rebuilt[k]) <= TOLERANCE);
  });
}

/**
 * Intervals over `samples` for `metrics` and for every metric the summary claims one for; fewer than two
 * samples give none. Throws a UserError naming the first claimed interval the samples do not give.
 */
export function rebuildIntervals(
  samples: readonly Record<string, unknown>[],
  metrics: readonly string[],
  claimed: Readonly<Record<string, Record<string, unknown>>> | undefined,
  where: { summaryLabel: string; samplesLabel: string },
): Record<string, Interval> {
  const claims = claimed ?? {};
  const rebuilt = samples.length >= 2 ? intervalsOf(samples, [...new Set([...metrics, ...Object.keys(claims)])]) : {};
  for (const [metric, c] of Object.entries(claims)) {
    const r = Object.hasOwn(rebuilt, metric) ? rebuilt[metric] : undefined;
    if (!r || differs(c, r)) {
      throw new UserError(
        `${where.summaryLabel}: intervals.${metric} is ${shownInterval(c)}, but ${where.samplesLabel} (${samples.length} sample(s)) give ${shownInterval(r)}; the summary was edited or is from another run`,
      );
    }
  }
  return rebuilt;
}
