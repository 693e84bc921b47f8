import { decimalOf, isMultipleOf } from '../json-schema/validator-setup.ts';

/**
 * Exact decimal arithmetic for the numbers a JSON Schema holds (`multipleOf: 0.01` must divide
 * `0.03`, which float modulo gets wrong). A value is `digits × 10^exponent` with a BigInt `digits`;
 * the digits are taken from the number's shortest decimal text, which is what the author wrote.
 */

/**
 * -1, 0 or 1. Doubles are ordered exactly, and two decimals a person writes map to the same double
 * only past 17 significant digits, so ordering needs no decimal arithmetic; divisibility does.
 */
export function compareDecimal(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

/** The one exact divisibility rule, shared with the validators of the workbench and the services. */
export const isMultiple = isMultipleOf;
export const toDecimal = decimalOf;
