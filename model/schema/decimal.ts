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

/** -1, 0 or 1, exactly. */
export function compareDecimal(a: number, b: number): number {
  const [x, y] = align(toDecimal(a), toDecimal(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether `value` is an integer multiple of `divisor` (divisor > 0), exactly. */
export function isMultiple(value: number, divisor: number): boolean {
  const [x, y] = align(toDecimal(value), toDecimal(divisor));
  if (y === 0n) return false;
  return x % y === 0n;
}

/** The largest integer not above `value`, exactly (as a number; schema bounds are small). */
export function floorDecimal(value: number): number {
  const d = toDecimal(value);
  if (d.exponent >= 0) return value;
  const scale = 10n ** BigInt(-d.exponent);
  let q = d.digits / scale;
  if (d.digits < 0n && q * scale !== d.digits) q -= 1n;
  return Number(q);
}

export function ceilDecimal(value: number): number {
  return -floorDecimal(-value);
}

export function isIntegerValue(value: number): boolean {
  return Number.isInteger(value);
}
