import type { JsonSchema } from '../../model/board/types.ts';
import { compareSchemas, isMechanicalStep, SchemaInputError } from '../../model/schema/compare.ts';

/**
 * How one version of an event becomes the next when read. The schema engine decides
 * (model/schema/compare.ts): mechanical when every difference is a property added with a default
 * (filled in when missing), an optional property added (left out), a property removed (dropped)
 * or an annotation changed; anything else needs a person. Pointers are payload pointers
 * (`/address/city`), so nested properties are handled too.
 */
export type StepDecision =
  | { mechanical: true; fill: Array<{ pointer: string; value: unknown }>; drop: string[] }
  | { mechanical: false; reasons: string[] };

export function decideStep(from: JsonSchema, to: JsonSchema): StepDecision {
  try {
    const step = isMechanicalStep(compareSchemas(from, to, { mode: 'BACKWARD', policy: 'lenient' }));
    if (step.mechanical) return { mechanical: true, fill: step.defaults, drop: step.removed };
    return { mechanical: false, reasons: step.blocking.map((d) => d.message.replace(/\.$/, '')) };
  } catch (error) {
    if (error instanceof SchemaInputError) return { mechanical: false, reasons: [error.message.replace(/\.$/, '')] };
    throw error;
  }
}
