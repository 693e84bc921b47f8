/**
 * Each generated service's openapi.json in the tools teams put it into: @readme/openapi-parser,
 * Spectral's OAS ruleset and openapi-typescript (whose types must accept the service's real
 * answers). The work is scripts/verify-openapi.ts (also `npm run verify:openapi` for every example).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/boards.ts';

describe('the generated OpenAPI documents in the tools teams use', () => {
  for (const board of ['small.storm.json', 'order-fulfilment.storm.json']) {
    it(`examples/${board}: no finding from the validator, Spectral or openapi-typescript`, () => {
      const run = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'scripts', 'verify-openapi.ts'), join(ROOT, 'examples', board)],
        { cwd: ROOT, encoding: 'utf8', timeout: 240_000 },
      );
      const output = `${run.stdout}${run.stderr}`;
      expect(run.status, output).toBe(0);
      const lines = run.stdout.split('\n').filter((l) => l.includes('-service ('));
      expect(lines.length, output).toBeGreaterThan(0);
      for (const line of lines) expect(line).toMatch(/: 0 findings; \d+ real answers compiled/);
    }, 300_000);
  }
});
