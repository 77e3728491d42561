/**
 * What market a capture is of, from its first lines: the symbol its streams (Binance) or its `symbol` column
 * (Tardis) name, and the market where the capture tells it (Binance: COIN-M symbols carry `_`, USD-M
 * bookTicker has `e`/`E` and its trades `X`, spot trades `M`; Tardis: the `exchange` column). Used to pick the
 * venue file of a replay.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import { MarketDataError } from './market-event.js';
import type { Venue } from './venue.js';

export interface CaptureInfo {
  symbol: string;
  market?: Venue['market'];
}

const SCAN_LINES = 5000;

/** Tardis exchange ids of Binance's markets. */
const TARDIS_MARKETS: Record<string, Venue['market']> = { binance: 'spot', 'binance-futures': 'usdm', 'binance-delivery': 'coinm' };

/** The market a Binance stream line shows, if it shows one. */
export function binanceMarketOf(symbol: string, json: string): Venue['market'] | undefined {
  if (symbol.includes('_')) return 'coinm';
  if (json.includes('"e":"bookTicker"') || json.includes('"X":"')) return 'usdm';
  if (json.includes('"e":"trade"') && json.includes('"M":')) return 'spot';
  return undefined;
}

/** The first whole lines of a plain or gzip file (about `bytes` of it, decoded), read synchronously. */
export function headLines(path: string, bytes = 1 << 18): string[] {
  if (!existsSync(path)) throw new MarketDataError(`${path}: file not found`);
  const fd = openSync(path, 'r');
  let buf: Buffer;
  try {
    buf = Buffer.alloc(bytes);
    buf = buf.subarray(0, readSync(fd, buf, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      // A partial gzip stream: decode what is there.
      buf = gunzipSync(buf, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch (e) {
      throw new MarketDataError(`${path}: corrupt gzip at its start (${(e as Error).message})`);
    }
  }
  const text = buf.toString('utf8');
  const end = text.lastIndexOf('\n');
  return (end < 0 ? text : text.slice(0, end)).split('\n');
}

export function captureInfo(file: string, format: string): CaptureInfo {
  if (format === 'tardis') {
    const path = file.split(',')[0]!;
    const lines = headLines(path, 1 << 14);
    // CRLF files: the \r would stay on the last column of the header and of the row.
    const cols = (lines[0] ?? '').replace(/\r$/, '').split(',');
    const row = (lines[1] ?? '').replace(/\r$/, '').split(',');
    const s = cols.indexOf('symbol');
    const x = cols.indexOf('exchange');
    if (s < 0 || !row[s]) throw new MarketDataError(`${path}: no "symbol" value to tell the venue from: pass --venue NAME|FILE`);
    return { symbol: row[s]!.toUpperCase(), market: x >= 0 ? TARDIS_MARKETS[row[x]!] : undefined };
  }
  let symbol: string | undefined;
  let market: Venue['market'] | undefined;
  for (const line of headLines(file).slice(0, SCAN_LINES)) {
    const i = line.indexOf('{"stream":"');
    if (i < 0) continue;
    const at = line.indexOf('@', i + 11);
    if (at < 0) continue;
    const s = line.slice(i + 11, at);
    if (symbol === undefined) symbol = s;
    else if (s !== symbol) throw new MarketDataError(`${file}: streams of two symbols (${symbol}, ${s}); pass --venue NAME|FILE`);
    market ??= binanceMarketOf(s, line);
  }
  if (symbol === undefined) throw new MarketDataError(`${file}: no stream line at its start to tell the symbol from: pass --venue NAME|FILE`);
  return { symbol: symbol.toUpperCase(), market };
}
