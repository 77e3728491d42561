/**
 * EdgeSentinel: the seed's integration API. It holds the applied profile, the guard, the block counters
 * (totals and the current evaluation window), the min_interval auto-tune and its adjustment history, and
 * saves the applied profile with its provenance.
 *
 *   const sentinel = new EdgeSentinel({ profileName: 'S1' });
 *   sentinel.recordBlock('min_interval');
 *   sentinel.totalIterations += 1;
 *   sentinel.checkAndAdjustMinInterval();
 *   sentinel.saveAppliedProfile();
 */
import {
  APPLIED_PROFILE_FILE,
  BLOCK_REASONS,
  DEFAULT_CONFIG_DIR,
  DEFAULT_SOAK_DIR,
  UserError,
  findWorkspaceRoot,
  resolveProfile,
  saveAppliedProfile,
  withAdjustment,
  type AppliedProfile,
  type BlockCounts,
  type BlockReason,
  type ProfileSwitch,
  type ResolvedProfile,
  type RuntimeAdjustment,
} from '@mm-profiles/profile-core';
import { join } from 'node:path';
import { OrderGuard, type ActionKind, type Side } from './order-guard.js';
import { DEFAULT_AUTO_TUNE, minIntervalAdjustMarker, tuneMinInterval, type AutoTuneConfig, type TunerState } from './internal/min-interval-tuner.js';

export interface EdgeSentinelOptions {
  /** Load this profile (needs `root`/`configDir` or the current workspace). */
  profileName?: string;
  /** Or start from a profile already resolved. */
  resolved?: ResolvedProfile;
  root?: string;
  configDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Position limit for the risk check, base units (the engine restates it in whole lots). Default: unlimited. */
  maxPosition?: number;
  /** Receives marker lines (auto-tune). Default: nothing. */
  log?: (line: string) => void;
  /** Bounds of the min_interval auto-tune (config/sentinel.json `auto_tune`). */
  autoTune?: AutoTuneConfig;
}

const zeroCounts = (): BlockCounts => ({ risk: 0, min_interval: 0, concurrency: 0, throttle: 0 });

export class EdgeSentinel {
  readonly root: string;
  readonly guard: OrderGuard;
  /** Blocks by reason since the start. */
  readonly blockedBy: BlockCounts = zeroCounts();
  /** Blocks by reason in the current evaluation window. */
  windowBlockedBy: BlockCounts = zeroCounts();
  /** Actions that passed the guard. */
  executed = 0;
  private resolved: ResolvedProfile;
  private attempts = 0;
  private windowAttempts = 0;
  private readonly log: (line: string) => void;
  private readonly autoTune: AutoTuneConfig;
  private tuner: TunerState;
  /** Each profile as last quoted (with its own auto-tune), for switching back. */
  private readonly quoted = new Map<string, ResolvedProfile>();
  private readonly switches: ProfileSwitch[] = [];

  constructor(options: EdgeSentinelOptions) {
    this.root = options.root ?? findWorkspaceRoot();
    if (options.resolved) {
      this.resolved = options.resolved;
    } else if (options.profileName !== undefined) {
      this.resolved = resolveProfile({
        name: options.profileName,
        configDir: options.configDir ?? join(this.root, DEFAULT_CONFIG_DIR),
        root: this.root,
        env: options.env,
      });
    } else {
      throw new UserError('EdgeSentinel needs a profileName or a resolved profile');
    }
    this.log = options.log ?? (() => undefined);
    this.autoTune = options.autoTune ?? DEFAULT_AUTO_TUNE;
    const ms = this.resolved.applied.min_interval_ms;
    this.tuner = { currentMs: ms, baseMs: ms, consecutiveRaises: 0 };
    this.guard = new OrderGuard({ ...this.resolved.applied, max_position: options.maxPosition ?? Infinity });
  }

  get profileName(): string {
    return this.resolved.name;
  }

  get appliedProfile(): Readonly<AppliedProfile> {
    return this.resolved.applied;
  }

  get runtimeAdjustments(): readonly RuntimeAdjustment[] {
    return this.resolved.provenance.runtime_adjustments;
  }

  get resolvedProfile(): ResolvedProfile {
    return this.resolved;
  }

  /** Decisions that wanted an order action; incrementing it counts attempts in the current window too. */
  get totalIterations(): number {
    return this.attempts;
  }

  set totalIterations(value: number) {
    this.windowAttempts += value - this.attempts;
    this.attempts = value;
  }

  /** Counts a block. An unknown reason is a bug in the caller, not something to count silently. */
  recordBlock(reason: BlockReason): void {
    if (!(BLOCK_REASONS as readonly string[]).includes(reason)) {
      throw new TypeError(`unknown block reason ${JSON.stringify(reason)} (known: ${BLOCK_REASONS.join(', ')})`);
    }
    this.countBlock(reason);
  }

  private countBlock(reason: BlockReason): void {
    this.blockedBy[reason] += 1;
    this.windowBlockedBy[reason] += 1;
  }

  /**
   * Counts the attempt, asks the guard and counts the block if any. Returns the reason, or undefined when the
   * action may go (the guard has then recorded it as sent; call `onAck` when it is acknowledged).
   */
  check(kind: ActionKind, side: Side, qty: number, nowUs: number): BlockReason | undefined {
    return this.checkIntent(kind, side, qty, nowUs, true, undefined);
  }

  /**
   * As `check`, for an intent (SPEC 8): a wanted action blocked and still wanted on the next event is the same
   * attempt. `fresh` counts a new attempt; a block is counted once per intent and reason (`lastReason` is the
   * reason that last blocked this intent), so a wait counts once, not once per market event.
   */
  checkIntent(kind: ActionKind, side: Side, qty: number, nowUs: number, fresh: boolean, lastReason: BlockReason | undefined): BlockReason | undefined {
    if (fresh) {
      this.attempts += 1;
      this.windowAttempts += 1;
    }
    const reason = this.guard.check(kind, side, qty, nowUs);
    if (reason === undefined) this.executed += 1;
    else if (fresh || reason !== lastReason) this.countBlock(reason);
    return reason;
  }

  onAck(): void {
    this.guard.onAck();
  }

  /**
   * End of an evaluation window: raise min_interval_ms by a step when more than the configured share of the
   * window's attempts were blocked by it (bounded: a ceiling and a number of raises in a row), step it back
   * toward the profile's value when blocks fall; record the adjustment, then start a fresh window. Returns the
   * adjustment made.
   */
  checkAndAdjustMinInterval(ts = 0): RuntimeAdjustment | undefined {
    const now = this.resolved.applied.min_interval_ms;
    const { tune, state } = tuneMinInterval({ ...this.tuner, currentMs: now }, this.windowBlockedBy.min_interval, this.windowAttempts, this.autoTune);
    this.tuner = state;
    this.windowBlockedBy = zeroCounts();
    this.windowAttempts = 0;
    if (!tune) return undefined;
    const reason = tune.kind === 'raise' ? 'auto_min_interval' : 'auto_min_interval_revert';
    const adjustment: RuntimeAdjustment = { ts, field: 'min_interval_ms', from: tune.from, to: tune.to, reason };
    this.resolved = withAdjustment(this.resolved, adjustment);
    this.guard.setMinIntervalMs(tune.to);
    this.log(minIntervalAdjustMarker(tune));
    return adjustment;
  }

  /**
   * The edge policy's switch: quote `to` from now on (its limits in the guard, its own auto-tune state). A
   * profile switched back to resumes as it was left. Recorded in the provenance (`profile_switches`).
   */
  switchProfile(to: ResolvedProfile, ts: number, reason: string): ProfileSwitch {
    const from = this.resolved.name;
    this.quoted.set(from, this.resolved);
    const next = this.quoted.get(to.name) ?? to;
    const sw: ProfileSwitch = { ts, from, to: next.name, reason };
    this.switches.push(sw);
    this.resolved = { ...next, provenance: { ...next.provenance, profile_switches: [...this.switches] } };
    this.guard.setLimits(this.resolved.applied);
    const ms = this.resolved.applied.min_interval_ms;
    this.tuner = { currentMs: ms, baseMs: to.applied.min_interval_ms, consecutiveRaises: 0 };
    return sw;
  }

  get profileSwitches(): readonly ProfileSwitch[] {
    return this.switches;
  }

  /** Writes the applied profile and provenance (default `artifacts/soak/applied_profile.json`); returns the path. */
  saveAppliedProfile(path: string = join(this.root, DEFAULT_SOAK_DIR, APPLIED_PROFILE_FILE)): string {
    saveAppliedProfile(path, this.resolved);
    return path;
  }
}
