/**
 * The audit log's bytes against a second implementation of the chain (canonicalLine per record, a Hash object
 * over prev + body, one string): over several buffer flushes, with records outside the template and long ones,
 * and read back by verifyAudit.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalLine } from '@mm-profiles/profile-core';
import { AuditLog, GENESIS, verifyAudit, type AuditRecord, type AuditTotals } from './audit-log.js';

const TOTALS: AuditTotals = { complete: true, iterations: 1, fills: 0, places: 0, replaces: 0, cancels: 0, rejects: 0, net_bps: 0, metrics_sha256: 'ab' };

/** The chain as the format describes it, built the plain way. */
function expected(records: Omit<AuditRecord, 'seq'>[], endTs: number): string {
  let prev = GENESIS;
  let text = '';
  const line = (body: string) => {
    const hash = createHash('sha256').update(prev + body).digest('hex');
    text += `${body.slice(0, -1)},"prev":"${prev}","hash":"${hash}"}\n`;
    prev = hash;
  };
  records.forEach((r, i) => line(canonicalLine({ ...r, seq: i + 1 })));
  line(canonicalLine({ seq: records.length + 1, ts: endTs, type: 'END', totals: TOTALS }));
  return text;
}

/** Records like the engine's, varied by a small generator (deterministic). */
function records(n: number): Omit<AuditRecord, 'seq'>[] {
  const out: Omit<AuditRecord, 'seq'>[] = [];
  let x = 12345;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = 0; i < n; i++) {
    const u = next();
    const ts = 990_593 + i * 200_003;
    const px = Math.round((60_000 + 50 * (next() - 0.5)) * 10) / 10;
    if (u < 0.3) out.push({ ts, type: 'PLACE', side: 'bid', order_id: i, px, qty: 0.01, reason: 'quote' });
    else if (u < 0.5) out.push({ ts, type: 'BLOCK', side: 'ask', order_id: null, px, qty: 0.01, reason: 'place:concurrency' });
    else if (u < 0.8) out.push({ ts, type: 'FILL', side: 'ask', order_id: i, px, qty: 0.003, reason: 'partial', via: 'queue', liquidity: 'maker', prob: next() });
    else if (u < 0.9) out.push({ ts, type: 'CANCEL', side: 'bid', order_id: i, px: null, qty: null, reason: 'tail_age' });
    else if (u < 0.999) out.push({ ts, type: 'SWITCH', side: null, order_id: null, px: null, qty: null, reason: 'S1->S2:edge "policy" é' });
    // Longer than the write buffer: the generic way, written directly.
    else out.push({ ts, type: 'REJECT', side: 'bid', order_id: i, px: null, qty: null, reason: 'x'.repeat(1_500_000) });
  }
  return out;
}

describe('AuditLog', () => {
  it('writes the chain byte for byte as the plain implementation, across buffer flushes', () => {
    const recs = records(12_000);
    const path = join(mkdtempSync(join(tmpdir(), 'mm-audit-log-')), 'audit.jsonl');
    const log = new AuditLog(path, 'full');
    for (const r of recs) log.append(r);
    // A record with a key outside the template goes the generic way, same chain.
    const odd = { ts: 7, type: 'PLACE', side: 'bid', order_id: 1, px: 1, qty: 1, reason: 'q', extra: { b: 1, a: 2 } } as unknown as Omit<AuditRecord, 'seq'>;
    log.append(odd);
    log.close(99, TOTALS);
    const text = readFileSync(path, 'utf8');
    expect(text.length).toBeGreaterThan(3 << 20);
    expect(text).toBe(expected([...recs, odd], 99));
    const v = verifyAudit(text);
    expect(v.ok).toBe(true);
    expect(v.lines).toBe(recs.length + 2);
    expect(log.record).toEqual({ lines: recs.length + 2, head: v.head });
  });

  it('holds every line appended so far in the file after flush', () => {
    const recs = records(50).filter((r) => r.reason!.length < 100);
    const path = join(mkdtempSync(join(tmpdir(), 'mm-audit-log-')), 'audit.jsonl');
    const log = new AuditLog(path, 'full');
    for (const r of recs) log.append(r);
    expect(readFileSync(path, 'utf8')).toBe('');
    log.flush();
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n').length - 1).toBe(recs.length);
    expect(expected(recs, 0).startsWith(text)).toBe(true);
  });
});
