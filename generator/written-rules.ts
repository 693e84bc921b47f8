import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Project, SyntaxKind } from 'ts-morph';
import type { ServicePlan } from './plan/service-plan.ts';

let project: Project | undefined;

/**
 * The commands `export const rules = { … }` has an entry for, read from the text of a domain
 * file: the same test the service's scenario tests make at run time (`rules[type] !== undefined`,
 * the decider's `ruleWritten`), without running the user's code. A commented-out stub is no entry.
 * Undefined when `rules` is not an object literal this can read (a spread, another expression).
 */
export function writtenRules(text: string): string[] | undefined {
  project ??= new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile('/domain.ts', text, { overwrite: true });
  try {
    const literal = file.getVariableDeclaration('rules')?.getInitializer()?.asKind(SyntaxKind.ObjectLiteralExpression);
    if (!literal) return undefined;
    const names: string[] = [];
    for (const property of literal.getProperties()) {
      if (property.isKind(SyntaxKind.SpreadAssignment)) return undefined;
      const nameNode =
        property.isKind(SyntaxKind.PropertyAssignment) ||
        property.isKind(SyntaxKind.MethodDeclaration) ||
        property.isKind(SyntaxKind.ShorthandPropertyAssignment)
          ? property.getNameNode()
          : undefined;
      if (!nameNode) continue;
      // A computed name is only read when it is a string literal: anything else is not known here.
      if (nameNode.isKind(SyntaxKind.ComputedPropertyName)) {
        const inner = nameNode.getExpression().asKind(SyntaxKind.StringLiteral);
        if (!inner) return undefined;
        names.push(inner.getLiteralText());
      } else if (nameNode.isKind(SyntaxKind.StringLiteral)) names.push(nameNode.getLiteralText());
      else names.push(nameNode.getText());
    }
    return names;
  } finally {
    project.removeSourceFile(file);
  }
}

/**
 * The plan with each scenario whose command has a rule in the user's domain file marked
 * `ruleWritten`: its note and the README's "still to do" no longer ask for that rule. The
 * scenario's test is unchanged: it decides at run time, from `rules` itself.
 */
export async function withWrittenRules(dir: string, plan: ServicePlan): Promise<ServicePlan> {
  const aggregates = await Promise.all(
    plan.aggregates.map(async (aggregate) => {
      const text = await readFile(join(dir, `src/domain/${aggregate.kebab}.ts`), 'utf8').catch(() => undefined);
      const written = text === undefined ? [] : (writtenRules(text) ?? []);
      if (!aggregate.scenarios.some((s) => s.pending !== undefined && written.includes(s.when.type))) return aggregate;
      return {
        ...aggregate,
        scenarios: aggregate.scenarios.map((s) =>
          s.pending !== undefined && written.includes(s.when.type) ? { ...s, ruleWritten: true } : s,
        ),
      };
    }),
  );
  return { ...plan, aggregates };
}
