import { sampleValue } from '../../model/json-schema/sample.ts';
import { compileUserSchema } from '../../model/json-schema/validator-setup.ts';
import type { ServicePlan } from '../plan/service-plan.ts';
import { buildSource, literal, serviceTestHeader } from './source.ts';

/**
 * Payloads each command accepts, for the contract walk: a sample of its schema (the dock's rule)
 * and the board's scenario payloads for it, each kept only when the schema accepts it, so the
 * walk's "valid" requests are valid by the service's own verdict.
 */
export function validCommandBodies(plan: ServicePlan): Record<string, unknown[]> {
  const bodies: Record<string, unknown[]> = {};
  for (const command of plan.commands) {
    const compiled = compileUserSchema(command.schema);
    const scenarioPayloads = plan.aggregates
      .flatMap((a) => a.scenarios)
      .filter((s) => s.when.type === command.type)
      .map((s) => s.when.data);
    const candidates = [sampleValue(command.schema, { properties: 'all' }), ...scenarioPayloads];
    const seen = new Set<string>();
    bodies[command.type] = candidates.filter((payload) => {
      const text = JSON.stringify(payload);
      if (seen.has(text) || !compiled.ok || !compiled.validate(payload)) return false;
      seen.add(text);
      return true;
    });
  }
  return bodies;
}

/** test/contract.test.ts: the running service walked against its own openapi.json. */
export function emitContractTest(plan: ServicePlan): string {
  return buildSource('test/contract.test.ts', (file) => {
    serviceTestHeader(file, plan.boardName);
    file.addImportDeclaration({ moduleSpecifier: '../src/generated/definition.ts', namedImports: ['definition'] });
    file.addImportDeclaration({ moduleSpecifier: '../src/runtime/contract.ts', namedImports: ['checkContract'] });
    file.addImportDeclaration({ moduleSpecifier: '../src/runtime/http.ts', namedImports: ['listen'] });
    file.addImportDeclaration({ moduleSpecifier: '../src/runtime/service.ts', namedImports: ['startRuntime'] });
    file.addStatements(
      `/** A sample of each command's schema and the board's scenario payloads, as the board had them when this file was generated. */\nconst validBodies: Record<string, unknown[]> = ${literal(validCommandBodies(plan))};`,
    );
    file.addStatements([
      "test('the service answers every request as its openapi.json says: routes, statuses and bodies', async () => {",
      "  const dir = mkdtempSync(join(tmpdir(), 'contract-test-'));",
      "  const runtime = startRuntime(definition, { dataDir: dir, log: `sqlite:${join(dir, 'log.db')}`, pollMs: 10 });",
      "  const http = await listen(runtime, 0, '127.0.0.1');",
      '  try {',
      '    const report = await checkContract({ url: http.url, definition, validBodies });',
      "    assert.deepEqual(report.findings, [], report.findings.join('\\n'));",
      '  } finally {',
      '    await http.close();',
      '    await runtime.close();',
      '  }',
      '});',
    ]);
  });
}
