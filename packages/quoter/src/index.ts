/**
 * quoter: the strategy seam (`Quoter`) and its implementations. SPEC 5's profile quoter: an applied profile and
 * the market's state become target quotes (`targetQuotes`, pure), behind the seam as `profileQuoter`; the GLFT
 * closed form (`glftQuoter`); `quoterFromProfile`, the one a profile's `quoter` key names.
 */
export {
  targetQuotes,
  needsReplace,
  tickScale,
  MIN_QUOTE_QTY,
  type MarketState,
  type OwnState,
  type VenueSpec,
  type QuoteTarget,
  type TargetQuotes,
} from './target-quotes.js';
export type { Quoter, QuoteInput, QuoteSide, ProfileSource, QuoterFactory } from './quoter.js';
export { profileQuoter, ProfileQuoter, ADVERSE_EWMA, ADVERSE_HORIZON_S } from './profile-quoter.js';
export { glftQuoter, GlftQuoter, glftCoefficients, glftDepths, type GlftCoefficients, type GlftDepths } from './glft-quoter.js';
export { quoterFromProfile, quoterOfSpec } from './quoter-from-profile.js';
