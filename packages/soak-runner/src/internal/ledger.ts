/**
 * The ledger (SPEC 8): cash, position and the edge decomposition of every fill. For a fill of side s, price P,
 * quantity Q, mid m and the quoter's fresh target T: gross = s(m-T)Q, slippage = s(T-P)Q, fees as signed PnL;
 * inventory = sum of position * change of mid. Their sum equals the change of equity = cash + position * mid,
 * which `identityGap` checks.
 */
export interface EdgeAmounts {
  gross: number;
  slippage: number;
  fees: number;
  inventory: number;
  turnover: number;
  fills: number;
  volume: number;
}

const zeroAmounts = (): EdgeAmounts => ({ gross: 0, slippage: 0, fees: 0, inventory: 0, turnover: 0, fills: 0, volume: 0 });

export class Ledger {
  cash = 0;
  position = 0;
  mid = NaN;
  readonly amounts: EdgeAmounts = zeroAmounts();
  private startEquity = 0;

  /** The mid moved: the position held gains or loses (inventory). */
  markTo(mid: number): void {
    if (this.mid === this.mid) this.amounts.inventory += this.position * (mid - this.mid);
    else this.startEquity = this.cash + this.position * mid;
    this.mid = mid;
  }

  fill(side: 1 | -1, px: number, qty: number, feePnl: number, target: number): void {
    const a = this.amounts;
    a.gross += side * (this.mid - target) * qty;
    a.slippage += side * (target - px) * qty;
    a.fees += feePnl;
    a.turnover += px * qty;
    a.volume += qty;
    a.fills += 1;
    this.cash += -side * px * qty + feePnl;
    this.position += side * qty;
  }

  get equity(): number {
    return this.cash + this.position * (this.mid === this.mid ? this.mid : 0);
  }

  get pnl(): number {
    const a = this.amounts;
    return a.gross + a.slippage + a.fees + a.inventory;
  }

  /** |PnL by decomposition - change of equity|: zero up to float rounding, or the books are wrong. */
  identityGap(): number {
    return Math.abs(this.pnl - (this.equity - this.startEquity));
  }
}
