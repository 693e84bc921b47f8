/**
 * A generated service is printed the way the workbench is: every TypeScript, JSON and Markdown
 * file it gets passes Prettier's check under the `.prettierrc.json` and `.prettierignore` the
 * service itself ships (the workbench's style, generator/emit/format.ts). The runtime copies pass
 * because templates/ is formatted in the workbench (`npm run format:check`); the rest is printed
 * at generation.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check, getFileInfo, type Options } from 'prettier';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generator/generate.ts';
import { example, ROOT } from '../support/boards.ts';

const boards = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.storm.json'))
  .map((f) => f.replace('.storm.json', ''))
  .sort();

describe('generated services are Prettier-clean under the config they ship', () => {
  for (const name of boards) {
    it(`examples/${name}.storm.json`, async () => {
      const out = mkdtempSync(join(tmpdir(), 'sb-format-'));
      try {
        const result = await generate(example(name), { out });
        if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
        expect(result.services.length).toBeGreaterThan(0);
        for (const service of result.services) {
          const options = JSON.parse(readFileSync(join(service.dir, '.prettierrc.json'), 'utf8')) as Options;
          expect(options.printWidth).toBeGreaterThan(80);
          const ignorePath = join(service.dir, '.prettierignore');
          const paths = service.files.map((f) => f.path).filter((p) => /\.(ts|json|md)$/.test(p));
          const checked: string[] = [];
          const unformatted: string[] = [];
          for (const path of paths) {
            const file = join(service.dir, path);
            if ((await getFileInfo(file, { ignorePath })).ignored) continue;
            checked.push(path);
            if (!(await check(readFileSync(file, 'utf8'), { ...options, filepath: file }))) unformatted.push(path);
          }
          expect(checked).toEqual(
            expect.arrayContaining(['package.json', 'src/main.ts', 'src/client.ts', 'src/runtime/service.ts']),
          );
          expect(checked).not.toContain('asyncapi.json');
          // Markdown is the emitter's layout, as the workbench's own docs are (its .prettierignore).
          expect(checked).not.toContain('README.md');
          expect(unformatted).toEqual([]);
        }
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }, 600_000);
  }
});

describe("play's scratch services are not printed", () => {
  it('renders the same files, the emitted ones as the emitters wrote them (Prettier is skipped, not the runtime)', async () => {
    const { planService } = await import('../../generator/plan/plan.ts');
    const { renderService } = await import('../../generator/render.ts');
    const board = example('small');
    const plan = planService(board, board.contexts[0]!.id);
    if (!plan.ok) throw new Error('the small board does not plan');
    const printed = await renderService(plan.plan);
    const raw = await renderService(plan.plan, { print: false });
    expect(raw.map((f) => f.path)).toEqual(printed.map((f) => f.path));
    const differing = raw.filter((f, i) => f.text !== printed[i]!.text).map((f) => f.path);
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.some((p) => p.startsWith('src/runtime/'))).toBe(false);
  });
});
