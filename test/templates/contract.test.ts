import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContract, invalidBodies } from '../../templates/runtime/contract.ts';
import { listen, type HttpService } from '../../templates/runtime/http.ts';
import { openApiDocument } from '../../templates/runtime/openapi.ts';
import { startRuntime, type ServiceRuntime } from '../../templates/runtime/service.ts';
import { counterDefinition } from './fixture-definition.ts';

let runtime: ServiceRuntime;
let http: HttpService;
const definition = counterDefinition('applied');
const validBodies = {
  OpenCounter: [{ counterId: 'walk-1', label: 'walked' }, { counterId: 'walk-2' }],
  Increment: [{ counterId: 'walk-1', by: 2 }],
};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-contract-'));
  runtime = startRuntime(definition, { dataDir: dir, log: `sqlite:${join(dir, 'log.db')}`, pollMs: 10 });
  http = await listen(runtime, 0, '127.0.0.1');
});
afterAll(async () => {
  await http.close();
  await runtime.close();
});

const documentWith = (change: (doc: any) => void): any => {
  const doc = structuredClone(openApiDocument(definition)) as any;
  change(doc);
  return doc;
};

describe('the contract walk holds a running service to its own openapi.json', () => {
  it('finds nothing on the service as it is, after sending every kind of request', async () => {
    const report = await checkContract({ url: http.url, definition, validBodies });
    expect(report.findings).toEqual([]);
    expect(report.requests).toBeGreaterThan(60);
  }, 30_000);

  it('a route served but left out of the document is a finding', async () => {
    const report = await checkContract({
      url: http.url,
      definition,
      validBodies,
      document: documentWith((doc) => delete doc.paths['/events']),
    });
    expect(report.findings).toContain('GET /events?after=0&limit=1000: served (200) but not in the document');
  }, 30_000);

  it('a documented route the service does not serve is a finding', async () => {
    const report = await checkContract({
      url: http.url,
      definition,
      validBodies,
      document: documentWith((doc) => (doc.paths['/stats'] = { get: { responses: { '200': { description: 'x' } } } })),
    });
    expect(report.findings).toContain(
      'GET /stats: in the document, but the service never answered it as a route it serves',
    );
  }, 30_000);

  it('a body or a status the document does not describe is a finding', async () => {
    const report = await checkContract({
      url: http.url,
      definition,
      validBodies,
      document: documentWith((doc) => {
        doc.components.schemas.Health.required.push('uptime');
        delete doc.paths['/commands/increment'].post.responses['415'];
      }),
    });
    expect(
      report.findings.some((f) =>
        f.startsWith(
          'GET /health: the 200 body does not match the document: the payload is missing the required property "uptime"',
        ),
      ),
    ).toBe(true);
    expect(report.findings).toContain(
      'POST /commands/increment: answered 415, which the document does not list for POST /commands/increment',
    );
  }, 30_000);

  it('derives invalid bodies from the schema: another type, each required property missing, each typed property mistyped', () => {
    expect(invalidBodies(definition.commands[1]!.schema, { counterId: 'c', by: 1 })).toEqual([
      [],
      'not an object',
      { by: 1 },
      { counterId: 'c' },
      { counterId: 12345, by: 1 },
      { counterId: 'c', by: 'a string' },
    ]);
  });
});
