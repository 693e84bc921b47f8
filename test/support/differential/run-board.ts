import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../../generator/cli/main.ts';
import type { CommandCase, DrawnBoard } from '../arbitrary-board.ts';
import { ROOT } from '../boards.ts';
import { npmTest } from '../npm.ts';
import { startService, stopService, type RunningService } from '../service-process.ts';
import { instancesFor, overTheWire, type Source } from './instances.ts';
import { describeService, describeWorkbench, minimalCase, recheckExamples } from './recheck.ts';
import { failureClass, failuresOf, loadServiceValidation, type InProcess } from './service-side.ts';
import { compare, normalise, workbenchVerdict, type ServiceAnswer } from './verdict.ts';

/**
 * One board across the seam: `check` in-process; when it passes, `generate`; per service, its own
 * `npm test` (with the workbench's node_modules linked in, no install) and a start; then every
 * instance over HTTP, each answer compared with the workbench's verdict. Anything on the way that
 * the workbench's acceptance promised and the service did not keep is a disagreement.
 */

export interface Disagreement {
  class: string;
  where: string;
  schema?: unknown;
  instance?: unknown;
  workbench: string;
  service: string;
  /** The same disagreement on the smallest schema and instance found (in-process). */
  minimal?: { schema: unknown; instance: unknown; workbench: string; service: string };
}

export interface Counts {
  sent: number;
  examples: number;
  faker: number;
  fakerValid: number;
  fakerFailed: number;
  nearMisses: number;
  refusedByWorkbench: number;
  examplesRechecked: number;
}

export interface BoardRun {
  name: string;
  checkErrors: string[];
  generated: boolean;
  services: number;
  npmTestsPassed: number;
  started: number;
  counts: Counts;
  disagreements: Disagreement[];
  ms: number;
  /** Where the board was saved, when it had a disagreement and a folder was given. */
  saved?: string;
}

export interface RunOptions {
  /** Parent of the board's temporary folder (removed afterwards). */
  tmp: string;
  seed: number;
  fakerPerCommand: number;
  npmTimeoutMs?: number;
  /** A folder to keep the boards that showed a disagreement in. */
  saveTo?: string;
  log?: (line: string) => void;
}

export function emptyCounts(): Counts {
  return {
    sent: 0,
    examples: 0,
    faker: 0,
    fakerValid: 0,
    fakerFailed: 0,
    nearMisses: 0,
    refusedByWorkbench: 0,
    examplesRechecked: 0,
  };
}

function capture() {
  const out: string[] = [];
  return {
    io: { cwd: ROOT, color: false, stdout: (t: string) => out.push(t), stderr: (t: string) => out.push(t) },
    text: () => out.join(''),
  };
}

export async function runBoard(drawn: DrawnBoard, options: RunOptions): Promise<BoardRun> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const { board } = drawn;
  const run: BoardRun = {
    name: board.name,
    checkErrors: [],
    generated: false,
    services: 0,
    npmTestsPassed: 0,
    started: 0,
    counts: emptyCounts(),
    disagreements: [],
    ms: 0,
  };
  const dir = mkdtempSync(join(options.tmp, 'board-'));
  const running: RunningService[] = [];
  try {
    const file = join(dir, 'board.storm.json');
    writeFileSync(file, `${JSON.stringify(board, null, 2)}\n`);

    const check = capture();
    const checkCode = await main(['check', file, '--json', '--quiet'], check.io);
    if (checkCode !== 0) {
      const report = JSON.parse(check.text()) as {
        boards: Array<{ problems?: Array<{ rule: string; severity: string; message: string }> }>;
      };
      run.checkErrors = (report.boards[0]?.problems ?? [])
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.rule}: ${p.message}`);
      return run;
    }

    const out = join(dir, 'services');
    const generated = capture();
    const generateCode = await main(['generate', file, '--out', out, '--json'], generated.io);
    const result = JSON.parse(generated.text()) as {
      ok: boolean;
      errors?: string[];
      services?: Array<{ context: string; dir: string }>;
    };
    if (generateCode !== 0 || !result.ok) {
      const errors = result.errors ?? [generated.text()];
      run.disagreements.push({
        class: `generate refuses a board check accepts: ${normalise(errors[0] ?? '')}`,
        where: board.name,
        workbench: 'check: no errors',
        service: `generate: ${errors.join(' | ')}`,
      });
      return run;
    }
    run.generated = true;
    run.services = result.services!.length;

    const sharedLog = `sqlite:${join(dir, 'log.db')}`;
    const services = new Map<string, { live?: RunningService; inProcess?: InProcess }>();
    for (const service of result.services!) {
      symlinkSync(join(ROOT, 'node_modules'), join(service.dir, 'node_modules'), 'dir');
      log(`  ${service.context}: npm test`);
      const test = await npmTest(service.dir, options.npmTimeoutMs ?? 300_000);
      if (test.code === 0 && /# fail 0/.test(test.output)) run.npmTestsPassed++;
      else
        for (const failure of failuresOf(test.output))
          run.disagreements.push({
            class: `the service's own npm test fails: ${failureClass(failure)}`,
            where: `${board.name} / ${service.context}`,
            workbench: 'check: no errors',
            service: failure,
          });
      // Every scenario is drawn to be met by the default decider as docs/generator.md describes it;
      // one generated as TODO means the generator reads that rule differently.
      for (const todo of test.output.split('\n').filter((l) => /^\s*ok \d+ - .*# TODO/.test(l))) {
        run.disagreements.push({
          class: 'a scenario the documented default decider meets is generated as TODO',
          where: `${board.name} / ${service.context}`,
          workbench: "the scenario's then = the command's fields the event declares, plus its defaults",
          service: todo.trim(),
        });
      }
      const inProcess = await loadServiceValidation(service.dir);
      services.set(service.context, { ...(inProcess ? { inProcess } : {}) });
      if (inProcess) run.disagreements.push(...recheckExamples(board, service.context, inProcess, run.counts));
      try {
        const live = await startService(
          service.dir,
          { dataDir: join(dir, 'data', service.context), log: sharedLog },
          'dist',
        );
        running.push(live);
        services.get(service.context)!.live = live;
        run.started++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const lines = message.split('\n').filter((l) => l.trim() !== '');
        const last =
          lines.find((l) => /could not start/.test(l)) ??
          lines.filter((l) => /error/i.test(l)).at(-1) ??
          lines[0] ??
          message;
        run.disagreements.push({
          class: `the service does not start: ${normalise(last)}`,
          where: `${board.name} / ${service.context}`,
          workbench: 'check: no errors',
          service: message.slice(-1500),
        });
      }
    }

    for (const command of drawn.commands) {
      const service = services.get(command.contextId);
      if (!service?.live) continue;
      // A service that died on a payload is reported once, with that payload; its other commands are skipped.
      if ((await sendAll(command, service.live, service.inProcess, options, run)) === 'died') delete service.live;
    }
    return run;
  } finally {
    for (const service of running) await stopService(service);
    if (run.disagreements.length > 0 && options.saveTo) {
      mkdirSync(options.saveTo, { recursive: true });
      run.saved = join(options.saveTo, `seed-${options.seed}.storm.json`);
      writeFileSync(run.saved, `${JSON.stringify(board, null, 2)}\n`);
    }
    rmSync(dir, { recursive: true, force: true });
    run.ms = Math.round(performance.now() - started);
  }
}

async function sendAll(
  command: CommandCase,
  live: RunningService,
  inProcess: InProcess | undefined,
  options: RunOptions,
  run: BoardRun,
): Promise<'died' | undefined> {
  const count: Record<Source, keyof Counts> = { example: 'examples', faker: 'faker', 'near miss': 'nearMisses' };
  for (const instance of instancesFor(command, { faker: options.fakerPerCommand, seed: options.seed })) {
    if (instance.value === undefined) {
      run.counts.fakerFailed++;
      continue;
    }
    const value = overTheWire(instance.value);
    const workbench = workbenchVerdict(command.schema, value);
    if (instance.source === 'example' && !(workbench.compiled && workbench.ok))
      throw new Error(
        `check accepted the board, yet its example of ${command.name} fails the workbench: ${describeWorkbench(workbench)}`,
      );
    run.counts[count[instance.source]]++;
    if (instance.source === 'faker' && workbench.compiled && workbench.ok) run.counts.fakerValid++;
    if (workbench.compiled && !workbench.ok) run.counts.refusedByWorkbench++;
    let answer = await post(`${live.url}/commands/${command.path}`, value);
    // Node closes an idle keep-alive socket after 5 s, and a request sent as it does so finds the
    // other side closed: the service is fine, ask again once.
    if (answer.status === -1 && live.child.exitCode === null && live.child.signalCode === null)
      answer = await post(`${live.url}/commands/${command.path}`, value);
    run.counts.sent++;
    if (answer.status === -1) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const exited = live.child.exitCode ?? live.child.signalCode;
      run.disagreements.push({
        class: `the service gives no answer${exited !== null ? ' and exits' : ''}: ${normalise(answer.message ?? '')}`,
        where: `${run.name} / ${command.name} / ${instance.source}: ${instance.label}`,
        schema: command.schema,
        instance: value,
        workbench: describeWorkbench(workbench),
        service: `no answer (${answer.message}); ${exited !== null ? `the process exited (${exited})` : 'the process still runs'}; its output ends:\n${live.output().slice(-1500)}`,
      });
      if (exited !== null) return 'died';
      continue;
    }
    const verdict = compare(workbench, answer);
    if (verdict.agree) continue;
    // Shrinking takes a while; two minimal cases of a class per board are plenty for the report.
    const shrink =
      inProcess !== undefined && run.disagreements.filter((d) => d.class === verdict.class && d.minimal).length < 2;
    run.disagreements.push({
      class: verdict.class,
      where: `${run.name} / ${command.name} / ${instance.source}: ${instance.label}`,
      schema: command.schema,
      instance: value,
      workbench: describeWorkbench(workbench),
      service: describeService(answer),
      ...(shrink ? minimalCase(command.schema, value, verdict.class, inProcess) : {}),
    });
  }
  return undefined;
}

async function post(url: string, body: unknown): Promise<ServiceAnswer> {
  // Appended: the command is decided and its events validated and stored before the answer, so a
  // payload the edge accepts but the decider's event schema refuses shows as a 500 here.
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'response-mode': 'appended' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    text = await response.text();
  } catch (error) {
    // No HTTP answer at all (status -1): the connection closed, or 15 s passed.
    const cause =
      error instanceof Error && error.cause instanceof Error
        ? error.cause.message
        : error instanceof Error
          ? error.message
          : String(error);
    return { status: -1, message: cause };
  }
  let parsed: { errors?: string[]; message?: string } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    parsed = { message: text.slice(0, 300) };
  }
  return {
    status: response.status,
    ...(parsed.errors ? { errors: parsed.errors } : {}),
    ...(parsed.message ? { message: parsed.message } : {}),
  };
}
