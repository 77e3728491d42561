/** quoter: an applied profile and the market's state become target quotes, per SPEC 5. Pure functions. */
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
