/**
 * Exact decimal arithmetic for the numbers a JSON Schema holds (`multipleOf: 0.01` must divide
 * `0.03`, which float modulo gets wrong). A value is `digits × 10^exponent` with a BigInt `digits`;
 * the digits are taken from the number's shortest decimal text, which is what the author wrote.
 */
export interface Decimal {
  readonly digits: bigint;
  readonly exponent: number;
}

export function toDecimal(value: number): Decimal {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
  const text = String(value);
  const [mantissa = '0', exp = '0'] = text.toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const unsigned = negative ? mantissa.slice(1) : mantissa;
  const [whole = '0', fraction = ''] = unsigned.split('.');
  let digits = BigInt(whole + fraction);
  if (negative) digits = -digits;
  return { digits, exponent: Number(exp) - fraction.length };
}

function align(a: Decimal, b: Decimal): [bigint, bigint] {
  const e = Math.min(a.exponent, b.exponent);
  return [a.digits * 10n ** BigInt(a.exponent - e), b.digits * 10n ** BigInt(b.exponent - e)];
}

/**
 * -1, 0 or 1. Doubles are ordered exactly, and two decimals a person writes map to the same double
 * only past 17 significant digits, so ordering needs no decimal arithmetic; divisibility does.
 */
export function compareDecimal(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether `value` is an integer multiple of `divisor` (divisor > 0), exactly. */
export function isMultiple(value: number, divisor: number): boolean {
  const [x, y] = align(toDecimal(value), toDecimal(divisor));
  if (y === 0n) return false;
  return x % y === 0n;
}

/** The largest integer not above `value` (exact: flooring a double loses nothing). */
export function floorDecimal(value: number): number {
  return Math.floor(value);
}

export function ceilDecimal(value: number): number {
  return Math.ceil(value);
}

export function isIntegerValue(value: number): boolean {
  return Number.isInteger(value);
}
