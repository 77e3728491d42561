/**
 * Decimal-exact arithmetic for profile values: 0.30 + (-0.10) must be 0.2, not 0.19999999999999998.
 * big.js does the sum on decimal digits; the result goes back to the shortest float that prints the same.
 */
import Big from 'big.js';

export function decimalAdd(a: number, b: number): number {
  return Number(new Big(a).plus(b).toString());
}

export function decimalSub(a: number, b: number): number {
  return Number(new Big(a).minus(b).toString());
}

/** Rounds to `digits` decimals, half away from zero, exactly on the decimal digits. */
export function roundDecimal(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  return Number(new Big(value).round(digits, Big.roundHalfUp).toString());
}
