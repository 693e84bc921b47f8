import { generateSync } from 'json-schema-faker';
import type { CommandCase } from '../arbitrary-board.ts';
import { payloadSchema } from '../arbitrary/fields.ts';
import { nearMisses } from '../arbitrary/near-miss.ts';

/**
 * What the harness sends to one command: the payloads of its scenarios (which `check` accepts),
 * json-schema-faker's draws from its schema (a second source of values, decided by the workbench,
 * since a faker's idea of valid is not the workbench's), and near misses of the first example.
 * A draw the faker could not make has `value: undefined` and a label that says why.
 */

export type Source = 'example' | 'faker' | 'near miss';

export interface Instance {
  source: Source;
  label: string;
  value: unknown;
}

export function instancesFor(command: CommandCase, options: { faker: number; seed: number }): Instance[] {
  const out: Instance[] = command.examples.map((value, i) => ({
    source: 'example' as const,
    label: `example ${i + 1}`,
    value,
  }));
  // The faker reads 2019-09 and 2020-12 only: give it the same fields in 2020-12 words.
  const forFaker = payloadSchema(command.spec, 'unsaid') as Record<string, unknown>;
  for (let i = 0; i < options.faker; i++) {
    try {
      out.push({
        source: 'faker',
        label: `faker draw ${i + 1}`,
        value: generateSync(forFaker, { seed: options.seed * 1000 + i, optionalsProbability: 0.5 }),
      });
    } catch (error) {
      // A schema the faker cannot draw from is the faker's limit, not a finding at the seam.
      out.push({
        source: 'faker',
        label: `faker failed: ${error instanceof Error ? error.message : String(error)}`,
        value: undefined,
      });
    }
  }
  for (const miss of nearMisses(command.spec, command.examples[0]!))
    out.push({ source: 'near miss', label: miss.label, value: miss.value });
  return out;
}

/** The value as the service will see it: through JSON, as fetch sends it. */
export function overTheWire(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
