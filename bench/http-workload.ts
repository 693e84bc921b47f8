// The HTTP workload every service bench drives (bench/http.ts, bench/nats.ts): the service of
// examples/small.storm.json, generated and built, and its first command with the payload of its
// first scenario, a new aggregate per request. One definition, so the benches compare one thing.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../generator/generate.ts';
import { parseBoard } from '../model/board/load.ts';

/** The command the benches post: its path, its type, and a payload for a new aggregate. */
export interface Workload {
  /** The generated service's folder (built: dist/src/main.js). */
  dir: string;
  /** A scratch folder beside it for data directories; the caller removes it. */
  root: string;
  path: string;
  type: string;
  /** The aggregate's id field, which each payload sets to a new id. */
  idField: string;
  /** The first scenario's payload of the command. */
  sample: Record<string, unknown>;
  payload: () => Record<string, unknown>;
}

/** Generates and builds the small board's service under a new temp folder. */
export async function workload(): Promise<Workload> {
  const parsed = parseBoard(readFileSync(new URL('../examples/small.storm.json', import.meta.url), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  const root = mkdtempSync(join(tmpdir(), 'sb-bench-http-'));
  const result = await generate(parsed.board, { out: root });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  const service = result.services[0]!;
  const command = service.plan.commands[0]!;
  const aggregate = service.plan.aggregates.find((a) => a.type === command.aggregate)!;
  symlinkSync(new URL('../node_modules', import.meta.url).pathname, join(service.dir, 'node_modules'), 'dir');
  const build = spawnSync(process.execPath, [join(service.dir, 'node_modules/typescript/bin/tsc'), '-p', service.dir], {
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`the service does not build:\n${build.stdout}${build.stderr}`);
  const sample = (aggregate.scenarios.find((s) => s.when.type === command.type)?.when.data ?? {}) as Record<
    string,
    unknown
  >;
  let n = 0;
  return {
    dir: service.dir,
    root,
    path: command.path,
    type: command.type,
    idField: aggregate.idField,
    sample,
    payload: () => ({ ...sample, [aggregate.idField]: `bench-${n++}-${randomUUID()}` }),
  };
}
