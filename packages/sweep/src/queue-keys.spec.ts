import { describe, expect, it } from 'vitest';
import { cellJobId, parseCellJobId, queuedSweepId, redactedUrl, redisConnection, sweepJobId } from './queue-keys.js';

describe('redisConnection', () => {
  it('reads host, port, db, user, password and TLS from the URL', () => {
    expect(redisConnection('redis://127.0.0.1:6380/2')).toEqual({ host: '127.0.0.1', port: 6380, db: 2, maxRetriesPerRequest: null });
    expect(redisConnection('rediss://worker:p%40ss@redis.example:6390')).toEqual({
      host: 'redis.example',
      port: 6390,
      db: 0,
      username: 'worker',
      password: 'p@ss',
      tls: {},
      maxRetriesPerRequest: null,
    });
    expect(redisConnection('redis://:secret@h')).toMatchObject({ host: 'h', port: 6379, password: 'secret' });
    expect(redisConnection('redis://[::1]:7000')).toMatchObject({ host: '::1', port: 7000 });
  });

  it('refuses what is not a Redis URL, naming the flag', () => {
    expect(() => redisConnection('localhost:6379')).toThrow('--queue: "localhost:6379" must start with redis:// or rediss:// (TLS)');
    expect(() => redisConnection('not a url')).toThrow('--queue: "not a url" is not a URL; expected redis://HOST:PORT[/DB] (rediss:// for TLS)');
    expect(() => redisConnection('redis://h:1/queue')).toThrow('the path must be a database number (/0../99), got "/queue"');
    expect(() => redisConnection('redis://h:1/0?password=x')).toThrow('no query or fragment is read');
  });

  it('redacts the password for messages and leaves other URLs as given', () => {
    expect(redactedUrl('redis://:secret@h:1/2')).toBe('redis://:***@h:1/2');
    expect(redactedUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});

describe('job ids', () => {
  const id = 'a'.repeat(24);
  it('a cell job id and its BullMQ key give back the cell and seed (negative seeds too)', () => {
    expect(cellJobId(id, 12, -3)).toBe(`${id}-c12-s-3`);
    expect(parseCellJobId(cellJobId(id, 12, -3))).toEqual({ sweepId: id, index: 12, seed: -3 });
    expect(parseCellJobId(`bull:mm-sweep-cells:${cellJobId(id, 0, 7)}`)).toEqual({ sweepId: id, index: 0, seed: 7 });
    expect(parseCellJobId('42')).toBeNull();
    expect(sweepJobId(id)).toBe(`sweep-${id}`);
  });

  it('the sweep id follows every input that decides the results, and nothing else', () => {
    const ident = { gridSha256: 'g', dataSha256: ['d1'], scenario: { a: 1, b: 2 }, edgePolicy: { x: 1 } };
    const one = queuedSweepId(ident);
    expect(one).toMatch(/^[0-9a-f]{24}$/);
    // Key order is not an input (canonical JSON).
    expect(queuedSweepId({ ...ident, scenario: { b: 2, a: 1 } })).toBe(one);
    for (const other of [
      { ...ident, gridSha256: 'g2' },
      { ...ident, dataSha256: ['d2'] },
      { ...ident, dataSha256: [] },
      { ...ident, scenario: { a: 1, b: 3 } },
      { ...ident, edgePolicy: { x: 2 } },
    ]) {
      expect(queuedSweepId(other)).not.toBe(one);
    }
  });
});
