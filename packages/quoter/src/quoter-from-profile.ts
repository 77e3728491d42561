/**
 * The quoter a profile names (its `quoter` key): SPEC 5's profile quoter by default, GLFT when the profile says
 * `{ "kind": "glft", ... }`. Read on every decision, so an edge-policy switch to a profile of another kind
 * changes who quotes from the next decision; one instance per spec is kept, so a strategy's learnt state (the
 * profile quoter's adverse-markout EWMA) survives a switch away and back, and every instance hears every markout.
 */
import { canonicalJson, DEFAULT_QUOTER, type QuoterSpec } from '@mm-profiles/profile-core';
import { glftQuoter } from './glft-quoter.js';
import { profileQuoter } from './profile-quoter.js';
import type { ProfileSource, QuoteInput, Quoter, QuoteSide } from './quoter.js';
import type { TargetQuotes, VenueSpec } from './target-quotes.js';

/** A quoter for one spec. */
export function quoterOfSpec(spec: QuoterSpec, source: ProfileSource, venue: VenueSpec): Quoter {
  return spec.kind === 'glft' ? glftQuoter(spec, venue, source) : profileQuoter(source, venue);
}

class ProfileDrivenQuoter implements Quoter {
  private readonly bySpec = new Map<string, Quoter>();
  private lastSpec: QuoterSpec | undefined;
  private current!: Quoter;

  constructor(
    private readonly source: ProfileSource,
    private readonly venue: VenueSpec,
  ) {
    this.pick();
  }

  get kind(): string {
    return this.pick().kind;
  }

  private pick(): Quoter {
    const spec = this.source.resolvedProfile?.quoter ?? DEFAULT_QUOTER;
    if (spec === this.lastSpec) return this.current;
    const key = canonicalJson(spec);
    let q = this.bySpec.get(key);
    if (!q) this.bySpec.set(key, (q = quoterOfSpec(spec, this.source, this.venue)));
    this.lastSpec = spec;
    this.current = q;
    return q;
  }

  targets(i: QuoteInput): TargetQuotes {
    return this.pick().targets(i);
  }

  needsReplace(livePx: number, targetPx: number, t: TargetQuotes): boolean {
    return this.pick().needsReplace(livePx, targetPx, t);
  }

  onMarkout(side: QuoteSide, horizonS: number, markoutBps: number): void {
    for (const q of this.bySpec.values()) q.onMarkout?.(side, horizonS, markoutBps);
  }
}

/** The `QuoterFactory` a soak uses by default: whatever the profile in force names. */
export function quoterFromProfile(source: ProfileSource, venue: VenueSpec): Quoter {
  return new ProfileDrivenQuoter(source, venue);
}
