import type { Board, EventElement, JsonSchema } from '../../../model/board/types.ts';
import { minimise } from './minimise.ts';
import type { Counts, Disagreement } from './run-board.ts';
import type { InProcess } from './service-side.ts';
import { compare, normalise, workbenchVerdict, type ServiceAnswer, type WorkbenchVerdict } from './verdict.ts';

/**
 * In-process, with the generated service's own validation module: the smallest case of a
 * disagreement, and the examples `check` validated, validated again as the service's tests and
 * its start will meet them.
 */

export const describeWorkbench = (v: WorkbenchVerdict) =>
  !v.compiled ? `does not compile: ${v.message}` : v.ok ? 'accepts' : `refuses: ${v.errors.join('; ')}`;
export const describeService = (a: ServiceAnswer) =>
  a.status === 0
    ? `cannot compile: ${a.message}`
    : `${a.status}${a.errors ? ` ${JSON.stringify(a.errors)}` : a.message ? ` ${a.message}` : ''}`;

type Case = { schema: unknown; instance: unknown };

function minimalOf(
  start: Case,
  holds: (c: Case) => boolean,
  inProcess: InProcess,
): NonNullable<Disagreement['minimal']> {
  const small = minimise(start, holds);
  return {
    ...small,
    workbench: describeWorkbench(workbenchVerdict(small.schema, small.instance)),
    service: describeService(inProcess(small.schema, small.instance)),
  };
}

/** The minimal case of a disagreement seen over HTTP, when the module shows the same in-process. */
export function minimalCase(
  schema: unknown,
  instance: unknown,
  cls: string,
  inProcess: InProcess,
): Pick<Disagreement, 'minimal'> {
  const classOf = (c: Case) => {
    const verdict = compare(workbenchVerdict(c.schema, c.instance), inProcess(c.schema, c.instance));
    return verdict.agree ? undefined : verdict.class;
  };
  if (classOf({ schema, instance }) !== cls) return {};
  return { minimal: minimalOf({ schema, instance }, (c) => classOf(c) === cls, inProcess) };
}

/** Every schema of the context with the examples that go with it: event versions, scenario payloads. */
function examplesOf(
  board: Board,
  contextId: string,
): Map<string, { schema: JsonSchema; examples: Array<{ where: string; value: unknown }> }> {
  const bySchema = new Map<string, { schema: JsonSchema; examples: Array<{ where: string; value: unknown }> }>();
  const add = (schema: JsonSchema, where?: string, value?: unknown) => {
    const key = JSON.stringify(schema);
    if (!bySchema.has(key)) bySchema.set(key, { schema, examples: [] });
    if (where !== undefined) bySchema.get(key)!.examples.push({ where, value });
  };
  for (const element of board.elements) {
    if (element.context !== contextId) continue;
    if (element.kind === 'event') {
      for (const version of (element as EventElement).versions ?? []) {
        add(version.schema);
        version.examples?.forEach((example, i) =>
          add(version.schema, `${element.name} v${version.version} example ${i + 1}`, example),
        );
      }
    }
    if (element.kind === 'command' && element.schema !== undefined) {
      add(element.schema);
      for (const aggregate of board.elements) {
        if (aggregate.kind !== 'aggregate' || aggregate.context !== contextId) continue;
        for (const scenario of aggregate.scenarios ?? [])
          if (scenario.when.command === element.name)
            add(element.schema, `${element.name} in scenario "${scenario.name}"`, scenario.when.data ?? {});
      }
    }
  }
  return bySchema;
}

export function recheckExamples(board: Board, contextId: string, inProcess: InProcess, counts: Counts): Disagreement[] {
  const found: Disagreement[] = [];
  for (const { schema, examples } of examplesOf(board, contextId).values()) {
    if (!compileOk(schema)) continue;
    // A schema the service cannot compile stops it at its start: one finding per schema.
    const compiled = inProcess(schema, {});
    if (compiled.status === 0) {
      const message = normalise(compiled.message ?? '');
      const holds = (c: Case) =>
        compileOk(c.schema) &&
        inProcess(c.schema, {}).status === 0 &&
        normalise(inProcess(c.schema, {}).message ?? '') === message;
      found.push({
        class: `the service cannot compile a schema the workbench compiles: ${message}`,
        where: `${board.name} / ${contextId}`,
        schema,
        workbench: 'compiles',
        service: describeService(compiled),
        minimal: minimalOf({ schema, instance: {} }, holds, inProcess),
      });
      continue;
    }
    for (const example of examples) {
      counts.examplesRechecked++;
      const workbench = workbenchVerdict(schema, example.value);
      // Only an example the workbench accepts is a promise the service must keep.
      if (!workbench.compiled || !workbench.ok) continue;
      const verdict = compare(workbench, inProcess(schema, example.value));
      if (verdict.agree) continue;
      found.push({
        class: `example in-process: ${verdict.class}`,
        where: `${board.name} / ${example.where}`,
        schema,
        instance: example.value,
        workbench: describeWorkbench(workbench),
        service: describeService(inProcess(schema, example.value)),
        ...minimalCase(schema, example.value, verdict.class, inProcess),
      });
    }
  }
  return found;
}

function compileOk(schema: unknown): boolean {
  return workbenchVerdict(schema, {}).compiled;
}
