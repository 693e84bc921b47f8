import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServiceAnswer } from './verdict.ts';
import { normalise } from './verdict.ts';

/**
 * The service's side, in-process: the generated project's own compiled validation module
 * (dist/src/runtime/validation.js, built by its `npm test`), so that a disagreement seen over
 * HTTP can be shrunk to a minimal schema and instance without a service start per attempt.
 */

type CompileValidator = (
  schema: object,
  options: { strip: boolean },
) => (data: unknown) => { ok: true } | { ok: false; errors: string[] };

export type InProcess = (schema: unknown, instance: unknown) => ServiceAnswer;

export async function loadServiceValidation(dir: string): Promise<InProcess | undefined> {
  const file = join(dir, 'dist', 'src', 'runtime', 'validation.js');
  if (!existsSync(file)) return undefined;
  const { compileValidator } = (await import(pathToFileURL(file).href)) as { compileValidator: CompileValidator };
  // Shrinking asks about the same schemas again and again; compiling is the slow part.
  const compiled = new Map<string, ReturnType<CompileValidator> | string>();
  return (schema, instance) => {
    const key = JSON.stringify(schema);
    if (!compiled.has(key)) {
      try {
        compiled.set(key, compileValidator(schema as object, { strip: false }));
      } catch (error) {
        compiled.set(key, error instanceof Error ? error.message : String(error));
      }
    }
    const validate = compiled.get(key)!;
    // As at the service's start: a schema it cannot compile stops it (status 0: no answer).
    if (typeof validate === 'string') return { status: 0, message: validate };
    const verdict = validate(instance);
    return verdict.ok ? { status: 200 } : { status: 400, errors: verdict.errors };
  };
}

/** The failing tests of a `node --test` TAP run, each as "name: reason", or the compiler's errors. */
export function failuresOf(output: string): string[] {
  const compiler = [...output.matchAll(/^(\S+\.ts)\(\d+,\d+\): error (TS\d+): (.*)$/gm)].map(
    (m) => `tsc ${m[2]} in ${m[1]}: ${m[3]}`,
  );
  if (compiler.length > 0) return compiler;
  const failures: string[] = [];
  const lines = output.split('\n');
  lines.forEach((line, i) => {
    const match = /^\s*not ok \d+ - (.*)$/.exec(line);
    if (!match) return;
    // Subtests fail their parent too; the parent's reason is "N subtests failed".
    const after = lines.slice(i + 1, i + 40);
    const error = after.find((l) => /^\s+error: /.test(l));
    let reason =
      error
        ?.replace(/^\s+error: /, '')
        .replace(/^['|>-]+\s*/, '')
        .replace(/'$/, '') ?? 'no reason printed';
    // A test file that fails as a whole (it threw while loading) has its stderr printed as
    // comments just before its "not ok" line.
    if (reason === 'test failed') {
      const before = lines.slice(Math.max(0, i - 40), i).reverse();
      reason = before.map((l) => /^#\s+(\w*Error: .*)$/.exec(l)?.[1]).find((m) => m !== undefined) ?? reason;
    }
    if (!/subtests? failed/.test(reason)) failures.push(`${match[1]}: ${reason}`);
  });
  return failures.length > 0 ? failures : [output.trim().split('\n').slice(-5).join(' ')];
}

/** A failure without the names of its test and values, so that one cause is one class. */
export function failureClass(failure: string): string {
  const reason = failure.startsWith('tsc ') ? failure : failure.slice(failure.indexOf(': ') + 2);
  return normalise(reason.replace(/\b[A-Z][A-Za-z]+ v\d+ example \d+/g, '<event example>'));
}
