import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WORKSHOP_CLOSE, WORKSHOP_MESSAGE } from '../../contract/workshop-wire.ts';
import { ENDED, MAX_PARTICIPANT_CONNECTIONS } from '../../electron/host/workshop-server.ts';
import { until, useTestWorkshop } from './workshop-client.ts';

// Issue 17: the number of a workshop's connections had no limit, and a facilitator had no way to
// end a workshop but killing the host.

const room = useTestWorkshop();
const join = (token?: string) => room.join(token);

describe('how many pages a workshop takes', () => {
  it(`lets ${MAX_PARTICIPANT_CONNECTIONS} participants' pages in, tells the next one in a sentence and closes it; the facilitator always gets in`, async () => {
    const inside = Array.from({ length: MAX_PARTICIPANT_CONNECTIONS }, () => join());
    await Promise.all(inside.map((c) => c.synced));
    const late = join();
    expect(await late.closed).toMatchObject({ code: WORKSHOP_CLOSE.full });
    expect(late.sentences).toEqual([
      {
        type: WORKSHOP_MESSAGE.refused,
        text: `The workshop is full: it takes ${MAX_PARTICIPANT_CONNECTIONS} participants' pages at once. Close this workshop's other tabs, or reload this page once someone has left.`,
      },
    ]);
    const facilitator = join(room.workshop.facilitatorToken);
    await facilitator.synced;
    expect(room.workshop.facilitatorPages).toBe(1);
    // A page that leaves makes room for the next.
    inside[0]!.close();
    await inside[0]!.closed;
    await until(() => room.notices.length === 1, 'the refusal noticed');
    const next = join();
    await next.synced;
    expect(next.ws.readyState).toBe(WebSocket.OPEN);
  });
});

describe('ending a workshop', () => {
  it('tells every page in one sentence, closes them so they do not come back, saves the board, and refuses new connections', async () => {
    const ann = join();
    const facilitator = join(room.workshop.facilitatorToken);
    await Promise.all([ann.synced, facilitator.synced]);
    ann.doc.getMap('meta').set('name', 'Last words');
    await until(
      () => facilitator.doc.getMap('meta').get('name') === 'Last words',
      'the rename to reach the facilitator',
    );
    await room.workshop.end();
    for (const page of [ann, facilitator]) {
      expect(await page.closed).toMatchObject({ code: WORKSHOP_CLOSE.ended });
      expect(page.sentences).toEqual([{ type: WORKSHOP_MESSAGE.ended, text: ENDED }]);
    }
    expect(JSON.parse(await readFile(room.file, 'utf8')).name).toBe('Last words');
    // The upgrade is no longer the workshop's: nothing on the server takes it.
    const after = new WebSocket(`${room.socketUrl}?token=${room.workshop.joinToken}`);
    const outcome = await new Promise<string>((resolve) => {
      after.once('open', () => resolve('open'));
      after.once('error', () => resolve('refused'));
      after.once('unexpected-response', () => resolve('refused'));
    });
    after.terminate();
    expect(outcome).toBe('refused');
  });
});
