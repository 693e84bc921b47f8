import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPlay } from '../../electron/host/play/cli.ts';
import { ROOT } from '../support/boards.ts';
import { hasStack, stormbench } from '../support/cli.ts';

describe('stormbench play', () => {
  it('refuses bad arguments and a log that is not there in one sentence (exit 2)', () => {
    const none = stormbench(['play']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^stormbench: which board\? Usage: stormbench play BOARD/);
    const missing = stormbench(['play', 'examples/small.storm.json', '--attach', 'nowhere/log.db']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/There is no log at .*nowhere\/log\.db; give the path of a service's log\.db/);
    expect(hasStack(missing.stderr)).toBe(false);
  });

  it('prints the service addresses and a line per event, and stops cleanly', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'sb-play-cli-'));
    copyFileSync(join(ROOT, 'examples', 'small.storm.json'), join(folder, 'small.storm.json'));
    let out = '';
    let release!: () => void;
    const stopped = new Promise<void>((r) => (release = r));
    const io = {
      stdout: (t: string) => void (out += t),
      stderr: (t: string) => void (out += t),
      cwd: folder,
      color: false,
    };
    const running = runPlay(['small.storm.json'], io, { wait: () => stopped });
    const deadline = Date.now() + 150_000;
    while (!/Ctrl\+C stops play/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const url = /^\s+Counter\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(out)?.[1];
    expect(url, out).toBeDefined();
    const answer = await fetch(`${url}/commands/order-coffee`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cupId: 'c-1', drink: 'flat white' }),
    });
    expect(answer.status, await answer.clone().text()).toBe(200);
    while (!/#1 /.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/#1\s+counter\s+Coffee ordered v\d+\s+counter\.Cup-c-1\s+← Order coffee/);
    release();
    expect(await running).toBe(0);
    expect(out).toContain('Stopped. The log is kept in .stormbench/play/small/data until the next play.');
    rmSync(folder, { recursive: true, force: true });
  }, 200_000);
});
