import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { emitClient } from './emit/client.ts';
import { emitContractTest } from './emit/contract-test.ts';
import { emitDecider, emitDomain } from './emit/domain.ts';
import { emitPrettierConfig, emitPrettierIgnore, formatServiceFile } from './emit/format.ts';
import { emitGitignore, emitPackageJson, emitReadme, emitTsconfig } from './emit/project.ts';
import { buildSource, generatedBanner } from './emit/source.ts';
import { emitScenarioTests, emitServiceTest, emitUpcasterTests } from './emit/tests.ts';
import { emitTypes } from './emit/types.ts';
import {
  emitCommands,
  emitDefinition,
  emitEvents,
  emitMain,
  emitManualUpcaster,
  emitPolicies,
  emitPolicy,
  emitProjection,
  emitReadModels,
} from './emit/wiring.ts';
import type { ServicePlan } from './plan/service-plan.ts';

/** `generated`: rewritten on every run. `user`: created once, never overwritten. */
export type Owner = 'generated' | 'user';

export interface RenderedFile {
  path: string;
  text: string;
  owner: Owner;
}

// The runtime is read as files from templates/ and copied; the workbench never imports it.
const RUNTIME_DIR = fileURLToPath(new URL('../templates/runtime/', import.meta.url));

export async function runtimeFiles(boardName: string): Promise<RenderedFile[]> {
  const names = (await readdir(RUNTIME_DIR)).filter((n) => n.endsWith('.ts')).sort();
  const banner = generatedBanner(boardName).replace('from the board', 'runtime, copied for the board');
  return Promise.all(
    names.map(async (name) => ({
      path: `src/runtime/${name}`,
      text: banner + (await readFile(`${RUNTIME_DIR}${name}`, 'utf8')),
      owner: 'generated' as const,
    })),
  );
}

/** Every file of one service, in memory. */
export interface RenderOptions {
  /**
   * Print the emitted TypeScript and JSON in the house's Prettier style (the default). Play's
   * scratch services, which nobody reads and which are regenerated on every start, skip it: it was
   * most of a play's start on a big board (bench/play.ts).
   */
  print?: boolean;
}

export async function renderService(plan: ServicePlan, options: RenderOptions = {}): Promise<RenderedFile[]> {
  const files: RenderedFile[] = [];
  const gen = (path: string, text: string) => files.push({ path, text, owner: 'generated' });
  const user = (path: string, text: string) => files.push({ path, text, owner: 'user' });

  files.push(...(await runtimeFiles(plan.boardName)));
  gen('asyncapi.json', plan.asyncApi);
  const typesText = await emitTypes(plan, generatedBanner(plan.boardName));
  gen(
    'src/generated/types.ts',
    buildSource('src/generated/types.ts', (file) => file.replaceWithText(typesText)),
  );
  gen('src/generated/events.ts', emitEvents(plan));
  gen('src/generated/commands.ts', emitCommands(plan));
  gen('src/generated/read-models.ts', emitReadModels(plan));
  gen('src/generated/policies.ts', emitPolicies(plan));
  gen('src/generated/definition.ts', emitDefinition(plan));
  gen('src/main.ts', emitMain(plan));
  gen('src/client.ts', await emitClient(plan));
  for (const aggregate of plan.aggregates) {
    gen(`src/generated/${aggregate.kebab}.decider.ts`, emitDecider(plan, aggregate));
    user(`src/domain/${aggregate.kebab}.ts`, emitDomain(plan, aggregate));
    gen(`test/${aggregate.kebab}.scenarios.test.ts`, emitScenarioTests(plan, aggregate));
  }
  for (const model of plan.readModels) user(`src/projections/${model.kebab}.ts`, emitProjection(plan, model));
  for (const policy of plan.policies) user(`src/policies/${policy.kebab}.ts`, emitPolicy(plan, policy));
  for (const event of plan.events)
    for (const step of event.steps) if (!step.mechanical) user(step.file, emitManualUpcaster(plan, event, step));
  gen('test/upcasters.test.ts', emitUpcasterTests(plan));
  gen('test/service.test.ts', emitServiceTest(plan));
  gen('test/contract.test.ts', emitContractTest(plan));
  user('package.json', emitPackageJson(plan));
  user('tsconfig.json', emitTsconfig());
  user('.gitignore', emitGitignore());
  // Created once, like tsconfig.json: a JSON file carries no banner, and a team's own config is theirs.
  user('.prettierrc.json', emitPrettierConfig());
  user('.prettierignore', emitPrettierIgnore());
  const generated = files.filter((f) => f.owner === 'generated').map((f) => f.path);
  const owned = files.filter((f) => f.owner === 'user' && f.path.startsWith('src/')).map((f) => f.path);
  gen('README.md', emitReadme(plan, generated, owned));
  // Emitted files are printed in the house's Prettier style here; the runtime copies already are
  // (templates/ is checked by the workbench's `npm run format:check`), so they are not printed again.
  if (options.print === false) return files;
  return Promise.all(
    files.map(async (f) =>
      f.path.startsWith('src/runtime/') ? f : { ...f, text: await formatServiceFile(f.path, f.text) },
    ),
  );
}
