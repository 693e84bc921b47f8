import { lstat, mkdir, mkdtemp, readFile, readdir, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeBoard } from '../../model/board/serialize.ts';
import { HostError } from '../../electron/host/board-folder.ts';
import { BoardHost } from '../../electron/host/board-host.ts';

const board = (name: string) =>
  serializeBoard({ format: 'stormbench.board', formatVersion: 1, name, contexts: [], elements: [], links: [] });

/** A board folder, and a folder beside it that a pre-placed link points into. */
async function folders(): Promise<{ dir: string; outside: string }> {
  const base = await mkdtemp(join(tmpdir(), 'sb-links-'));
  const dir = join(base, 'boards');
  const outside = join(base, 'outside');
  await mkdir(dir);
  await mkdir(outside);
  return { dir, outside };
}

describe('the board host with pre-placed symbolic links', () => {
  it('neither opens, lists nor saves a board whose file is a link out of the folder', async () => {
    const { dir, outside } = await folders();
    await writeFile(join(outside, 'private.storm.json'), board('Private'));
    await symlink(join(outside, 'private.storm.json'), join(dir, 'linked.storm.json'));
    const host = new BoardHost(dir);
    const opened = await host.open('linked.storm.json');
    expect(opened.ok).toBe(false);
    expect(JSON.stringify(opened)).not.toContain('Private');
    expect(opened).toMatchObject({
      message: expect.stringMatching(/linked\.storm\.json.*symbolic link.*leads out of the board folder/),
    });
    expect((await host.list()).map((b) => b.name)).toEqual([]);
    await expect(host.save('linked.storm.json', board('Changed'), { overwrite: true })).rejects.toThrow(HostError);
    expect(await readFile(join(outside, 'private.storm.json'), 'utf8')).toBe(board('Private'));
    expect((await lstat(join(dir, 'linked.storm.json'))).isSymbolicLink()).toBe(true);
  });

  it('keeps its own state (.stormbench) and exports inside the folder when those are links out', async () => {
    const { dir, outside } = await folders();
    await mkdir(join(outside, 'state'));
    await mkdir(join(outside, 'exports'));
    await symlink(join(outside, 'state'), join(dir, '.stormbench'));
    await symlink(join(outside, 'exports'), join(dir, 'exports'));
    const host = new BoardHost(dir);
    // The board itself is saved; the recent list and autosaves are not written through the link.
    await host.save('a.storm.json', board('A'));
    await expect(host.autosave('a.storm.json', board('A'), 'a.storm.json')).rejects.toThrow(
      /symbolic link.*leads out of the board folder/,
    );
    await expect(host.exportBoard('report', board('A'))).rejects.toThrow(
      /symbolic link.*leads out of the board folder/,
    );
    expect(await readdir(join(outside, 'state'))).toEqual([]);
    expect(await readdir(join(outside, 'exports'))).toEqual([]);
  });
});

describe('temporary files of killed saves', () => {
  it('are removed by the next save and the next listing of the folder; a fresh one (a save in progress) stays', async () => {
    const { dir } = await folders();
    const host = new BoardHost(dir);
    await host.save('a.storm.json', board('A'));
    // What a kill -9 between write and rename leaves: the temporary file beside the board.
    const stale = ['.a.storm.json.0123456789ab.tmp', '.b.storm.json.ba9876543210.tmp'];
    const fresh = '.b.storm.json.aaaaaaaaaaaa.tmp';
    const old = new Date(Date.now() - 10 * 60_000);
    for (const name of stale) {
      await writeFile(join(dir, name), '{"half":');
      await utimes(join(dir, name), old, old);
    }
    await writeFile(join(dir, fresh), '{"half":');
    await host.save('a.storm.json', board('A2'), { overwrite: true });
    expect((await readdir(dir)).sort()).toEqual([
      '.b.storm.json.aaaaaaaaaaaa.tmp',
      '.b.storm.json.ba9876543210.tmp',
      '.stormbench',
      'a.storm.json',
    ]);
    await host.list();
    expect((await readdir(dir)).sort()).toEqual(['.b.storm.json.aaaaaaaaaaaa.tmp', '.stormbench', 'a.storm.json']);
  });
});
