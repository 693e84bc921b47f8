import fc from 'fast-check';
import type {
  Board,
  CompatibilityLevel,
  Element,
  EventVersion,
  JsonSchema,
  Link,
  Scenario,
} from '../../model/board/types.ts';
import { toIdentifier } from '../../model/names/identifiers.ts';
import {
  DIALECTS,
  fieldSpecArb,
  objectSpecArb,
  payloadSchema,
  type Dialect,
  type Field,
  type FieldSpec,
  type ObjectSpec,
} from './arbitrary/fields.ts';
import { objectValue, valueOf } from './arbitrary/values.ts';

/**
 * Random but realistic boards: bounded contexts with aggregates, each handling commands that emit
 * events (command → aggregate sticky → event, as the generator reads it), events with several
 * versions where each step adds an optional field (with or without a default: steps the engine
 * upcasts by itself), schemas in every dialect with the keywords the field table and the JSON
 * editor offer, examples and scenarios drawn from those schemas. Built to pass `check`; a board
 * that does not is reported by the harness, never dropped silently.
 */

export interface CommandCase {
  contextId: string;
  name: string;
  /** The HTTP path segment: POST /commands/{path}. */
  path: string;
  spec: ObjectSpec;
  dialect: Dialect;
  schema: JsonSchema;
  /** The payloads of its scenarios: examples the workbench checks. */
  examples: Array<Record<string, unknown>>;
}

export interface DrawnBoard {
  board: Board;
  commands: CommandCase[];
}

const CONTEXTS = ['Sales', 'Billing', 'Shipping', 'Support'];
/** Nouns no verb stem below begins a word of (see narrow() in generator/plan/plan.ts). */
const NOUNS = ['Order', 'Invoice', 'Ticket', 'Account', 'Parcel', 'Member', 'Claim', 'Quote'];
const VERBS: Array<[string, string]> = [
  ['Place', 'placed'],
  ['Cancel', 'cancelled'],
  ['Confirm', 'confirmed'],
  ['Approve', 'approved'],
  ['Reject', 'rejected'],
  ['Open', 'opened'],
  ['Close', 'closed'],
  ['Update', 'updated'],
  ['Submit', 'submitted'],
  ['Register', 'registered'],
];
/** Fields a later event version adds; none of them is a name fields.ts gives a command field. */
const NEW_FIELDS = ['source', 'remark', 'loyaltyPoints', 'region', 'campaign'];
const LEVELS: CompatibilityLevel[] = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
];

export interface BoardOptions {
  maxContexts?: number;
  /** The `$schema` dialects to draw from (default: all of them). */
  dialects?: readonly Dialect[];
}

type Draw = <T>(arb: fc.Arbitrary<T>) => T;

export function boardArb(options: BoardOptions = {}): fc.Arbitrary<DrawnBoard> {
  const dialects = fc.constantFrom(...(options.dialects ?? DIALECTS));
  return fc.gen().map((g) => buildBoard((arb) => g(() => arb), options.maxContexts ?? 2, dialects));
}

function buildBoard(draw: Draw, maxContexts: number, dialectArb: fc.Arbitrary<Dialect>): DrawnBoard {
  const elements: Element[] = [];
  const links: Link[] = [];
  const commands: CommandCase[] = [];
  let n = 0;
  const id = (prefix: string) => `${prefix}-${++n}`;
  const place = () => ({ x: (n % 8) * 220, y: Math.floor(n / 8) * 160, width: 160, height: 100 });
  const link = (from: string, to: string) => links.push({ id: id('l'), from, to });

  const contextNames = draw(fc.shuffledSubarray(CONTEXTS, { minLength: 1, maxLength: maxContexts }));
  const nouns = draw(
    fc.shuffledSubarray(NOUNS, { minLength: contextNames.length * 2, maxLength: contextNames.length * 2 }),
  );
  const contexts = contextNames.map((name, i) => ({
    id: toIdentifier(name).kebab,
    name,
    x: 0,
    y: i * 1000,
    width: 2000,
    height: 900,
  }));
  const emittedByContext = new Map<string, string[]>();

  for (const [ci, context] of contexts.entries()) {
    const actor = { id: id('actor'), kind: 'actor' as const, name: 'Customer', context: context.id, ...place() };
    elements.push(actor);
    const aggregateCount = draw(fc.integer({ min: 1, max: 2 }));
    for (const noun of nouns.slice(ci * 2, ci * 2 + aggregateCount)) {
      const idField = draw(fc.constantFrom<string | undefined>(undefined, 'reference', `${noun.toLowerCase()}Number`));
      const idName = idField ?? `${toIdentifier(noun).camel}Id`;
      const idSpec = draw(idSpecArb);
      const verbs = draw(fc.shuffledSubarray(VERBS, { minLength: 1, maxLength: 2 }));
      // Sometimes the aggregate stands twice on the board, each sticky with its own command.
      const stickies = draw(fc.integer({ min: 1, max: verbs.length }));
      const aggregateStickies = Array.from({ length: stickies }, () => ({
        id: id('agg'),
        kind: 'aggregate' as const,
        name: noun,
        context: context.id,
        ...place(),
        ...(idField ? { idField } : {}),
        scenarios: [] as Scenario[],
      }));
      aggregateStickies.forEach((s) => elements.push(s));
      verbs.forEach(([verb, past], vi) => {
        const sticky = aggregateStickies[vi % stickies]!;
        const commandName = `${verb} ${noun.toLowerCase()}`;
        const eventName = `${noun} ${past}`;
        const spec = draw(
          objectSpecArb(2, 1, 4, [idName]).map((o) => ({
            ...o,
            fields: [{ name: idName, spec: idSpec, required: true }, ...o.fields],
          })),
        );
        const dialect = draw(dialectArb);
        const schema = payloadSchema(spec, dialect);
        const command = {
          id: id('cmd'),
          kind: 'command' as const,
          name: commandName,
          context: context.id,
          ...place(),
          schema,
        };
        const event = buildEvent(draw, id('evt'), eventName, context.id, spec, draw(dialectArb));
        elements.push(command, { ...event.element, ...place() });
        link(actor.id, command.id);
        link(command.id, sticky.id);
        link(sticky.id, event.element.id);
        emittedByContext.set(context.id, [...(emittedByContext.get(context.id) ?? []), event.element.id]);
        const examples = draw(fc.array(objectValue(spec), { minLength: 1, maxLength: 2 }));
        examples.forEach((data, k) => {
          sticky.scenarios.push({
            name: `${commandName} ${k + 1}`,
            when: { command: commandName, data },
            then: [{ event: eventName, data: defaultEventData(data, event.current) }],
          });
        });
        commands.push({
          contextId: context.id,
          name: commandName,
          path: toIdentifier(commandName).kebab,
          spec,
          dialect,
          schema,
          examples,
        });
      });
    }
    if (draw(fc.boolean())) {
      const readModel = {
        id: id('rm'),
        kind: 'readModel' as const,
        name: `${context.name} overview`,
        context: context.id,
        ...place(),
      };
      elements.push(readModel);
      for (const event of emittedByContext.get(context.id) ?? []) link(event, readModel.id);
    }
  }
  // Two contexts: a policy in the second reacts to an event of the first (integration through the log).
  if (contexts.length > 1 && draw(fc.boolean())) {
    const source = emittedByContext.get(contexts[0]!.id)![0]!;
    const target = commands.find((c) => c.contextId === contexts[1]!.id)!;
    const commandId = elements.find(
      (e) => e.kind === 'command' && e.name === target.name && e.context === target.contextId,
    )!.id;
    const policy = {
      id: id('pol'),
      kind: 'policy' as const,
      name: `Follow up ${contexts[0]!.name.toLowerCase()}`,
      context: contexts[1]!.id,
      ...place(),
    };
    elements.push(policy);
    link(source, policy.id);
    link(policy.id, commandId);
  }
  const board: Board = {
    format: 'stormbench.board',
    formatVersion: 1,
    name: `Differential ${contextNames.join(' and ')}`,
    contexts,
    elements,
    links,
  };
  return { board, commands };
}

const idSpecArb: fc.Arbitrary<FieldSpec> = fc.constantFrom<FieldSpec>(
  { kind: 'string', minLength: 1 },
  { kind: 'string', format: 'uuid' },
  { kind: 'string', pattern: '^[A-Z]{3}-[0-9]{4}$' },
  { kind: 'integer', minimum: 1 },
);

/**
 * An event whose first version carries the id and some of the command's fields, and whose later
 * versions each add one optional field: one the command has and the event did not carry yet, or a
 * new one; with a default half of the time.
 */
function buildEvent(
  draw: Draw,
  elementId: string,
  name: string,
  contextId: string,
  command: ObjectSpec,
  dialect: Dialect,
): { element: Element; current: ObjectSpec } {
  const [idField, ...rest] = command.fields;
  const carried = draw(fc.subarray(rest));
  let fields: Field[] = [idField!, ...carried];
  const versionCount = draw(fc.integer({ min: 1, max: 3 }));
  const versions: EventVersion[] = [];
  for (let v = 1; v <= versionCount; v++) {
    if (v > 1) {
      const taken = new Set(fields.map((f) => f.name));
      const fromCommand = rest.filter((f) => !taken.has(f.name));
      const added: { name: string; spec: FieldSpec } =
        fromCommand.length > 0 && draw(fc.boolean())
          ? draw(fc.constantFrom(...fromCommand))
          : {
              name: draw(
                fc.constantFrom(
                  ...NEW_FIELDS.filter((c) => !taken.has(c) && !command.fields.some((f) => f.name === c)),
                ),
              ),
              spec: draw(fieldSpecArb(1)),
            };
      const withDefault = added.spec.kind !== 'object' && added.spec.kind !== 'array' && draw(fc.boolean());
      const spec = withDefault ? { ...added.spec, default: draw(valueOf(added.spec)) } : added.spec;
      fields = [...fields, { name: added.name, spec, required: false }];
    }
    const spec: ObjectSpec = { kind: 'object', fields };
    const examples = draw(fc.array(objectValue(spec), { minLength: 1, maxLength: 2 }));
    versions.push({ version: v, schema: payloadSchema(spec, dialect), examples });
  }
  const compatibility = draw(fc.constantFrom(...LEVELS));
  const element = {
    id: elementId,
    kind: 'event' as const,
    name,
    context: contextId,
    x: 0,
    y: 0,
    width: 160,
    height: 100,
    compatibility,
    versions,
  };
  return { element, current: { kind: 'object', fields } };
}

/**
 * What the generated default decider emits for a command (docs/generator.md): the command's fields
 * the event's current version declares, then the defaults of the ones it lacks. Written out here
 * rather than imported, so that a scenario is a second opinion on the generator, not a copy.
 */
export function defaultEventData(command: Record<string, unknown>, event: ObjectSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of event.fields) {
    const value = Object.hasOwn(command, field.name) ? command[field.name] : field.spec.default;
    if (value !== undefined)
      Object.defineProperty(out, field.name, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
