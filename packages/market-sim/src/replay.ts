/** Opens a recorded market by format name. */
import { MarketDataError, type EventStream } from './market-event.js';
import { emptyStats, readBinanceWs, type ReplayOptions, type ReplayStats } from './internal/binance-ws-reader.js';
import { readTardisCsv } from './tardis-csv-reader.js';

export const REPLAY_FORMATS = ['binance-ws', 'tardis'] as const;
export type ReplayFormat = (typeof REPLAY_FORMATS)[number];

export interface Replay {
  events: EventStream;
  /** Filled in as the stream is read. */
  stats: ReplayStats;
}

export function openReplay(file: string, format: string, options: ReplayOptions = {}): Replay {
  const stats = emptyStats();
  switch (format) {
    case 'binance-ws':
      return { events: readBinanceWs(file, options, stats), stats };
    case 'tardis':
      return { events: readTardisCsv(file, options, stats), stats };
    default:
      throw new MarketDataError(`unknown replay format "${format}" (known: ${REPLAY_FORMATS.join(', ')})`);
  }
}
