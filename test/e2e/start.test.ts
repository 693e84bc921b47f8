import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, tempFolder, type Server } from './driver.ts';

// `npm start` runs `stormbench start`. Where Electron's binary cannot be had (CI, this machine),
// it says so in one line and serves the same app for a browser.
describe.skipIf(existsSync(join(ROOT, 'node_modules', 'electron', 'path.txt')))('npm start without Electron', () => {
  let server: Server | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it('says so in one line and serves the app on 127.0.0.1', async () => {
    server = await startServer(await tempFolder(), undefined, 'start');
    const stdout = server
      .output()
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('Building'));
    expect(stdout).toHaveLength(2);
    expect(stdout[0]).toMatch(/^Electron cannot run here \(.+\); serving the same app for a browser instead\.$/);
    expect(stdout[1]).toMatch(/^Stormbench is running at http:\/\/127\.0\.0\.1:\d+\/ /);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
  });
});
