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
