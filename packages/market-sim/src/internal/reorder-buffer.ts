/**
 * Puts events from several feeds back into exchange-time order. Captures interleave streams by local arrival,
 * so exchange times can step back a little (up to ~30 ms in the shared Binance file). Events are held until
 * the newest time seen is `windowUs` past them; ties keep input order. An event later than the window is
 * counted and stamped with the last released time, so the output never goes back in time.
 */
import type { MarketEvent } from '../market-event.js';

export class ReorderBuffer {
  private buf: MarketEvent[] = [];
  private head = 0;
  private maxTs = -Infinity;
  private releasedTs = -Infinity;
  /** Events that arrived later than the window allows. */
  late = 0;

  constructor(private readonly windowUs: number) {}

  push(e: MarketEvent, out: MarketEvent[]): void {
    if (e.ts < this.releasedTs) {
      this.late += 1;
      e.ts = this.releasedTs;
    }
    // Insertion from the end: events are nearly sorted, so this moves few entries.
    const buf = this.buf;
    let i = buf.length;
    while (i > this.head && buf[i - 1]!.ts > e.ts) i--;
    if (i === buf.length) buf.push(e);
    else buf.splice(i, 0, e);
    if (e.ts > this.maxTs) this.maxTs = e.ts;
    const cutoff = this.maxTs - this.windowUs;
    while (this.head < buf.length && buf[this.head]!.ts <= cutoff) {
      const r = buf[this.head++]!;
      this.releasedTs = r.ts;
      out.push(r);
    }
    if (this.head > 4096 && this.head * 2 > buf.length) {
      this.buf = buf.slice(this.head);
      this.head = 0;
    }
  }

  flush(out: MarketEvent[]): void {
    for (let i = this.head; i < this.buf.length; i++) out.push(this.buf[i]!);
    if (this.buf.length > this.head) this.releasedTs = this.buf[this.buf.length - 1]!.ts;
    this.buf = [];
    this.head = 0;
  }
}
