import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shot } from './driver.ts';
import { useApp } from './fixture.ts';
import { act, converged, joinPage } from './workshop-driver.ts';

describe('Host a workshop from the app', () => {
  const app = useApp({ boards: [{ from: 'examples/small.storm.json', as: 'cafe.storm.json' }] });

  it('turns the open board into a live session that a participant joins with the link', async () => {
    const { page: facilitator, browser, folder } = app;
    await facilitator.getByRole('button', { name: 'Host a workshop', exact: true }).click();
    const link = await facilitator.getByRole('textbox', { name: 'Join link' }).inputValue();
    expect(link).toMatch(/\?join=[\w-]{20,}&board=cafe\.storm\.json$/);
    const ann = await joinPage(browser, `${link}&name=Ann`);
    await converged([facilitator, ann]);
    await act(ann, 'place', 'hotspot', { x: 0, y: 900 }, 'asked by Ann');
    expect(await converged([facilitator, ann])).toContain('asked by Ann');
    await facilitator.getByText('Ann', { exact: true }).waitFor();
    await shot(facilitator, 'workshop-hosted-from-app');
    await expect.poll(() => readFile(join(folder, 'cafe.storm.json'), 'utf8')).toContain('asked by Ann');
  });
});
