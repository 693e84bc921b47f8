import { compile } from 'json-schema-to-typescript';
import type { JsonSchema } from '../../model/board/types.ts';
import type { ServicePlan } from '../plan/service-plan.ts';

const PLACEHOLDER = 'StormbenchGeneratedRoot';

/**
 * TypeScript types for every version of every event and for every command, from their JSON
 * Schemas (json-schema-to-typescript). Undeclared properties get no index signature: the service
 * strips them before appending.
 */
export async function emitTypes(plan: ServicePlan, banner: string): Promise<string> {
  const parts: string[] = [banner];
  for (const event of plan.events) {
    for (const v of event.versions)
      parts.push(
        await typeOf(
          v.schema,
          `${event.tsName}V${v.version}`,
          `${event.name}, version ${v.version}${event.own ? '' : ` (of the context ${event.context})`}`,
        ),
      );
    const last = event.versions[event.versions.length - 1]!.version;
    parts.push(
      `/** ${doc(event.name)}: the current version, as domain code sees every stored version after upcasting. */\nexport type ${event.tsName} = ${event.tsName}V${last};\n`,
    );
    parts.push(
      `/** ${doc(event.name)}: any version as it may sit in the log. */\nexport type ${event.tsName}AnyVersion = ${event.versions.map((v) => `${event.tsName}V${v.version}`).join(' | ')};\n`,
    );
  }
  for (const command of plan.commands)
    parts.push(await typeOf(command.schema, command.tsName, `the payload of the command ${command.name}`));
  return parts.join('\n');
}

/** One TypeScript type, named `name`, for a JSON Schema (json-schema-to-typescript). */
export async function typeOf(schema: JsonSchema, name: string, description: string): Promise<string> {
  const cleaned = clean(schema) as Record<string, unknown>;
  delete cleaned.$id;
  cleaned.description = description;
  let text = await compile(cleaned as never, PLACEHOLDER, {
    bannerComment: '',
    format: false,
    additionalProperties: false,
    declareExternallyReferenced: true,
    unreachableDefinitions: false,
    strictIndexSignatures: false,
    $refOptions: { resolve: { external: false } } as never,
  });
  // The root is compiled under a fixed ASCII name, then renamed: board names may be in any script.
  text = text.replace(new RegExp(`\\b${PLACEHOLDER}\\b`, 'g'), name);
  // Inner types named by json-schema-to-typescript are namespaced by the root's name.
  return text;
}

/** A schema without titles (which would become shared type names) and without `$schema`. */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'title' || key === '$schema' || key === 'tsType') continue;
    Object.defineProperty(out, key, {
      value: key === 'properties' ? cleanProperties(inner) : clean(inner),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function cleanProperties(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value))
    Object.defineProperty(out, key, { value: clean(inner), enumerable: true, writable: true, configurable: true });
  return out;
}

function doc(text: string): string {
  return text.replace(/\*\//g, '* /').replace(/[\r\n]+/g, ' ');
}
