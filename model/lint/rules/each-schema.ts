import type { Element, JsonSchema } from '../../board/types.ts';
import type { RuleContext } from '../rule.ts';

/**
 * Calls `check` for each schema a board holds: the schema of every command and read model, and
 * every version of every event, with its JSON pointer and how a message names it.
 */
export function eachSchema(
  ctx: RuleContext,
  check: (element: Element, schema: JsonSchema, pointer: string, what: string) => void,
): void {
  for (const element of ctx.board.elements) {
    const at = `/elements/${ctx.elementIndex(element.id)}`;
    if (element.kind === 'event')
      element.versions?.forEach((v, i) =>
        check(element, v.schema, `${at}/versions/${i}/schema`, `schema of version ${v.version}`),
      );
    else if ((element.kind === 'command' || element.kind === 'readModel') && element.schema !== undefined)
      check(element, element.schema, `${at}/schema`, 'schema');
  }
}
