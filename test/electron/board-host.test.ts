import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeBoard } from '../../model/board/serialize.ts';
import { boardPath, HostError, toBoardName } from '../../electron/host/board-folder.ts';
import { BoardHost } from '../../electron/host/board-host.ts';

const board = (name: string) =>
  serializeBoard({ format: 'stormbench.board', formatVersion: 1, name, contexts: [], elements: [], links: [] });
const folder = () => mkdtemp(join(tmpdir(), 'sb-host-'));

describe('board names', () => {
  it('never leave the board folder', () => {
    for (const bad of [
      '../x.storm.json',
      '../../x.storm.json',
      '/etc/x.storm.json',
      'a/b.storm.json',
      'a\\b.storm.json',
      '.hidden.storm.json',
      'C:x.storm.json',
      'x.json',
      '.storm.json',
      '',
      'a\u0000.storm.json',
    ]) {
      expect(() => boardPath('/boards', bad), bad).toThrow(HostError);
    }
    expect(() => boardPath('/boards', 42)).toThrow(HostError);
    expect(boardPath('/boards', 'Sales workshop.storm.json')).toBe('/boards/Sales workshop.storm.json');
    expect(toBoardName('  Sales ')).toBe('Sales.storm.json');
  });
});

describe('the board host', () => {
  it('saves atomically and opens what it saved', async () => {
    const dir = await folder();
    const host = new BoardHost(dir);
    await host.save('a.storm.json', board('A'));
    const opened = await host.open('a.storm.json');
    expect(opened).toMatchObject({ ok: true, name: 'a.storm.json', board: JSON.parse(board('A')) });
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await host.recent()).toEqual(['a.storm.json']);
    expect((await host.list()).map((b) => b.name)).toEqual(['a.storm.json']);
  });

  it('asks before replacing a board and refuses to write an invalid one', async () => {
    const host = new BoardHost(await folder());
    await host.save('a.storm.json', board('A'));
    await expect(host.save('a.storm.json', board('B'))).rejects.toThrow('already exists');
    await host.save('a.storm.json', board('B'), { overwrite: true });
    await expect(host.save('b.storm.json', '{"format":"nope"}')).rejects.toThrow('Not saved: the board is not valid');
  });

  it("never overwrites a file that does not load, and reports the loader's message", async () => {
    const dir = await folder();
    const broken =
      '{ "format": "stormbench.board", "formatVersion": 1, "name": "X", "contexts": [], "elements": [ { "id": 1 } ], "links": [] }';
    await writeFile(join(dir, 'broken.storm.json'), broken);
    const host = new BoardHost(dir);
    const opened = await host.open('broken.storm.json');
    expect(opened.ok).toBe(false);
    expect((opened as { message: string }).message).toMatch(/^broken\.storm\.json:1:\d+: /);
    await expect(host.save('broken.storm.json', board('A'), { overwrite: true })).rejects.toThrow('left untouched');
    expect(await readFile(join(dir, 'broken.storm.json'), 'utf8')).toBe(broken);
    expect(await host.open('missing.storm.json')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^missing\.storm\.json: no such file/),
    });
  });

  it('keeps autosaves until discarded', async () => {
    const host = new BoardHost(await folder());
    await host.autosave('untitled', board('Draft'));
    await host.autosave('a.storm.json', board('A2'), 'a.storm.json');
    const entries = await host.recoveries();
    expect(entries.map((e) => [e.key, e.title, e.board]).sort()).toEqual([
      ['a.storm.json', 'A2', 'a.storm.json'],
      ['untitled', 'Draft', undefined],
    ]);
    expect((await host.recovery('untitled'))!.text).toBe(board('Draft'));
    await host.discardRecovery('untitled');
    expect((await host.recoveries()).map((e) => e.key)).toEqual(['a.storm.json']);
    await expect(host.autosave('../x', board('A'))).rejects.toThrow(HostError);
    await expect(host.autosave('untitled', 'not json')).rejects.toThrow('Autosave refused');
  });
});
