import type { Draft } from '../json-schema/ajv.ts';
import { isObject } from './json.ts';

/**
 * Which keywords mean something in each draft. The engine reads a keyword exactly when the
 * workbench's validator (model/json-schema/validator-setup.ts, which every generated service
 * copies) applies it in that draft, so a verdict is about what services really accept:
 * - before 2019-09 there is no `prefixItems`, `dependentRequired`, `dependentSchemas`,
 *   `unevaluated*`, `minContains`/`maxContains` or dynamic reference;
 * - draft-06 has no `if`/`then`/`else` (the validator set-up removes them);
 * - 2019-09 writes tuples as an `items` list with `additionalItems`, so `prefixItems` is no keyword;
 * - 2020-12 has no `additionalItems` (and refuses an `items` list outright).
 * Where ajv applies a keyword the draft's text does not have (`dependencies` in 2019-09 and
 * 2020-12; `const`, `contains`, `propertyNames`, `if` in draft-04), the engine follows ajv.
 */
const LATER = [
  'prefixItems',
  'dependentRequired',
  'dependentSchemas',
  'unevaluatedProperties',
  'unevaluatedItems',
  'minContains',
  'maxContains',
  '$recursiveRef',
  '$dynamicRef',
];

const IGNORED: Readonly<Record<Draft, ReadonlySet<string>>> = {
  '2020-12': new Set(['additionalItems']),
  '2019-09': new Set(['prefixItems']),
  'draft-07': new Set(LATER),
  'draft-06': new Set([...LATER, 'if', 'then', 'else']),
  'draft-04': new Set(LATER),
};

/** Keywords the validator does not apply in this draft: they neither constrain nor count as asserting. */
export function ignoredIn(draft: Draft): ReadonlySet<string> {
  return IGNORED[draft];
}

/** A keyword's value as the draft reads it: undefined when absent, inherited, or no keyword in that draft. */
export function keyword(raw: Record<string, unknown>, key: string, draft: Draft): unknown {
  return Object.hasOwn(raw, key) && !IGNORED[draft].has(key) ? raw[key] : undefined;
}

/**
 * The references of a schema object, as `$ref` texts: `$ref` itself, and (where the draft has
 * them) `$recursiveRef` and `$dynamicRef`, which in a document of one resource name one schema
 * whatever the path that reached them (document.ts refuses the others).
 */
export function referencesOf(raw: Record<string, unknown>, draft: Draft): string[] {
  const out: string[] = [];
  if (typeof raw.$ref === 'string' && Object.hasOwn(raw, '$ref')) out.push(raw.$ref);
  for (const key of ['$recursiveRef', '$dynamicRef']) {
    const value = keyword(raw, key, draft);
    if (typeof value === 'string') out.push(value);
  }
  return out;
}

/** True when a value is a schema object that uses a dynamic reference the draft applies. */
export function usesDynamicRef(value: unknown, draft: Draft): boolean {
  return (
    isObject(value) &&
    (typeof keyword(value, '$recursiveRef', draft) === 'string' ||
      typeof keyword(value, '$dynamicRef', draft) === 'string')
  );
}
