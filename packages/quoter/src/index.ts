/**
 * quoter: the strategy seam (`Quoter`) and its implementations. SPEC 5's profile quoter: an applied profile and
 * the market's state become target quotes (`targetQuotes`, pure), behind the seam as `profileQuoter`; the GLFT
 * closed form (`glftQuoter`); `quoterFromProfile`, the one a profile's `quoter` key names. An example strategy
 * to copy is src/examples/touch-quoter.ts (not exported: it is a starting point, not a strategy to run).
 */

// The seam: what the engine asks a strategy on every decision, and what it hands it
export type { Quoter, QuoteInput, QuoteSide, ProfileSource, QuoterFactory } from './quoter.js';
export type { MarketState, VenueSpec, QuoteTarget, TargetQuotes } from './target-quotes.js';

// SPEC 5's quoting formula, pure
export { targetQuotes, type OwnState } from './target-quotes.js';

// Strategies behind the seam
export { profileQuoter } from './profile-quoter.js';
export { glftQuoter } from './glft-quoter.js';

// The quoter a soak uses by default: whatever the profile in force names
export { quoterFromProfile } from './quoter-from-profile.js';
