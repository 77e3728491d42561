/**
 * market-sim: the engine's world. A seeded synthetic market, replay of recorded Binance and Tardis data, an
 * exchange emulator with latency, queue position and fees, and calibration of scenarios from data.
 * Depends on no package of ours.
 */
export { MarketDataError, type MarketEvent, type QuoteEvent, type TradeEvent, type DepthEvent, type EventStream } from './market-event.js';
export { Random, lognormalSigma } from './random.js';
export { scenarioSchema, latencySchema, parseScenario, loadScenario, type Scenario, type ScenarioInput, type LatencySpec } from './scenario.js';
export { SyntheticMarket, SYNTHETIC_BATCH, roundPx } from './synthetic-market.js';
export type { LatencyModel, LatencyLegs } from './latency-model.js';
export {
  latencyModel,
  latencyLegs,
  parseLatencySpec,
  LATENCY_MODEL_NAMES,
  DEFAULT_FEED_LATENCY,
  DEFAULT_RESPONSE_LATENCY,
  type LatencySpecs,
} from './latency-models.js';
export { constantLatency } from './latency-constant.js';
export { lognormalLatency } from './latency-lognormal.js';
export { fromDataLatency } from './latency-from-data.js';
export { FeedClock } from './feed-clock.js';
export { newQueuePos, type QueueModel, type QueuePos } from './queue-model.js';
export { queueModel, QUEUE_MODEL_NAMES, DEFAULT_QUEUE_MODEL } from './queue-models.js';
export { riskAverseQueue } from './queue-risk-averse.js';
export { probQueue, probOf, type ProbFn } from './queue-prob.js';
export { powerProbQueue } from './queue-power.js';
export { logProbQueue } from './queue-log.js';
export { bpsFeeModel, type FeeModel, type Liquidity } from './fee-model.js';
export type { ExchangeModel, FillVia } from './exchange-model.js';
export { exchangeModel, EXCHANGE_MODEL_NAMES, DEFAULT_EXCHANGE_MODEL } from './exchange-models.js';
export { partialFill } from './exchange-partial-fill.js';
export { chooseModels, modelChoiceFields, type ModelChoice } from './model-choice.js';
export { noPartialFill } from './exchange-no-partial-fill.js';
export {
  ExchangeEmulator,
  type OrderRequest,
  type OrderSide,
  type ExecutionReport,
  type AckReport,
  type RejectReport,
  type FillReport,
  type RestingOrder,
  type EmulatorOptions,
} from './exchange-emulator.js';
export { readLineBatches, isGzip } from './line-reader.js';
export { ReorderBuffer } from './reorder-buffer.js';
export {
  BinanceDepthSequencer,
  emptyDepthCounts,
  follows,
  bridges,
  inSnapshot,
  KEPT_DIFFS,
  type DepthDiff,
  type DepthSnapshot,
  type DepthCounts,
} from './binance-depth-sequencer.js';
export { L2Book } from './l2-book.js';
export { ClockAligner, CLOCK_BLOCK_US, OFFSET_QUANTILE, emptyClockStats, type ClockStats } from './clock-align.js';
export { readBinanceWs, localToMicros, localMicrosAt, emptyStats, UNUSED_STREAM_KINDS, type ReplayOptions, type ReplayStats, type TardisFile, type TardisFiles } from './binance-ws-reader.js';
export { readTardisCsv, tardisTradesPathFor, tardisOverlapWarning } from './tardis-csv-reader.js';
export {
  venueSchema,
  parseVenue,
  loadVenue,
  venueFiles,
  inferVenue,
  venueFromScenario,
  toLots,
  fromLots,
  floorToLots,
  onTick,
  stepDecimals,
  VENUE_MARKETS,
  SYNTHETIC_LOT,
  type Venue,
} from './venue.js';
export { assetOf, linearAsset, inverseAsset, type Asset } from './asset.js';
export { captureInfo, headLines, type CaptureInfo } from './capture-info.js';
export { openReplay, REPLAY_FORMATS, type Replay, type ReplayFormat } from './replay.js';
export { calibrate, fitExponential, type CalibrationInputs } from './calibrate.js';
export { fixtureDataFile, sharedDataFile } from './market-data-files.js';
