import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, ROOT, shot, startServer, tempFolder, type Server } from './driver.ts';
import { act, converged, joinPage } from './workshop-driver.ts';

describe('Host a workshop from the app', () => {
  let browser: Browser;
  let server: Server;
  let folder: string;

  beforeAll(async () => {
    folder = await tempFolder('stormbench-workshop-host-');
    await copyFile(join(ROOT, 'examples', 'small.storm.json'), join(folder, 'cafe.storm.json'));
    server = await startServer(folder, 'cafe.storm.json');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('turns the open board into a live session that a participant joins with the link', async () => {
    const facilitator = await openApp(browser, server.url);
    await facilitator.getByRole('button', { name: 'Host a workshop', exact: true }).click();
    const link = await facilitator.getByRole('textbox', { name: 'Join link' }).inputValue();
    expect(link).toMatch(/\?join=[\w-]{20,}&board=cafe\.storm\.json$/);
    const ann = await joinPage(browser, `${link}&name=Ann`);
    await converged([facilitator, ann]);
    await act(ann, 'place', 'hotspot', { x: 0, y: 900 }, 'asked by Ann');
    expect(await converged([facilitator, ann])).toContain('asked by Ann');
    await facilitator.getByText('Ann', { exact: true }).waitFor();
    await shot(facilitator, 'workshop-hosted-from-app');
    const until = Date.now() + 5_000;
    while (!(await readFile(join(folder, 'cafe.storm.json'), 'utf8')).includes('asked by Ann') && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(await readFile(join(folder, 'cafe.storm.json'), 'utf8')).toContain('asked by Ann');
  });
});
