import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServicePlan } from './plan/plan.ts';

/**
 * After a regeneration, the user's files were kept as they are. This lists what the board now
 * has that they do not mention, so the person knows where the defaults apply and what to write.
 * Nothing is inserted into their code: the generated defaults already cover what is new.
 */
export async function findUnplaced(dir: string, plan: ServicePlan, kept: string[], orphans: string[] = []): Promise<string[]> {
  const notes: string[] = [];
  const mentions = (text: string, name: string) => new RegExp(`(^|[^\\p{L}\\p{N}_$])${name}([^\\p{L}\\p{N}_$]|$)`, 'u').test(text);
  for (const aggregate of plan.aggregates) {
    const path = `src/domain/${aggregate.kebab}.ts`;
    if (!kept.includes(path)) continue;
    const text = await readFile(join(dir, path), 'utf8');
    for (const command of aggregate.commands) {
      if (!mentions(text, command)) notes.push(`${path}: ${command} is new on the board; it emits ${plan.commands.find((c) => c.type === command)!.emits.join(', ') || 'nothing'} by default until you add a rule for it to \`rules\`.`);
    }
  }
  for (const policy of plan.policies) {
    const path = `src/policies/${policy.kebab}.ts`;
    if (!kept.includes(path)) continue;
    const text = await readFile(join(dir, path), 'utf8');
    if (mentions(text, `${policy.type[0]!.toLowerCase()}${policy.type.slice(1)}Default`)) continue;
    for (const command of policy.issues) if (!mentions(text, command)) notes.push(`${path}: the policy now issues ${command}, which your react() does not return yet.`);
  }
  for (const file of orphans) {
    notes.push(`${file}: no longer on the board, and its generated counterpart is gone; delete it (after keeping what you need), or the build fails.`);
  }
  return notes;
}
