/**
 * The order-action guard (SPEC 4). Before each place/replace/cancel the engine asks `check`; the first failing
 * rule, in the order risk, min_interval, concurrency, throttle, is the block reason. An allowed action is
 * recorded as sent: it stamps the side's last-action time, takes an in-flight slot (released by `onAck`) and,
 * for replaces and cancels, a throttle token. Time is passed in (market µs), never read from a clock.
 *
 * It sits on the hot path of every simulated event, so state is plain numbers and the check allocates nothing.
 */
import type { BlockReason } from '@mm-profiles/profile-core';

export type ActionKind = 'place' | 'replace' | 'cancel';
export type Side = 'bid' | 'ask';

export interface GuardLimits {
  min_interval_ms: number;
  concurrency_limit: number;
  replace_rate_per_min: number;
  /** The run's position limit (the engine passes whole lots of the venue); place/replace that would go beyond it are blocked. */
  max_position: number;
  /**
   * The venue's lot, when positions and sizes are given in quantity units: the risk check then counts whole lots
   * (ten 0.001 fills reach a 0.01 limit; float sums stop at 0.009000000000000001 + 0.001 > 0.01). Unset: the
   * units are compared as given (the engine passes whole lots already).
   */
  lot_size?: number;
}

export class OrderGuard {
  private minIntervalUs: number;
  private slots: number;
  private tokensPerUs: number;
  private tokenCapacity: number;
  private maxPosition: number;
  /** The lot the risk check counts in (0: as given). */
  private readonly lot: number;

  private lastBidUs = -Infinity;
  private lastAskUs = -Infinity;
  private tokens: number;
  private tokensAtUs = 0;
  /** Requests sent and not yet acknowledged. */
  inFlight = 0;
  /** Current position, kept up to date by the engine on fills, in the unit of `max_position` (the engine counts whole lots). */
  position = 0;

  constructor(limits: GuardLimits) {
    this.minIntervalUs = limits.min_interval_ms * 1000;
    this.slots = Math.max(1, Math.floor(limits.concurrency_limit));
    this.tokensPerUs = limits.replace_rate_per_min / 60e6;
    // One second of budget as the burst: enough for a quote refresh on both sides, not for a storm.
    this.tokenCapacity = Math.max(1, limits.replace_rate_per_min / 60);
    this.tokens = this.tokenCapacity;
    this.lot = limits.lot_size ?? 0;
    this.maxPosition = this.inLots(limits.max_position, true);
  }

  /** A quantity in whole lots when a lot is set (a limit rounds down, a position or size to the nearest). */
  private inLots(qty: number, limit = false): number {
    const lot = this.lot;
    if (!(lot > 0)) return qty;
    return limit ? Math.floor(qty / lot + 1e-9) : Math.round(qty / lot);
  }

  /** The position limit in the unit the caller counts positions in (the engine: whole lots of the venue). */
  setMaxPosition(max: number): void {
    this.maxPosition = this.inLots(max, true);
  }

  setMinIntervalMs(ms: number): void {
    this.minIntervalUs = ms * 1000;
  }

  /** Another profile's limits (an edge-policy switch); in-flight requests, last actions and position stay. */
  setLimits(limits: Omit<GuardLimits, 'max_position'>): void {
    this.minIntervalUs = limits.min_interval_ms * 1000;
    this.slots = Math.max(1, Math.floor(limits.concurrency_limit));
    this.tokensPerUs = limits.replace_rate_per_min / 60e6;
    this.tokenCapacity = Math.max(1, limits.replace_rate_per_min / 60);
    if (this.tokens > this.tokenCapacity) this.tokens = this.tokenCapacity;
  }

  /**
   * The first failing rule for this action at `nowUs`, or undefined when it may go (and is then recorded as
   * sent). `qty` is the order size for place/replace (ignored for cancel).
   */
  check(kind: ActionKind, side: Side, qty: number, nowUs: number): BlockReason | undefined {
    if (kind !== 'cancel') {
      const pos = this.lot > 0 ? this.inLots(this.position) : this.position;
      const q = this.lot > 0 ? this.inLots(qty) : qty;
      const after = side === 'bid' ? pos + q : pos - q;
      if (Math.abs(after) > this.maxPosition && Math.abs(after) > Math.abs(pos)) return 'risk';
    }
    const last = side === 'bid' ? this.lastBidUs : this.lastAskUs;
    if (nowUs - last < this.minIntervalUs) return 'min_interval';
    if (this.inFlight >= this.slots) return 'concurrency';
    if (kind !== 'place') {
      const refilled = this.tokens + (nowUs - this.tokensAtUs) * this.tokensPerUs;
      this.tokens = refilled < this.tokenCapacity ? refilled : this.tokenCapacity;
      this.tokensAtUs = nowUs;
      if (this.tokens < 1) return 'throttle';
      this.tokens -= 1;
    }
    if (side === 'bid') this.lastBidUs = nowUs;
    else this.lastAskUs = nowUs;
    this.inFlight += 1;
    return undefined;
  }

  /** An acknowledgement (or reject) came back: its in-flight slot is free again. */
  onAck(): void {
    if (this.inFlight > 0) this.inFlight -= 1;
  }

  /** Throttle tokens available at `nowUs` (for tests and diagnostics). */
  tokensAt(nowUs: number): number {
    return Math.min(this.tokenCapacity, this.tokens + (nowUs - this.tokensAtUs) * this.tokensPerUs);
  }
}
