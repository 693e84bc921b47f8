import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoardHost } from '../../electron/host/board-host.ts';
import { HostError } from '../../electron/host/board-folder.ts';
import { generateContext, outputFolder, previewGeneration } from '../../electron/host/generate-host.ts';
import { dispatch, validateArgs } from '../../electron/host/messages.ts';
import { menuTemplate } from '../../electron/main/menu.ts';
import { parseBoard } from '../../model/board/load.ts';
import { serializeBoard } from '../../model/board/serialize.ts';
import type { Board, EventElement } from '../../model/board/types.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const folder = () => mkdtemp(join(tmpdir(), 'sb-gen-host-'));

async function example(): Promise<Board> {
  const parsed = parseBoard(await readFile(join(ROOT, 'examples', 'order-fulfilment.storm.json'), 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.board;
}

describe('generating from the app', () => {
  it('previews every file with its status, and a user-owned file is left alone after a first generation', async () => {
    const dir = await folder();
    const text = serializeBoard(await example());

    const first = await previewGeneration(dir, text, 'services', ['sales']);
    expect(first.problems).toEqual([]);
    expect(first.out).toBe('services');
    const sales = first.services[0]!;
    expect(sales).toMatchObject({
      context: 'sales',
      packageName: 'sales-service',
      folder: 'services/sales-service',
      responseMode: 'applied',
    });
    expect(new Set(sales.files.map((f) => f.status))).toEqual(new Set(['new']));
    expect(sales.files).toContainEqual({ path: 'src/domain/order.ts', owner: 'user', status: 'new' });
    expect(sales.files).toContainEqual({ path: 'src/generated/definition.ts', owner: 'generated', status: 'new' });
    // The preview wrote nothing.
    expect(existsSync(join(dir, 'services'))).toBe(false);

    const generated = await generateContext(dir, text, 'services', 'sales');
    if (!generated.ok) throw new Error(JSON.stringify(generated.problems));
    expect(generated.service).toMatchObject({
      folder: 'services/sales-service',
      path: join(dir, 'services', 'sales-service'),
      written: sales.files.length,
      unchanged: 0,
      kept: [],
    });
    expect(generated.service.run).toEqual(['cd services/sales-service', 'npm install', 'npm test', 'npm start']);
    // Order placed has two versions; the scenarios on Order that the default decider cannot meet are pending.
    expect(generated.service.needsPerson).toContainEqual(
      expect.objectContaining({ code: 'scenario-pending', elementIds: ['agg-order-1'], contextId: 'sales' }),
    );

    // The user writes their rules; the board changes its response mode.
    const domain = join(dir, 'services/sales-service/src/domain/order.ts');
    const mine = `${await readFile(domain, 'utf8')}\n// my rules\n`;
    await writeFile(domain, mine);
    const board = await example();
    board.contexts.find((c) => c.id === 'sales')!.service = { packageName: 'sales-service', responseMode: 'accepted' };
    const again = await previewGeneration(dir, serializeBoard(board), 'services', ['sales']);
    const status = (path: string) => again.services[0]!.files.find((f) => f.path === path)?.status;
    expect(status('src/domain/order.ts')).toBe('kept');
    expect(status('src/generated/definition.ts')).toBe('changed');
    expect(
      status('src/runtime/log.ts') ??
        status(again.services[0]!.files.find((f) => f.path.startsWith('src/runtime/'))!.path),
    ).toBe('unchanged');
    expect(again.services[0]!.responseMode).toBe('accepted');

    const second = await generateContext(dir, serializeBoard(board), 'services', 'sales');
    if (!second.ok) throw new Error(JSON.stringify(second.problems));
    expect(second.service.kept).toContain('src/domain/order.ts');
    expect(await readFile(domain, 'utf8')).toBe(mine);
    expect(await readFile(join(dir, 'services/sales-service/src/generated/definition.ts'), 'utf8')).toContain(
      'accepted',
    );
  }, 60_000);

  it("marks generated files the board no longer needs, and the user's that lost their counterpart", async () => {
    const dir = await folder();
    const board = await example();
    const done = await generateContext(dir, serializeBoard(board), 'services', 'shipping');
    expect(done.ok).toBe(true);
    // Pick list goes from the board: its generated code goes, the user's projection stays.
    board.elements = board.elements.filter((e) => e.id !== 'rm-pick-list');
    board.links = board.links.filter((l) => l.from !== 'rm-pick-list' && l.to !== 'rm-pick-list');
    const preview = await previewGeneration(dir, serializeBoard(board), 'services', ['shipping']);
    expect(preview.services[0]!.files).toContainEqual({
      path: 'src/projections/pick-list.ts',
      owner: 'user',
      status: 'orphan',
    });
    // About a file, not a sticky (the sticky is gone): the context's frame is where to look.
    expect(
      preview.services[0]!.needsPerson.filter((n) => n.code === 'user-file-orphaned').map((n) => [
        n.elementIds,
        n.contextId,
      ]),
    ).toEqual([[[], 'shipping']]);
  }, 60_000);

  it('writes only inside the board folder', async () => {
    const dir = await folder();
    for (const bad of [
      '',
      '  ',
      '/tmp/out',
      '\\\\server\\share',
      'C:\\out',
      '../out',
      'services/../../out',
      '.stormbench',
      'services/.git',
      'a:b',
      'x\u0000y',
    ]) {
      await expect(outputFolder(dir, bad), JSON.stringify(bad)).rejects.toThrow(HostError);
    }
    await expect(outputFolder(dir, '../out')).rejects.toThrow('leads out of the board folder ("..")');
    await expect(outputFolder(dir, '/tmp/out')).rejects.toThrow('is an absolute path');
    expect(await outputFolder(dir, 'services')).toEqual({ absolute: join(dir, 'services'), relative: 'services' });
    expect(await outputFolder(dir, ' build\\services/ ')).toEqual({
      absolute: join(dir, 'build', 'services'),
      relative: 'build/services',
    });

    // A link inside the folder that leads out of it is refused as well.
    const outside = await folder();
    await symlink(outside, join(dir, 'escape'));
    await expect(outputFolder(dir, 'escape/services')).rejects.toThrow('is a link to a place outside the board folder');
    const text = serializeBoard(await example());
    await expect(generateContext(dir, text, 'escape', 'sales')).rejects.toThrow(HostError);
    expect(await readdir(outside)).toEqual([]);
    // ...and a link to a folder inside it is fine.
    await mkdir(join(dir, 'real'));
    await symlink(join(dir, 'real'), join(dir, 'inside'));
    expect((await outputFolder(dir, 'inside/services')).relative).toBe('inside/services');
  });

  it('refuses to overwrite hand-written files where generated ones go, naming them, writing nothing', async () => {
    const dir = await folder();
    const service = join(dir, 'services', 'sales-service');
    await mkdir(join(service, 'src'), { recursive: true });
    await writeFile(join(service, 'README.md'), '# Our notes\n');
    await writeFile(join(service, 'src', 'main.ts'), 'start();\n');
    const refused = generateContext(dir, serializeBoard(await example()), 'services', 'sales');
    await expect(refused).rejects.toThrow(HostError);
    await expect(refused).rejects.toThrow(
      /services\/sales-service holds README\.md and src\/main\.ts, not written by Stormbench.*move them out of that folder/,
    );
    expect(await readFile(join(service, 'README.md'), 'utf8')).toBe('# Our notes\n');
    expect((await readdir(service)).sort()).toEqual(['README.md', 'src']);
  });

  it('refuses a board with lint errors and names the stickies, writing nothing', async () => {
    const dir = await folder();
    const board = await example();
    const placed = board.elements.find((e) => e.id === 'evt-order-placed') as EventElement;
    placed.versions![1]!.version = 5;
    const text = serializeBoard(board);
    const preview = await previewGeneration(dir, text, 'services', ['sales']);
    // The linter's own code and sticky, and nothing the planner would repeat in other words.
    expect(preview.problems.map((p) => [p.source, p.code, p.elementIds])).toEqual([
      ['lint', 'event-version-gap', ['evt-order-placed']],
    ]);
    expect(preview.services).toEqual([]);
    const outcome = await generateContext(dir, text, 'services', 'sales');
    expect(outcome).toEqual({ ok: false, problems: preview.problems });
    expect(existsSync(join(dir, 'services'))).toBe(false);

    // A refusal of the planner's (the board lints clean): the command and both its aggregates.
    const fixed = await example();
    fixed.elements.push({
      id: 'agg-invoice',
      kind: 'aggregate',
      name: 'Invoice',
      context: 'sales',
      x: 0,
      y: 1200,
      width: 160,
      height: 100,
    });
    fixed.links.push({ id: 'l-twice', from: 'cmd-place-order', to: 'agg-invoice' });
    const twice = await previewGeneration(dir, serializeBoard(fixed), 'services', ['sales', 'payments']);
    expect(twice.problems.map((p) => [p.source, p.code, p.elementIds, p.contextId])).toEqual([
      ['generator', 'command-with-two-aggregates', ['cmd-place-order', 'agg-order-1', 'agg-invoice'], 'sales'],
    ]);
  });

  it('says a failed write as a HostError, naming the service folder', async () => {
    const dir = await folder();
    // A file where the service's folder would go: nothing can be written into it.
    await mkdir(join(dir, 'services'));
    await writeFile(join(dir, 'services', 'sales-service'), 'in the way');
    const failed = await generateContext(dir, serializeBoard(await example()), 'services', 'sales').catch(
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(HostError);
    expect((failed as HostError).status).toBe(500);
    expect((failed as HostError).message).toMatch(
      /^Writing services\/sales-service failed\. .+ Files written before the failure stay/,
    );
  });

  it('points what needs a person at exactly the stickies it is about, or else the context frame', async () => {
    const dir = await folder();
    const board = await example();
    // A command with no aggregate: the planner notes it, on the command's sticky.
    board.elements.push({
      id: 'cmd-refund',
      kind: 'command',
      name: 'Refund order',
      context: 'sales',
      x: 0,
      y: 900,
      width: 160,
      height: 100,
    });
    const preview = await previewGeneration(dir, serializeBoard(board), 'services', ['sales', 'payments']);
    expect(preview.problems).toEqual([]);
    const sales = preview.services.find((s) => s.context === 'sales')!;
    expect(sales.needsPerson.map((n) => [n.code, n.severity, n.elementIds])).toEqual([
      ['command-without-aggregate', 'warning', ['cmd-refund']],
      ['scenario-pending', 'warning', ['agg-order-1']],
    ]);
    const payments = preview.services.find((s) => s.context === 'payments')!;
    expect(payments.needsPerson.map((n) => [n.code, n.elementIds, n.contextId])).toEqual([
      ['scenario-pending', ['agg-payment'], 'payments'],
    ]);

    // A breaking step, declared as such: the upcaster is the person's to write, on the sticky with
    // the event's history (evt-order-placed-p is the same event placed again, without one).
    const placed = board.elements.find((e) => e.id === 'evt-order-placed') as EventElement;
    placed.compatibility = 'NONE';
    placed.versions!.push({
      version: 3,
      schema: {
        type: 'object',
        properties: {
          orderId: { type: 'string' },
          customerId: { type: 'string' },
          total: { type: 'number', minimum: 0, maximum: 100000 },
          currency: { type: 'string', pattern: '^[A-Z]{3}$', default: 'EUR' },
        },
        required: ['orderId', 'customerId', 'total'],
      },
      examples: [],
    });
    const broken = await previewGeneration(dir, serializeBoard(board), 'services', ['sales']);
    expect(broken.problems).toEqual([]);
    const breaking = broken.services[0]!;
    expect(breaking.files).toContainEqual({
      path: 'src/upcasters/order-placed-v2-to-v3.ts',
      owner: 'user',
      status: 'new',
    });
    expect(breaking.needsPerson.filter((n) => n.code === 'upcaster-needs-person').map((n) => n.elementIds)).toEqual([
      ['evt-order-placed'],
    ]);

    const none = await previewGeneration(dir, serializeBoard(board), 'services', []);
    expect(none.problems.map((p) => [p.code, p.elementIds])).toEqual([['no-context-chosen', []]]);
    const gone = await generateContext(dir, serializeBoard(board), 'services', 'billing');
    expect(gone.ok ? [] : gone.problems.map((p) => [p.code, p.elementIds, p.contextId])).toEqual([
      ['unknown-context', [], undefined],
    ]);
  });

  it("checks the operations' messages like every other", async () => {
    expect(() => validateArgs('previewGenerate', { text: '', out: 'services', contexts: 'sales' })).toThrow(
      'argument "contexts" must be a list of strings',
    );
    expect(() => validateArgs('previewGenerate', { text: '', out: 'services', contexts: [1] })).toThrow(
      'must be a list of strings',
    );
    expect(() => validateArgs('generate', { text: '', out: 'services' })).toThrow('argument "context" is missing');
    expect(() => validateArgs('generate', { text: '', out: 'services', context: 'sales', dir: '/' })).toThrow(
      'unknown argument "dir"',
    );
    const dir = await folder();
    const host = new BoardHost(dir);
    const session = { folder: dir, mode: 'browser' as const };
    await expect(
      dispatch(host, session, 'generate', { text: '{}', out: 'services', context: 'sales' }),
    ).rejects.toThrow('The board cannot be generated');
    await expect(
      dispatch(host, session, 'previewGenerate', {
        text: serializeBoard(await example()),
        out: '../x',
        contexts: ['sales'],
      }),
    ).rejects.toThrow('leads out of the board folder');
  });
});

describe('the desktop menu', () => {
  it('has File › Generate Services…, which runs the same command as Ctrl+Alt+G', () => {
    const sent: string[] = [];
    const file = menuTemplate(
      'linux',
      (c) => sent.push(c),
      () => {},
    )[0]!.submenu as Array<{ label?: string; click?: () => void }>;
    file.find((i) => i.label === 'Generate Services…')!.click!();
    expect(sent).toEqual(['generate']);
  });
});
