// Scenario refusals, each a reader-facing phrase naming the key and the value found; config files missing or
// malformed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario } from './scenario.js';

const VALID = {
  description: 'd',
  start_price: 100,
  tick_size: 0.1,
  volatility_bps_per_sqrt_s: 1,
  jump_rate_per_s: 0,
  jump_bps: 0,
  quote_rate_per_s: 5,
  spread_ticks: 1,
  top_size: { median: 1, p95: 2 },
  trade_rate_per_s: 1,
  trade_size: { median: 0.1, p95: 0.2 },
  trade_depth_bps: 1,
  informed_share: 0,
  informed_move_bps: 0,
  fees: { maker_bps: 0, taker_bps: 5 },
  latency: { model: 'constant', ms: 1 },
  order_size: 0.1,
  max_position: 1,
  window_s: 60,
};

const problem = (raw: unknown) => {
  try {
    parseScenario(raw, 's.json');
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
};

describe('parseScenario messages', () => {
  it('the valid base is accepted', () => {
    expect(problem(VALID)).toBe('accepted');
  });

  it('unknown keys: plural for two, and where they are when nested', () => {
    expect(problem({ ...VALID, foo: 1, bar: 2 })).toBe('s.json: unknown keys "foo", "bar"');
    expect(problem({ ...VALID, fees: { maker_bps: 0, taker_bps: 5, rebate: 1 } })).toBe('s.json: unknown key "rebate" in "fees"');
  });

  it('a missing key is "missing"; a wrong value is named with what was found; an object is not quoted', () => {
    const { start_price: _, ...noPrice } = VALID;
    expect(problem(noPrice)).toBe('s.json: key "start_price" is missing');
    expect(problem({ ...VALID, start_price: 'abc' })).toMatch(/^s\.json: key "start_price": .+ \(got "abc"\)$/);
    expect(problem({ ...VALID, top_size: { median: 2, p95: 1 } })).toBe('s.json: key "top_size": p95 must be >= median');
  });
});

describe('loadScenario', () => {
  it('a missing file and malformed JSON are one line each, named by the label', () => {
    const d = mkdtempSync(join(tmpdir(), 'mm-scenario-'));
    expect(() => loadScenario(join(d, 'absent.json'), 'absent')).toThrow(/^absent: scenario file not found$/);
    writeFileSync(join(d, 'bad.json'), '{"description": ');
    expect(() => loadScenario(join(d, 'bad.json'), 'bad')).toThrow(/^bad: malformed JSON: .+/);
    writeFileSync(join(d, 'ok.json'), JSON.stringify(VALID));
    expect(loadScenario(join(d, 'ok.json')).symbol).toBe('SYNTH');
  });
});
