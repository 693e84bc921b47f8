import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContract } from '../../templates/runtime/contract.ts';
import { listen } from '../../templates/runtime/http.ts';
import { openApiDocument } from '../../templates/runtime/openapi.ts';
import { componentName } from '../../templates/runtime/openapi-schemas.ts';
import { startRuntime } from '../../templates/runtime/service.ts';
import { counterDefinition } from './fixture-definition.ts';

/** A command schema with local references, as boards may have them. */
function withReferences() {
  const definition = counterDefinition('applied');
  definition.commands[0]!.schema = {
    $defs: { id: { type: 'string', minLength: 2 } },
    type: 'object',
    properties: { counterId: { $ref: '#/$defs/id' }, label: { type: 'string' } },
    required: ['counterId'],
  };
  return definition;
}

describe('the OpenAPI document', () => {
  it("points a user schema's local references at where the schema sits in the document, and the service keeps that contract", async () => {
    const definition = withReferences();
    const doc = openApiDocument(definition) as any;
    const schema = doc.components.schemas.OpenCounterCommand;
    expect(schema.properties.counterId).toEqual({ $ref: '#/components/schemas/OpenCounterCommand/$defs/id' });
    expect(schema.$defs.id).toEqual({ type: 'string', minLength: 2 });
    const dir = mkdtempSync(join(tmpdir(), 'sb-openapi-'));
    const runtime = startRuntime(definition, { dataDir: dir, log: `sqlite:${join(dir, 'log.db')}`, pollMs: 10 });
    const http = await listen(runtime, 0, '127.0.0.1');
    try {
      const report = await checkContract({
        url: http.url,
        definition,
        validBodies: { OpenCounter: [{ counterId: 'r-1' }], Increment: [{ counterId: 'r-1', by: 1 }] },
      });
      expect(report.findings).toEqual([]);
    } finally {
      await http.close();
      await runtime.close();
    }
  }, 30_000);

  it('names components in the characters OpenAPI allows, whatever script the board is in', () => {
    expect(componentName('ЗаказCommand')).toBe('_417_430_43a_430_437Command');
    expect(componentName('sales.OrderPlaced.v2')).toBe('sales.OrderPlaced.v2');
  });
});
