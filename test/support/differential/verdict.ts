import { compileSchema, describeAjvError } from '../../../model/json-schema/ajv.ts';

/**
 * The two sides of the seam and how their answers are compared. The workbench's verdict is what
 * `check` and the scenario form say about a payload (model/json-schema/ajv.ts); the service's is
 * what POST /commands/{command} answers. They agree when the workbench accepts and the service
 * answers 2xx, or when both refuse and the service's `errors` are the workbench's reasons, word
 * for word (in any order).
 */

export type WorkbenchVerdict =
  { compiled: false; message: string } | { compiled: true; ok: boolean; errors: string[]; keywords: string[] };

export function workbenchVerdict(schema: unknown, instance: unknown): WorkbenchVerdict {
  const compiled = compileSchema(schema);
  if (!compiled.ok) return { compiled: false, message: compiled.message };
  const ok = compiled.validate(instance) as boolean;
  const errors = ok ? [] : (compiled.validate.errors ?? []);
  return { compiled: true, ok, errors: errors.map(describeAjvError), keywords: errors.map((e) => e.keyword) };
}

/** What the service said: an HTTP status with its body's `errors` or `message`. */
export interface ServiceAnswer {
  status: number;
  errors?: string[];
  message?: string;
}

export type Comparison = { agree: true } | { agree: false; class: string };

/** Same verdict and, for a refusal, the same reasons; otherwise the class of the disagreement. */
export function compare(workbench: WorkbenchVerdict, service: ServiceAnswer): Comparison {
  if (!workbench.compiled)
    return { agree: false, class: `workbench cannot compile the schema (${normalise(workbench.message)})` };
  const twoHundreds = service.status >= 200 && service.status < 300;
  if (workbench.ok) {
    if (twoHundreds) return { agree: true };
    const why =
      service.status === 400 ? (service.errors ?? []).map(normalise).join('; ') : normalise(service.message ?? '');
    return { agree: false, class: `workbench accepts, service answers ${service.status}: ${why}` };
  }
  const keywords = [...new Set(workbench.keywords)].join(', ');
  if (twoHundreds) return { agree: false, class: `workbench refuses (${keywords}), service answers ${service.status}` };
  if (service.status !== 400)
    return {
      agree: false,
      class: `workbench refuses (${keywords}), service answers ${service.status}: ${normalise(service.message ?? '')}`,
    };
  const theirs = service.errors ?? [];
  const missing = workbench.errors.filter((e) => !theirs.includes(e));
  const extra = theirs.filter((e) => !workbench.errors.includes(e));
  if (missing.length === 0 && extra.length === 0 && theirs.length === workbench.errors.length) return { agree: true };
  const byKeyword = (list: string[]) =>
    [
      ...new Set(
        workbench.errors.map((e, i) => (list.includes(e) ? workbench.keywords[i]! : '')).filter((k) => k !== ''),
      ),
    ].join(', ');
  const said = [...new Set(extra.map(normalise))].sort().join('; ');
  if (missing.length > 0 && extra.length > 0)
    return { agree: false, class: `both refuse, in other words (${byKeyword(missing)}): service says ${said}` };
  if (extra.length > 0) return { agree: false, class: `both refuse, the service adds reasons: ${said}` };
  return {
    agree: false,
    class: `both refuse, the service gives fewer reasons (${byKeyword(missing) || 'a repeated one'})`,
  };
}

/**
 * A reason without its particulars, so that one cause is one class: `"/lines/0/amount" must be
 * multiple of 0.01` and `"/total" must be multiple of 0.05` are both `"<path>" must be multiple of N`.
 */
export function normalise(text: string): string {
  return (
    text
      // ajv's "schema is invalid: data/properties/a/x must be number, data/… ": the first reason.
      .replace(/(schema is invalid: [^,]*),.*$/s, '$1')
      .replace(/\bdata(\/[^\s,]*)?\/([^/\s,]+) /g, 'data/<path>/$2 ')
      .replace(/\/tmp\/\S*/g, '<tmp>')
      .replace(/\b[\w.-]+-service\b/g, '<service>')
      .replace(/"\/[^"]*"/g, '"<path>"')
      .replace(/property "[^"]*"/g, 'property "<name>"')
      .replace(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi, 'N')
      .slice(0, 300)
  );
}
