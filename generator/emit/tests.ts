import type { AggregatePlan, ServicePlan } from '../plan/service-plan.ts';
import { validCommandBodies } from './contract-test.ts';
import { buildSource, generatedBanner, literal, serviceTestHeader } from './source.ts';

const camel = (pascal: string): string => `${pascal[0]!.toLowerCase()}${pascal.slice(1)}`;

const q = (text: string) => literal(text);

/** test/<aggregate>.scenarios.test.ts: every Given/When/Then of the board as a decider test. */
export function emitScenarioTests(plan: ServicePlan, aggregate: AggregatePlan): string {
  return buildSource(`test/${aggregate.kebab}.scenarios.test.ts`, (file) => {
    file.insertText(0, generatedBanner(plan.boardName));
    file.addImportDeclaration({ moduleSpecifier: 'node:test', namedImports: ['test'] });
    file.addImportDeclaration({
      moduleSpecifier: `../src/generated/${aggregate.kebab}.decider.ts`,
      namedImports: [`${aggregate.camel}Decider`, 'ruleWritten'],
    });
    file.addImportDeclaration({
      moduleSpecifier: '../src/runtime/scenario.ts',
      namedImports: ['runScenario', 'type Scenario'],
    });
    file.addStatements(
      `const scenarios: Scenario[] = ${literal(aggregate.scenarios.map(({ pending: _p, elementId: _e, ruleWritten: _r, ...s }) => s))};`,
    );
    aggregate.scenarios.forEach((scenario, index) => {
      const name = q(`${aggregate.name}: ${scenario.name}`);
      if (scenario.pending === undefined) {
        file.addStatements(`test(${name}, () => runScenario(${aggregate.camel}Decider, scenarios[${index}]!));`);
      } else {
        // Pending (reported as TODO, run but not counted) until the rule exists; then a real test.
        file.addStatements(
          `test(${name}, { todo: ruleWritten(${q(scenario.when.type)}) ? false : ${q(`pending: ${scenario.pending} (src/domain/${aggregate.kebab}.ts)`)} }, () => runScenario(${aggregate.camel}Decider, scenarios[${index}]!));`,
        );
      }
    });
    if (aggregate.scenarios.length === 0)
      file.addStatements(
        `test(${q(`${aggregate.name}: the board has no scenario yet`)}, { todo: 'add Given/When/Then scenarios to the aggregate on the board' });`,
      );
  });
}

/** test/upcasters.test.ts: every example of every old version through the chain, against the current schema. */
export function emitUpcasterTests(plan: ServicePlan): string {
  return buildSource('test/upcasters.test.ts', (file) => {
    file.insertText(0, generatedBanner(plan.boardName));
    file.addImportDeclaration({ moduleSpecifier: 'node:assert/strict', defaultImport: 'assert' });
    file.addImportDeclaration({ moduleSpecifier: 'node:test', namedImports: ['test'] });
    file.addImportDeclaration({ moduleSpecifier: '../src/generated/events.ts', namedImports: ['events', 'examples'] });
    file.addImportDeclaration({
      moduleSpecifier: '../src/runtime/upcast.ts',
      namedImports: ['currentVersion', 'upcast'],
    });
    file.addImportDeclaration({ moduleSpecifier: '../src/runtime/validation.ts', namedImports: ['compileValidator'] });
    file.addStatements([
      'for (const event of events) {',
      '  const current = currentVersion(event);',
      '  const validate = compileValidator(event.schemas[current]!, { strip: false });',
      '  for (const { version, examples: payloads } of examples.filter((e) => e.context === event.context && e.type === event.type)) {',
      '    payloads.forEach((payload, index) => {',
      '      test(`${event.type} v${version} example ${index + 1} reads as v${current}`, () => {',
      '        const verdict = validate(upcast(event, version, payload));',
      "        assert.ok(verdict.ok, verdict.ok ? '' : verdict.errors.join('; '));",
      '      });',
      '    });',
      '  }',
      '}',
    ]);
    for (const event of plan.events) {
      for (const step of event.steps) {
        if (step.mechanical) continue;
        file.addStatements([
          `test(${q(`${event.name} v${step.from} → v${step.to} is written (${step.file})`)}, () => {`,
          `  const event = events.find((e) => e.context === ${q(event.context)} && e.type === ${q(event.type)})!;`,
          `  const sample = examples.find((e) => e.context === ${q(event.context)} && e.type === ${q(event.type)} && e.version === ${step.from})?.examples[0] ?? {};`,
          `  assert.doesNotThrow(() => event.upcasters[${step.from}]!(structuredClone(sample) as Record<string, unknown>));`,
          '});',
        ]);
      }
    }
  });
}

/** test/service.test.ts: the service starts, answers health and a command through its typed client, serves OpenAPI, refuses an invalid command and a body that is not JSON. */
export function emitServiceTest(plan: ServicePlan): string {
  const first = plan.commands[0];
  const sample = first && validCommandBodies(plan)[first.type]?.[0];
  return buildSource('test/service.test.ts', (file) => {
    serviceTestHeader(file, plan.boardName);
    file.addImportDeclaration({ moduleSpecifier: '../src/client.ts', namedImports: ['createClient'] });
    file.addImportDeclaration({ moduleSpecifier: '../src/generated/definition.ts', namedImports: ['definition'] });
    file.addImportDeclaration({ moduleSpecifier: '../src/runtime/http.ts', namedImports: ['listen'] });
    file.addImportDeclaration({ moduleSpecifier: '../src/runtime/service.ts', namedImports: ['startRuntime'] });
    file.addStatements([
      "test('the service starts on an embedded log and answers over HTTP', async () => {",
      "  const dir = mkdtempSync(join(tmpdir(), 'service-test-'));",
      "  const runtime = startRuntime(definition, { dataDir: dir, log: `sqlite:${join(dir, 'log.db')}` });",
      "  const http = await listen(runtime, 0, '127.0.0.1');",
      '  try {',
      '    // Through the typed client (src/client.ts), as another team would call the service.',
      '    const client = createClient(http.url);',
      '    const health = await client.health();',
      "    assert.ok(health.ok && health.body.status === 'ok', JSON.stringify(health.body));",
      ...(first && sample !== undefined
        ? [
            `    const sent = await client.commands.${camel(first.type)}(${literal(sample, '    ')}, { idempotencyKey: 'smoke-1', responseMode: 'appended' });`,
            '    // A rule of yours may refuse the sample (422); either way the service knows what became of it.',
            "    assert.ok(sent.ok ? sent.body.status === 'appended' : sent.status === 422, JSON.stringify(sent.body));",
            "    const fate = await client.commandStatus('smoke-1');",
            "    assert.ok(fate.ok && fate.body.status === 'done', JSON.stringify(fate.body));",
          ]
        : []),
      '    const doc = (await (await fetch(`${http.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };',
      '    for (const command of definition.commands) assert.ok(doc.paths[`/commands/${command.path}`], command.type);',
      ...(first
        ? [
            `    const invalid = await fetch(\`\${http.url}/commands/${first.path}\`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' });`,
            '    assert.equal(invalid.status, 400);',
            '    // Only JSON: a form or text/plain, as a page on another site could send, is refused.',
            `    const form = await fetch(\`\${http.url}/commands/${first.path}\`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });`,
            '    assert.equal(form.status, 415);',
          ]
        : []),
      '  } finally {',
      '    await http.close();',
      '    await runtime.close();',
      '  }',
      '});',
    ]);
  });
}
