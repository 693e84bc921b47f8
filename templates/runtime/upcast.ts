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
    throw new Error(
      `${definition.context}/${definition.type} v${version} is newer than this service knows (v${current}); regenerate it from the current board`,
    );
  }
  let payload = structuredClone(data) as Record<string, unknown>;
  for (let v = version; v < current; v++) {
    const step = definition.upcasters[v];
    if (!step) throw new Error(`${definition.type}: no upcaster from v${v} to v${v + 1}`);
    payload = step(payload);
  }
  return payload;
}

/**
 * One mechanical step, by payload pointers (`/address/city`): drop the properties the new version
 * removed, fill in the defaults of the ones it added where they are missing. A default whose
 * parent object is absent is not invented: the parent is optional then.
 */
export function mechanicalStep(
  data: Record<string, unknown>,
  step: { drop: readonly string[]; fill: ReadonlyArray<{ pointer: string; value: unknown }> },
): Record<string, unknown> {
  const out = structuredClone(data);
  for (const pointer of step.drop) {
    const { parent, key } = locate(out, pointer);
    if (parent && Object.hasOwn(parent, key)) delete parent[key];
  }
  for (const { pointer, value } of step.fill) {
    const { parent, key } = locate(out, pointer);
    if (parent && !Object.hasOwn(parent, key)) define(parent, key, structuredClone(value));
  }
  return out;
}

/**
 * The unescaped segments of a payload pointer (`/a~1b` is the property "a/b"). The workbench's
 * model/json-pointer.ts writes these pointers; this service may not import it, so this is a copy,
 * kept equal to it by the workbench's test/model/json-pointer.test.ts.
 */
export function pointerSegments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function locate(
  root: Record<string, unknown>,
  pointer: string,
): { parent: Record<string, unknown> | undefined; key: string } {
  const segments = pointerSegments(pointer);
  const key = segments.pop() ?? '';
  let parent: unknown = root;
  for (const segment of segments) {
    parent = isObject(parent) && Object.hasOwn(parent, segment) ? parent[segment] : undefined;
  }
  return { parent: isObject(parent) ? parent : undefined, key };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A step a person must write: until they do, reading an event of the old version fails loudly. */
export class UpcasterNotWritten extends Error {
  constructor(what: string) {
    super(`the upcaster ${what} is not written yet`);
    this.name = 'UpcasterNotWritten';
  }
}

// Own properties even for keys such as "__proto__": payloads are data, never prototypes.
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
