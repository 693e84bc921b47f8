import { readDraft } from '../../../model/json-schema/validator-setup.ts';
import { isMultiple } from '../../../model/schema/decimal.ts';

/** Filters on the payloads the oracle tries, shared by its tests. */

/**
 * ajv checks `multipleOf` in floating point (`x / m` must be an integer), so it calls 624.3 no
 * multiple of 0.1. The engine is exact. Payloads where ajv's float answer and the exact one differ
 * for a `multipleOf` of either schema are left out: there the validator, not the schema, decides.
 */
export function steps(...schemas: unknown[]): number[] {
  const found: number[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, v] of Object.entries(node)) {
      if (key === 'multipleOf' && typeof v === 'number') found.push(v);
      else if (key !== 'enum' && key !== 'const') visit(v);
    }
  };
  schemas.forEach(visit);
  return found;
}

export function exactForAjv(value: unknown, multiples: number[]): boolean {
  if (typeof value === 'number') return multiples.every((m) => Number.isInteger(value / m) === isMultiple(value, m));
  if (Array.isArray(value)) return value.every((v) => exactForAjv(v, multiples));
  if (typeof value === 'object' && value !== null) return Object.values(value).every((v) => exactForAjv(v, multiples));
  return true;
}

/*
 * The lenient policy assumes writers put no undeclared property into an open object (and readers
 * fill defaults). Its verdicts are checked on exactly those payloads.
 */
/**
 * Whether a payload carries only names its schema declares at that place (in `properties` or
 * `required`, in any branch, through `$ref`s), or that a dictionary (`additionalProperties` as a
 * schema, `patternProperties`) takes. The lenient policy promises nothing about other payloads.
 */
export function declaredOnly(schema: unknown): (value: unknown) => boolean {
  const declared = new Set<string>();
  // `unevaluatedProperties` means something from 2019-09 on only.
  const draft = readDraft(schema)?.draft;
  const modern = draft === '2019-09' || draft === '2020-12';
  const root = schema;
  const seen = new Set<string>();
  const walk = (node: unknown, path: string, depth: number): void => {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || depth > 12) return;
    const o = node as Record<string, unknown>;
    const key = `${path}|${JSON.stringify(o).length}|${Object.keys(o).join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    if (typeof o.$ref === 'string' && o.$ref.startsWith('#')) {
      let target: unknown = root;
      for (const part of o.$ref.slice(2).split('/').filter(Boolean))
        target = (target as Record<string, unknown> | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
      walk(target, path, depth + 1);
    }
    if (o.properties && typeof o.properties === 'object')
      for (const [name, sub] of Object.entries(o.properties)) {
        declared.add(`${path}/${name}`);
        walk(sub, `${path}/${name}`, depth + 1);
      }
    if (Array.isArray(o.required)) for (const name of o.required) declared.add(`${path}/${name}`);
    const dictionary = (v: unknown) => v !== undefined && v !== true && v !== false;
    const unevaluated = modern ? o.unevaluatedProperties : undefined;
    if (dictionary(o.additionalProperties) || dictionary(unevaluated) || o.patternProperties) {
      declared.add(`${path}/*`);
      walk(o.additionalProperties, `${path}/*`, depth + 1);
      walk(unevaluated, `${path}/*`, depth + 1);
      for (const sub of Object.values((o.patternProperties ?? {}) as object)) walk(sub, `${path}/*`, depth + 1);
    }
    // Tuple positions (both spellings) and the rest of the array share one place: `#`.
    for (const k of ['items', 'prefixItems', 'additionalItems', 'unevaluatedItems', 'contains']) {
      const v = o[k];
      if (Array.isArray(v)) for (const sub of v) walk(sub, `${path}/#`, depth + 1);
      else walk(v, `${path}/#`, depth + 1);
    }
    for (const k of ['allOf', 'anyOf', 'oneOf'])
      if (Array.isArray(o[k])) for (const sub of o[k] as unknown[]) walk(sub, path, depth + 1);
    for (const k of ['then', 'else', 'if', 'not']) walk(o[k], path, depth + 1);
    for (const k of ['dependentSchemas', 'dependencies'])
      if (o[k] && typeof o[k] === 'object') for (const sub of Object.values(o[k] as object)) walk(sub, path, depth + 1);
  };
  walk(schema, '', 0);
  const check = (value: unknown, path: string): boolean => {
    if (Array.isArray(value)) return value.every((v) => check(v, `${path}/#`));
    if (typeof value !== 'object' || value === null) return true;
    return Object.keys(value).every((k) => {
      const at = declared.has(`${path}/${k}`) ? `${path}/${k}` : declared.has(`${path}/*`) ? `${path}/*` : undefined;
      return at !== undefined && check((value as Record<string, unknown>)[k], at);
    });
  };
  return (value) => check(value, '');
}
