// captureInfo's and headLines' refusals: each bad capture is one line naming the file and what to pass instead.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binanceMarketOf, captureInfo, headLines } from './capture-info.js';

const dir = () => mkdtempSync(join(tmpdir(), 'mm-capinfo-'));
const stream = (name: string) => `1 {"stream":"${name}@bookTicker","data":{"e":"bookTicker","u":1,"s":"X","b":"1","B":"1","a":"2","A":"1","E":1}}`;

describe('headLines', () => {
  it('a missing file and a gzip that is corrupt at its start are errors naming the file', () => {
    const d = dir();
    expect(() => headLines(join(d, 'absent.gz'))).toThrow(`${join(d, 'absent.gz')}: file not found`);
    const f = join(d, 'bad.gz');
    writeFileSync(f, Buffer.from([0x1f, 0x8b, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]));
    expect(() => headLines(f)).toThrow(new RegExp(`^${f.replace(/[.]/g, '\\.')}: corrupt gzip at its start \\(.+\\)$`));
  });
});

describe('headLines and captureInfo answers', () => {
  it('headLines gives whole lines only: a last line without its newline is left out, unless it is the only one', () => {
    const d = dir();
    const f = join(d, 'a.txt');
    writeFileSync(f, 'a\nb\npart');
    expect(headLines(f)).toEqual(['a', 'b']);
    writeFileSync(f, '\nonly');
    expect(headLines(f)).toEqual(['']);
    writeFileSync(f, 'only');
    expect(headLines(f)).toEqual(['only']);
  });

  it('gzip needs both magic bytes: a text file that starts with 0x1f is read as text', () => {
    const f = join(dir(), 'odd.txt');
    writeFileSync(f, Buffer.concat([Buffer.from([0x1f]), Buffer.from(stream('btcusdt') + '\n')]));
    expect(captureInfo(f, 'binance-ws')).toEqual({ symbol: 'BTCUSDT', market: 'usdm' });
  });

  it('Binance: the symbol upper-cased; a line that is no stream message is passed over even with an @ in it', () => {
    const f = join(dir(), 'a.txt');
    writeFileSync(f, ['1 {"lastUpdateId":1,"note":"x@y"}', '1 {"stream":"no-at-sign","data":{}}', stream('ethusdt')].join('\n') + '\n');
    expect(captureInfo(f, 'binance-ws')).toEqual({ symbol: 'ETHUSDT', market: 'usdm' });
  });

  it('only the first 5,000 lines are looked at for a stream line', () => {
    const f = join(dir(), 'late.txt');
    writeFileSync(f, '1 {"lastUpdateId":1}\n'.repeat(5000) + stream('ethusdt') + '\n');
    expect(() => captureInfo(f, 'binance-ws')).toThrow(`${f}: no stream line at its start to tell the symbol from`);
  });

  it('Tardis: symbol in the first column and lower case, exchange in the last', () => {
    const f = join(dir(), 'q.csv');
    writeFileSync(f, 'symbol,timestamp,exchange\nethusdt,1,binance-futures\n');
    expect(captureInfo(f, 'tardis')).toEqual({ symbol: 'ETHUSDT', market: 'usdm' });
  });
});

describe('captureInfo refusals', () => {
  it('Tardis with CRLF line ends: the last column is read without its \\r (symbol or exchange last)', () => {
    const d = dir();
    const symLast = join(d, 'sym-last.csv');
    writeFileSync(symLast, 'exchange,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount,symbol\r\nbinance-futures,1,2,1,2,1,1,ethusdt\r\n');
    expect(captureInfo(symLast, 'tardis')).toEqual({ symbol: 'ETHUSDT', market: 'usdm' });
    const exLast = join(d, 'ex-last.csv');
    writeFileSync(exLast, 'symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount,exchange\r\nBTCUSDT,1,2,1,2,1,1,binance\r\n');
    expect(captureInfo(exLast, 'tardis')).toEqual({ symbol: 'BTCUSDT', market: 'spot' });
  });

  it('a Tardis file with a header and no row has no symbol to go by', () => {
    const f = join(dir(), 'q.csv');
    writeFileSync(f, 'symbol,exchange,timestamp');
    expect(() => captureInfo(f, 'tardis')).toThrow(`${f}: no "symbol" value to tell the venue from: pass --venue NAME|FILE`);
  });

  it('Binance streams of two symbols, or no stream line at all', () => {
    const d = dir();
    const two = join(d, 'two.txt');
    writeFileSync(two, [stream('btcusdt'), stream('ethusdt')].join('\n') + '\n');
    expect(() => captureInfo(two, 'binance-ws')).toThrow(`${two}: streams of two symbols (btcusdt, ethusdt); pass --venue NAME|FILE`);
    const none = join(d, 'none.txt');
    writeFileSync(none, '1 {"lastUpdateId":1,"bids":[],"asks":[]}\n');
    expect(() => captureInfo(none, 'binance-ws')).toThrow(`${none}: no stream line at its start to tell the symbol from: pass --venue NAME|FILE`);
  });

  it('binanceMarketOf: COIN-M by the symbol, USD-M by bookTicker or X, spot by a trade with M, else unknown', () => {
    expect(binanceMarketOf('btcusd_perp', '{}')).toBe('coinm');
    expect(binanceMarketOf('btcusdt', '{"e":"bookTicker"}')).toBe('usdm');
    expect(binanceMarketOf('btcusdt', '{"e":"trade","X":"MARKET"}')).toBe('usdm');
    expect(binanceMarketOf('btcusdt', '{"e":"trade","M":true}')).toBe('spot');
    expect(binanceMarketOf('btcusdt', '{"e":"trade"}')).toBeUndefined();
  });
});
