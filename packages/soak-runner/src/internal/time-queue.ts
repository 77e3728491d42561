/**
 * A queue of things due at a time, handed out earliest first and, at equal times, in the order they were put
 * in: the engine's merge of what the strategy sees (market events at their local time, acks and fills at the
 * end of their response leg). A binary heap over parallel arrays: no allocation per item once the arrays have
 * grown, and O(1) pushes when items come in time order (the usual case: the feed is nearly in order).
 */
export class TimeQueue<T> {
  private items: T[] = [];
  private times: number[] = [];
  private seqs: number[] = [];
  private n = 0;
  private seq = 0;

  get size(): number {
    return this.n;
  }

  /** The earliest due time (Infinity when empty). */
  peekTime(): number {
    return this.n ? this.times[0]! : Infinity;
  }

  push(item: T, time: number): void {
    let i = this.n++;
    const seq = this.seq++;
    // Sift up: move parents down until the slot for (time, seq) is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = this.times[p]!;
      if (pt < time || (pt === time && this.seqs[p]! < seq)) break;
      this.items[i] = this.items[p]!;
      this.times[i] = pt;
      this.seqs[i] = this.seqs[p]!;
      i = p;
    }
    this.items[i] = item;
    this.times[i] = time;
    this.seqs[i] = seq;
  }

  /** Takes the earliest item (undefined when empty). */
  pop(): T | undefined {
    if (this.n === 0) return undefined;
    const top = this.items[0]!;
    const last = --this.n;
    const item = this.items[last]!;
    const time = this.times[last]!;
    const seq = this.seqs[last]!;
    this.items[last] = undefined as T;
    // Sift down the last item from the root.
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const r = c + 1;
      if (r < last && (this.times[r]! < this.times[c]! || (this.times[r] === this.times[c] && this.seqs[r]! < this.seqs[c]!))) c = r;
      const ct = this.times[c]!;
      if (time < ct || (time === ct && seq < this.seqs[c]!)) break;
      this.items[i] = this.items[c]!;
      this.times[i] = ct;
      this.seqs[i] = this.seqs[c]!;
      i = c;
    }
    if (last > 0) {
      this.items[i] = item;
      this.times[i] = time;
      this.seqs[i] = seq;
    }
    return top;
  }
}
