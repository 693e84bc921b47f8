/**
 * The kinds of argument a host operation takes, written once as data so that the same table gives
 * the compiler its argument types (`ArgsOf`) and the receiving side its runtime check
 * (`argumentProblem`): a message from a page is never trusted to have the type the page declared.
 */
export type FieldKind = 'string' | 'string?' | 'boolean' | 'boolean?' | 'string[]';
export type ArgShape = Readonly<Record<string, FieldKind>>;

type ValueOf<F extends FieldKind> = F extends 'string' | 'string?'
  ? string
  : F extends 'boolean' | 'boolean?'
    ? boolean
    : string[];
type Optional<S extends ArgShape> = { [K in keyof S]: S[K] extends `${string}?` ? K : never }[keyof S];
type Flat<T> = { [K in keyof T]: T[K] };

/** The argument object a shape describes; an empty shape takes an empty object and nothing else. */
export type ArgsOf<S extends ArgShape> = [keyof S] extends [never]
  ? Record<string, never>
  : Flat<
      { -readonly [K in Exclude<keyof S, Optional<S>>]: ValueOf<S[K]> } & {
        -readonly [K in Optional<S>]?: ValueOf<S[K]>;
      }
    >;

declare const resultType: unique symbol;
/**
 * A result type riding along in a runtime table for the compiler's sake. Results are only ever
 * produced by our own host, so they need no runtime check; the marker is an empty object.
 */
export interface Returns<T> {
  readonly [resultType]?: T;
}
export function returns<T>(): Returns<T> {
  return {};
}
export type ResultOf<R> = R extends Returns<infer T> ? T : never;

/** A list argument longer than this is not something our page sends. */
const MAX_LIST = 1000;

/**
 * What is wrong with `args` for `shape`, as a sentence naming the argument, or undefined when
 * they fit: an object with known fields only, every required one there, each of its kind.
 */
export function argumentProblem(shape: ArgShape, args: unknown): string | undefined {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return 'arguments must be an object.';
  for (const key of Object.keys(args)) {
    if (!Object.hasOwn(shape, key)) return `unknown argument "${key}".`;
  }
  for (const [key, kind] of Object.entries(shape)) {
    const value = (args as Record<string, unknown>)[key];
    if (value === undefined) {
      if (!kind.endsWith('?')) return `argument "${key}" is missing.`;
      continue;
    }
    if (kind === 'string[]') {
      if (!Array.isArray(value) || value.length > MAX_LIST || !value.every((v) => typeof v === 'string'))
        return `argument "${key}" must be a list of strings.`;
      continue;
    }
    const type = kind.replace('?', '');
    if (typeof value !== type) return `argument "${key}" must be a ${type}.`;
  }
  return undefined;
}
