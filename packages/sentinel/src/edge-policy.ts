/**
 * Edge policy (the original sentinel's job): EMAs of net edge per window; after N consecutive windows with
 * the fast EMA below a threshold, switch to a fallback profile; back only when the slow EMA has recovered.
 * The asymmetry (fast to leave, slow to return) is what keeps it from flapping.
 */
import type { EdgePolicyConfig } from './sentinel-config.js';

export interface EdgeSample {
  /** End of the window, market time (any unit, used for logs). */
  ts: number;
  net_bps: number;
  /** Length of the window in seconds; weights the EMA update. */
  duration_s: number;
}

export interface EdgeDecision {
  ts: number;
  action: 'SWITCH' | 'BACK' | 'HOLD';
  active: string;
  ema_fast: number;
  ema_slow: number;
  bad_windows: number;
  /** The marker line for SWITCH/BACK. */
  marker?: string;
}

export interface PolicyState {
  active: 'primary' | 'fallback';
  badWindows: number;
}

/** One step of the switching rule on given EMA values; pure, so the rule is testable on its own. */
export function policyStep(state: PolicyState, emaFast: number, emaSlow: number, cfg: EdgePolicyConfig): { state: PolicyState; action: EdgeDecision['action'] } {
  if (state.active === 'primary') {
    const bad = emaFast < cfg.switch_below_bps ? state.badWindows + 1 : 0;
    if (bad >= cfg.consecutive_windows) return { state: { active: 'fallback', badWindows: 0 }, action: 'SWITCH' };
    return { state: { active: 'primary', badWindows: bad }, action: 'HOLD' };
  }
  if (emaSlow >= cfg.switch_back_at_bps) return { state: { active: 'primary', badWindows: 0 }, action: 'BACK' };
  return { state, action: 'HOLD' };
}

/** Time-weighted EMA: alpha = 1 - exp(-dt/span), so windows of any length weigh by the time they cover. */
export function emaUpdate(prev: number | undefined, value: number, dtS: number, spanS: number): number {
  if (prev === undefined) return value;
  const alpha = 1 - Math.exp(-Math.max(0, dtS) / spanS);
  return prev + alpha * (value - prev);
}

export class EdgePolicy {
  private state: PolicyState = { active: 'primary', badWindows: 0 };
  private emaFast: number | undefined;
  private emaSlow: number | undefined;

  constructor(
    readonly primary: string,
    readonly config: EdgePolicyConfig,
  ) {}

  get activeProfile(): string {
    return this.state.active === 'primary' ? this.primary : this.config.fallback_profile;
  }

  /** Feeds one window's net edge; returns what the policy decided. */
  observe(sample: EdgeSample): EdgeDecision {
    this.emaFast = emaUpdate(this.emaFast, sample.net_bps, sample.duration_s, this.config.fast_span_s);
    this.emaSlow = emaUpdate(this.emaSlow, sample.net_bps, sample.duration_s, this.config.slow_span_s);
    return this.decide(sample.ts, this.emaFast, this.emaSlow);
  }

  /** Feeds EMA values computed elsewhere (e.g. by a live system) straight to the rule. */
  decide(ts: number, emaFast: number, emaSlow: number): EdgeDecision {
    const from = this.activeProfile;
    const { state, action } = policyStep(this.state, emaFast, emaSlow, this.config);
    this.state = state;
    const decision: EdgeDecision = { ts, action, active: this.activeProfile, ema_fast: emaFast, ema_slow: emaSlow, bad_windows: state.badWindows };
    if (action === 'SWITCH') {
      decision.marker = `| edge_policy | SWITCH | FROM=${from} TO=${this.activeProfile} REASON=ema_fast<${this.config.switch_below_bps}bps_for_${this.config.consecutive_windows}_windows EMA_FAST=${emaFast.toFixed(3)} |`;
    } else if (action === 'BACK') {
      decision.marker = `| edge_policy | SWITCH | FROM=${from} TO=${this.activeProfile} REASON=ema_slow>=${this.config.switch_back_at_bps}bps EMA_SLOW=${emaSlow.toFixed(3)} |`;
    }
    return decision;
  }
}
