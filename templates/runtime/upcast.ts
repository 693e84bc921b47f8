import type { EventDefinition } from './definition.ts';

/** The current (highest) version of an event. */
export function currentVersion(definition: EventDefinition): number {
  return Math.max(...Object.keys(definition.schemas).map(Number));
}

/**
 * Turns a payload of any stored version into the current one by chaining the upcasters
 * v1→v2→v3. A version newer than this service knows is refused: the service is older than the
 * writer and must be regenerated from the newer board.
 */
export function upcast(definition: EventDefinition, version: number, data: unknown): Record<string, unknown> {
  const current = currentVersion(definition);
  if (version > current) {
    throw new Error(`${definition.context}/${definition.type} v${version} is newer than this service knows (v${current}); regenerate it from the current board`);
  }
  let payload = structuredClone(data) as Record<string, unknown>;
  for (let v = version; v < current; v++) {
    const step = definition.upcasters[v];
    if (!step) throw new Error(`${definition.type}: no upcaster from v${v} to v${v + 1}`);
    payload = step(payload);
  }
  return payload;
}

/** One mechanical step: drop removed optional properties, fill added defaulted ones. */
export function mechanicalStep(data: Record<string, unknown>, step: { drop: readonly string[]; fill: Record<string, unknown> }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(data)) if (!step.drop.includes(key)) define(out, key, data[key]);
  for (const key of Object.keys(step.fill)) if (!Object.hasOwn(out, key)) define(out, key, structuredClone(step.fill[key]));
  return out;
}

/** A step a person must write: until they do, reading an event of the old version fails loudly. */
export class UpcasterNotWritten extends Error {
  constructor(what: string) {
    super(`${what} is not written yet; see the file named in the stack`);
    this.name = 'UpcasterNotWritten';
  }
}

// Own properties even for keys such as "__proto__": payloads are data, never prototypes.
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
