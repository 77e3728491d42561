/**
 * market-sim: the engine's world. A seeded synthetic market, replay of recorded Binance and Tardis data, an
 * exchange emulator with latency, queue position and fees, and calibration of scenarios from data.
 * Depends on no package of ours.
 */

// Market events and seeded randomness
export type { MarketEvent, QuoteEvent, TradeEvent, EventStream } from './market-event.js';
export { Random } from './random.js';

// Scenarios and the synthetic market
export { parseScenario, loadScenario, type Scenario, type LatencySpec } from './scenario.js';
export { SyntheticMarket } from './synthetic-market.js';

// Replay of recorded data: the readers by format, a capture's first look, the data files of the tests
export { openReplay, REPLAY_FORMATS, type Replay, type ReplayFormat } from './replay.js';
export type { ReplayStats } from './internal/binance-ws-reader.js';
export { readLineBatches } from './line-reader.js';
export { captureInfo, type CaptureInfo } from './capture-info.js';
export { tardisOverlapWarning } from './tardis-csv-reader.js';
export { fixtureDataFile, sharedDataFile } from './market-data-files.js';

// Venues: tick, lot and fees of a market, and the asset its PnL is counted in
export { loadVenue, inferVenue, venueFromScenario, toLots, fromLots, floorToLots, type Venue } from './venue.js';
export { assetOf, linearAsset, inverseAsset, type Asset } from './asset.js';

// The exchange emulator and its models: latency legs, queue position, fill rules, fees
export { ExchangeEmulator, type EmulatorOptions, type ExecutionReport, type FillReport, type OrderRequest } from './exchange-emulator.js';
export type { LatencyModel } from './latency-model.js';
export { latencyModel, latencyLegs, parseLatencySpec, type LatencySpecs } from './latency-models.js';
export { constantLatency } from './latency-constant.js';
export { fromDataLatency } from './latency-from-data.js';
export { FeedClock } from './feed-clock.js';
export type { QueueModel } from './queue-model.js';
export { queueModel } from './queue-models.js';
export { exchangeModel } from './exchange-models.js';
export { chooseModels, type ModelChoice } from './model-choice.js';
export { bpsFeeModel } from './fee-model.js';

// Calibration of a scenario from data (mm calibrate)
export { calibrate, type CalibrationInputs } from './calibrate.js';
