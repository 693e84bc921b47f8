import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Project, SyntaxKind } from 'ts-morph';
import { writeFileAtomic } from './io/board-file.ts';
import type { GeneratorIssue, GeneratorIssueCode } from '../contract/generate.ts';
import { needsPerson } from './issues.ts';
import type { ServicePlan } from './plan/service-plan.ts';

/**
 * After a regeneration the user's files were kept as they are. What the board now has that they
 * do not mention is added where there is an obvious place for it, without changing a character of
 * what is there: a commented-out rule for a new command, at the end of the aggregate's `rules`.
 * Everything else is listed, so the person knows where the defaults apply and what to write; each
 * with the stickies it is about.
 */
export async function findUnplaced(
  dir: string,
  plan: ServicePlan,
  kept: string[],
  orphans: string[] = [],
  options: { dryRun?: boolean } = {},
): Promise<GeneratorIssue[]> {
  const notes: GeneratorIssue[] = [];
  const note = (code: GeneratorIssueCode, elementIds: string[], message: string) =>
    notes.push(needsPerson(code, elementIds, message, plan.contextId));
  const mentions = (text: string, name: string) =>
    new RegExp(`(^|[^\\p{L}\\p{N}_$])${name}([^\\p{L}\\p{N}_$]|$)`, 'u').test(text);
  for (const aggregate of plan.aggregates) {
    const path = `src/domain/${aggregate.kebab}.ts`;
    if (!kept.includes(path)) continue;
    const text = await readFile(join(dir, path), 'utf8');
    const missing = aggregate.commands.filter((command) => !mentions(text, command));
    if (missing.length === 0) continue;
    const commandOf = (type: string) => plan.commands.find((c) => c.type === type)!;
    const emits = (command: string) => commandOf(command).emits.join(', ') || 'nothing';
    const stubs = missing.map(
      (command) =>
        `  // ${command}: (command, state) => defaultDecide(command), // new on the board; by default it emits ${emits(command)}`,
    );
    const updated = insertIntoRules(path, text, stubs);
    if (updated !== undefined) {
      // A dry run (the app's preview) says what the run will add, in the future tense.
      if (!options.dryRun) await writeFileAtomic(join(dir, path), updated);
      const added = options.dryRun ? 'will be added' : 'was added';
      for (const command of missing)
        note(
          'new-command-rule-added',
          commandOf(command).elementIds,
          `${path}: ${command} is new on the board; a commented-out rule for it ${added} at the end of \`rules\` (until you write it, it emits ${emits(command)}).`,
        );
    } else {
      for (const command of missing)
        note(
          'new-command-without-rule',
          commandOf(command).elementIds,
          `${path}: ${command} is new on the board and \`rules\` was not found to add it to; it emits ${emits(command)} by default until you add a rule for it.`,
        );
    }
  }
  for (const policy of plan.policies) {
    const path = `src/policies/${policy.kebab}.ts`;
    if (!kept.includes(path)) continue;
    const text = await readFile(join(dir, path), 'utf8');
    if (mentions(text, `${policy.type[0]!.toLowerCase()}${policy.type.slice(1)}Default`)) continue;
    for (const command of policy.issues)
      if (!mentions(text, command))
        note(
          'policy-issues-new-command',
          policy.elementIds,
          `${path}: the policy now issues ${command}, which your react() does not return yet.`,
        );
  }
  for (const file of orphans) {
    note(
      'user-file-orphaned',
      [],
      `${file}: no longer on the board, and its generated counterpart is gone; delete it (after keeping what you need), or the build fails.`,
    );
  }
  return notes;
}

let project: Project | undefined;

/** The text with `lines` inserted before the closing brace of `export const rules = { … }`, or undefined. */
export function insertIntoRules(path: string, text: string, lines: string[]): string | undefined {
  project ??= new Project({ useInMemoryFileSystem: true });
  const file = project.createSourceFile(`/${path}`, text, { overwrite: true });
  try {
    const literal = file.getVariableDeclaration('rules')?.getInitializer()?.asKind(SyntaxKind.ObjectLiteralExpression);
    if (!literal) return undefined;
    const close = literal.getEnd() - 1;
    if (text[close] !== '}') return undefined;
    // The text before the brace, to its last line break: a literal `{}` on one line opens up.
    const before = text.slice(0, close);
    const inline = !/\n\s*$/.test(before);
    return `${before}${inline ? '\n' : ''}${lines.join('\n')}\n${text.slice(close)}`;
  } finally {
    project.removeSourceFile(file);
  }
}
