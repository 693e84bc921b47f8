// Holds each generated service's openapi.json to the tools teams put it into: a validator
// (@readme/openapi-parser), Spectral's OAS ruleset, and openapi-typescript, whose types must
// accept the bodies the running service really answers (recorded by the contract walk, then
// compiled as literals against the generated types with tsc --strict). Prints one line per service
// and every finding; exits 1 when there is one.
//
//   npm run verify:openapi [-- BOARD...] [--tools DIR]
//
// The tools are the workbench's dev dependencies; --tools DIR takes them from another folder
// instead (to try other versions). Without boards it checks every board in examples/.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from '../generator/generate.ts';
import { formatLoadErrors, readBoardFile } from '../generator/io/board-file.ts';
import { validCommandBodies } from '../generator/emit/contract-test.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const toolsAt = args.indexOf('--tools');
if (toolsAt >= 0 && !args[toolsAt + 1]) {
  console.error('--tools needs the folder the tools are installed in');
  process.exit(2);
}
const tools = createRequire(join(toolsAt >= 0 ? resolve(args[toolsAt + 1]!) : ROOT, 'package.json'));
const boards = toolsAt >= 0 ? args.filter((_, i) => i !== toolsAt && i !== toolsAt + 1) : args;
const paths =
  boards.length > 0
    ? boards
    : readdirSync(join(ROOT, 'examples'))
        .filter((f) => f.endsWith('.storm.json'))
        .map((f) => join(ROOT, 'examples', f));

const { validate } = tools('@readme/openapi-parser') as {
  validate(
    doc: object,
  ): Promise<{ valid: boolean; errors?: Array<{ message: string }>; warnings?: Array<{ message: string }> }>;
};
const { Spectral, Document } = tools('@stoplight/spectral-core');
const { oas } = tools('@stoplight/spectral-rulesets');
const Parsers = tools('@stoplight/spectral-parsers');
const { default: openapiTS, astToString } = (await import(pathToFileURL(tools.resolve('openapi-typescript')).href)) as {
  default: (doc: object) => Promise<unknown>;
  astToString: (ast: unknown) => string;
};

let total = 0;
for (const path of paths) {
  const loaded = await readBoardFile(path);
  if (!loaded.ok) throw new Error(formatLoadErrors(path, loaded));
  const out = mkdtempSync(join(tmpdir(), 'sb-openapi-'));
  const result = await generate(loaded.board, { out });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  for (const service of result.services) {
    symlinkSync(join(ROOT, 'node_modules'), join(service.dir, 'node_modules'), 'dir');
    const load = (file: string) => import(pathToFileURL(join(service.dir, file)).href);
    const { definition } = await load('src/generated/definition.ts');
    const { openApiDocument } = await load('src/runtime/openapi.ts');
    const { startRuntime } = await load('src/runtime/service.ts');
    const { listen } = await load('src/runtime/http.ts');
    const { checkContract } = await load('src/runtime/contract.ts');
    const document = openApiDocument(definition) as object;
    writeFileSync(join(service.dir, 'openapi.json'), JSON.stringify(document, null, 2));
    const findings: string[] = [];

    const verdict = await validate(structuredClone(document));
    for (const e of [...(verdict.errors ?? []), ...(verdict.warnings ?? [])]) findings.push(`validator: ${e.message}`);
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [[oas, 'recommended']] });
    for (const r of await spectral.run(new Document(JSON.stringify(document, null, 2), Parsers.Json, 'openapi.json')))
      findings.push(`spectral ${r.code}: ${r.path.join('.')}: ${r.message}`);

    // The real answers, recorded while the contract walk runs; a few per operation and status.
    const answers: Array<{ method: string; template: string; status: number; body: unknown }> = [];
    const runtime = startRuntime(definition, {
      dataDir: join(service.dir, 'data'),
      log: `sqlite:${join(service.dir, 'data', 'log.db')}`,
      pollMs: 10,
    });
    const http = await listen(runtime, 0, '127.0.0.1');
    try {
      const report = await checkContract({
        url: http.url,
        definition,
        validBodies: validCommandBodies(service.plan),
        onAnswer: (a: (typeof answers)[number]) => {
          if (
            a.template !== '/openapi.json' &&
            answers.filter((b) => b.template === a.template && b.status === a.status && b.method === a.method).length <
              3
          )
            answers.push(a);
        },
      });
      for (const f of report.findings) findings.push(`contract: ${f}`);
    } finally {
      await http.close();
      await runtime.close();
    }

    writeFileSync(join(service.dir, 'openapi-types.ts'), astToString(await openapiTS(document)));
    const lines = ["import type { paths } from './openapi-types.ts';"];
    answers.forEach((a, i) =>
      lines.push(
        `export const answer${i}: paths[${JSON.stringify(a.template)}][${JSON.stringify(a.method)}]['responses'][${a.status}]['content']['application/json'] = ${JSON.stringify(a.body)};`,
      ),
    );
    writeFileSync(join(service.dir, 'openapi-answers.ts'), lines.join('\n') + '\n');
    const tsc = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/typescript/bin/tsc'),
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--target',
        'es2022',
        '--module',
        'esnext',
        '--moduleResolution',
        'bundler',
        '--allowImportingTsExtensions',
        join(service.dir, 'openapi-answers.ts'),
      ],
      { encoding: 'utf8' },
    );
    for (const line of tsc.stdout.split('\n').filter((l) => /error TS/.test(l)))
      findings.push(`openapi-typescript: ${line.slice(0, 400)}`);

    console.log(
      `${service.plan.packageName} (${path.split('/').pop()}): ${findings.length} findings; ${answers.length} real answers compiled against openapi-typescript's types`,
    );
    for (const f of findings) console.log(`  ${f}`);
    total += findings.length;
  }
}
process.exitCode = total > 0 ? 1 : 0;
