/**
 * What the generated default decider and default reactions put into a payload: the fields of the
 * source that the target schema declares, and the target's defaults for the rest. The skeleton
 * works before anyone writes a rule.
 */
export function fieldsFor<T = Record<string, unknown>>(source: object, targetSchema: object): T {
  const properties = (targetSchema as { properties?: Record<string, unknown> }).properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(properties)) {
    if (Object.hasOwn(source, name)) define(out, name, (source as Record<string, unknown>)[name]);
    else if (typeof schema === 'object' && schema !== null && Object.hasOwn(schema, 'default'))
      define(out, name, structuredClone((schema as { default: unknown }).default));
  }
  return out as T;
}

/**
 * The default reaction of a policy: the command's fields taken from the event; the id of the
 * aggregate it is for, when the event does not carry it, derived from the event's id (so that
 * reprocessing the event addresses the same aggregate).
 */
export function commandFromEvent<T = Record<string, unknown>>(
  event: { data: object; meta?: { id: string } },
  commandSchema: object,
  idField: string,
): T {
  const data = fieldsFor<Record<string, unknown>>(event.data, commandSchema);
  if (!Object.hasOwn(data, idField) && event.meta) define(data, idField, event.meta.id);
  return data as T;
}

/** The first of `fields` that the payload carries as a string or number, as the row's id. */
export function keyFrom(data: object, fields: readonly string[]): string | undefined {
  for (const field of fields) {
    const value = Object.hasOwn(data, field) ? (data as Record<string, unknown>)[field] : undefined;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return undefined;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
