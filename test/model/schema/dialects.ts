/**
 * Rewrites a 2020-12 schema in another draft's words, meaning kept wherever that draft can say it:
 * `prefixItems` become a tuple `items` list (with `additionalItems` for the rest),
 * `dependentRequired`/`dependentSchemas` become `dependencies`, numeric exclusive bounds become
 * draft-04's booleans. Keywords the draft lacks (`unevaluated*` before 2019-09, `if` in draft-06)
 * stay, and so mean nothing there: the oracle then checks that the engine ignores them too.
 * `inferred-07` is draft-07 without `$schema`, which the workbench reads as draft-07 only when
 * the schema uses a draft-07 form.
 */
export type Dialect = '2020-12' | '2019-09' | 'draft-07' | 'inferred-07' | 'draft-06' | 'draft-04';
export const DIALECTS: readonly Dialect[] = ['2020-12', '2019-09', 'draft-07', 'inferred-07', 'draft-06', 'draft-04'];

const URI: Record<Exclude<Dialect, 'inferred-07'>, string> = {
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  'draft-06': 'http://json-schema.org/draft-06/schema#',
  'draft-04': 'http://json-schema.org/draft-04/schema#',
};

type Schema = Record<string, unknown>;
const DATA = new Set(['enum', 'const', 'default', 'examples']);

export function inDialect(schema: unknown, dialect: Dialect): unknown {
  if (dialect === '2020-12') return schema;
  const out = rewrite(schema, dialect);
  if (typeof out === 'object' && out !== null && !Array.isArray(out) && dialect !== 'inferred-07')
    return { $schema: URI[dialect], ...(out as Schema) };
  return out;
}

function rewrite(node: unknown, dialect: Dialect): unknown {
  if (Array.isArray(node)) return node.map((n) => rewrite(n, dialect));
  if (typeof node !== 'object' || node === null) return node;
  const s = node as Schema;
  const out: Schema = {};
  for (const key of Object.keys(s)) {
    Object.defineProperty(out, key, {
      value: DATA.has(key) ? s[key] : rewrite(s[key], dialect),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (Array.isArray(out.prefixItems)) {
    out.items = out.prefixItems;
    delete out.prefixItems;
    if (Object.hasOwn(s, 'items')) out.additionalItems = rewrite(s.items, dialect);
    else delete out.additionalItems;
  }
  if (dialect !== '2019-09') {
    const dependencies: Schema = {};
    for (const key of ['dependentRequired', 'dependentSchemas']) {
      if (typeof out[key] === 'object' && out[key] !== null) Object.assign(dependencies, out[key]);
      delete out[key];
    }
    if (Object.keys(dependencies).length > 0) out.dependencies = dependencies;
  }
  if (dialect === 'draft-04') {
    // Draft-04 has no boolean schemas where a schema alone is expected.
    for (const key of ['items', 'contains', 'not', 'propertyNames'])
      if (typeof out[key] === 'boolean') out[key] = out[key] ? {} : { not: {} };
    if (out.const !== undefined) {
      out.enum = [out.const];
      delete out.const;
    }
    for (const [exclusive, inclusive] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (typeof out[exclusive] !== 'number') continue;
      // The tighter of the two, in draft-04's form: one bound and a flag.
      const e = out[exclusive] as number;
      const i = out[inclusive] as number | undefined;
      const keepInclusive = i !== undefined && (inclusive === 'minimum' ? i > e : i < e);
      if (keepInclusive) delete out[exclusive];
      else {
        out[inclusive] = e;
        out[exclusive] = true;
      }
    }
  }
  return out;
}

/**
 * The same schema in words json-schema-faker understands (it knows `prefixItems` but not a tuple
 * `items` list, nor draft-04's boolean bounds): only for drawing samples, which are then checked
 * against the real schema in its own draft.
 */
export function forFaker(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forFaker);
  if (typeof node !== 'object' || node === null) return node;
  const s = node as Schema;
  const out: Schema = {};
  for (const key of Object.keys(s))
    Object.defineProperty(out, key, {
      value: DATA.has(key) ? s[key] : forFaker(s[key]),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  if (Array.isArray(out.items)) {
    out.prefixItems = out.items;
    if (Object.hasOwn(out, 'additionalItems')) out.items = out.additionalItems;
    else delete out.items;
    delete out.additionalItems;
  }
  for (const [exclusive, inclusive] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[exclusive] === true && typeof out[inclusive] === 'number') {
      out[exclusive] = out[inclusive];
      delete out[inclusive];
    } else if (out[exclusive] === false) delete out[exclusive];
  }
  if (typeof out.dependencies === 'object' && out.dependencies !== null) {
    const required: Schema = {};
    const schemas: Schema = {};
    for (const [name, dep] of Object.entries(out.dependencies as Schema))
      (Array.isArray(dep) ? required : schemas)[name] = dep;
    out.dependentRequired = required;
    out.dependentSchemas = schemas;
    delete out.dependencies;
  }
  delete out.$schema;
  return out;
}
