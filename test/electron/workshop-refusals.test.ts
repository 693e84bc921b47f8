import { mkdir, readFile, rm } from 'node:fs/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseBoard } from '../../model/board/load.ts';
import { WORKSHOP_MESSAGE } from '../../contract/workshop-wire.ts';
import { connectClient, stickyIn, until, useTestWorkshop, type TestClient } from './workshop-client.ts';

// Issue 16, item 3: one participant wrote a sticky the board format refuses (width -1, a bad
// colour, a 300-character context, versions that are not an array); every page showed it, and
// every later save failed until someone deleted it. The host now undoes such a change of that
// one connection, keeps saving the rest, and tells the pages when a save fails.

const room = useTestWorkshop();
let ann: TestClient;
let bo: TestClient;

beforeEach(async () => {
  ann = room.join();
  bo = room.join();
  await Promise.all([ann.synced, bo.synced]);
});

async function fileBoard(): Promise<{
  elements: Array<Record<string, unknown>>;
  contexts: Array<Record<string, unknown>>;
}> {
  const parsed = parseBoard(await readFile(room.file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return parsed.board as never;
}

function field(doc: Y.Doc, collection: 'elements' | 'contexts', id: string): Y.Map<unknown> {
  return doc.getMap(collection).get(id) as Y.Map<unknown>;
}

describe('a change the board format refuses', () => {
  const cases: Array<[string, 'elements' | 'contexts', string, string, unknown, RegExp]> = [
    ['a negative width', 'elements', 'evt-coffee-ordered', 'width', -1, /"width" set to -1, which must be > 0/],
    ['a colour that is not one', 'contexts', 'counter', 'color', 'red', /"color" set to "red", which is not a colour/],
    [
      'a 300-character context',
      'elements',
      'agg-cup',
      'context',
      'c'.repeat(300),
      /"context" longer than 200 characters/,
    ],
    [
      'versions that are not an array',
      'elements',
      'evt-coffee-ordered',
      'versions',
      'v1',
      /"versions" set to "v1", of the wrong type: it must be array/,
    ],
  ];

  for (const [what, collection, id, key, value, said] of cases) {
    it(`is undone on every peer and told to its sender, and saving goes on: ${what}`, async () => {
      const before = field(ann.doc, collection, id).toJSON();
      field(ann.doc, collection, id).set(key, value);
      await until(() => ann.sentences.some((s) => s.type === WORKSHOP_MESSAGE.refused), 'the refusal');
      expect(ann.sentences[0]!.text).toMatch(said);
      expect(ann.sentences[0]!.text).toMatch(/^The host undid your change/);
      // Both participants end where the board was; Bo was never told anything.
      await until(
        () => JSON.stringify(field(ann.doc, collection, id).toJSON()) === JSON.stringify(before),
        'Ann to get the change undone',
      );
      await until(
        () => JSON.stringify(field(bo.doc, collection, id).toJSON()) === JSON.stringify(before),
        'Bo to hold the board as it was',
      );
      expect(bo.sentences).toEqual([]);
      // Bo's next edit is saved: the file loads and holds it.
      field(bo.doc, 'elements', 'hot-oat').set('name', 'Oat milk is free');
      await until(
        () => stickyIn(room.workshop.doc, 'hot-oat')?.name === 'Oat milk is free',
        "the host to have Bo's edit",
      );
      await room.workshop.flush();
      const saved = await fileBoard();
      expect(saved.elements.find((e) => e.id === 'hot-oat')!.name).toBe('Oat milk is free');
      expect(saved[collection].find((e) => e.id === id)).toEqual(before);
      expect(room.notices.filter((n) => /could not be saved/.test(n))).toEqual([]);
    });
  }

  it("keeps the sender's good changes to other stickies in the same update, and drops a new sticky that is not one", async () => {
    ann.doc.transact(() => {
      field(ann.doc, 'elements', 'cmd-order-coffee').set('name', 'Order a coffee');
      field(ann.doc, 'elements', 'agg-cup').set('height', 0);
      const junk = new Y.Map<unknown>();
      junk.set('id', 'junk');
      junk.set('kind', 'event');
      ann.doc.getMap('elements').set('junk', junk);
    });
    await until(() => ann.sentences.length > 0, 'the refusal');
    expect(ann.sentences.map((s) => s.text).join(' ')).toMatch(
      /"height" set to 0, which must be > 0.*required field "name"|required field "name".*"height" set to 0, which must be > 0/,
    );
    await until(
      () =>
        stickyIn(bo.doc, 'cmd-order-coffee')?.name === 'Order a coffee' &&
        !bo.doc.getMap('elements').has('junk') &&
        stickyIn(bo.doc, 'agg-cup')?.height !== 0,
      'Bo to get only the good change',
    );
    await until(
      () => !ann.doc.getMap('elements').has('junk') && stickyIn(ann.doc, 'agg-cup')?.height !== 0,
      'Ann to lose the bad ones',
    );
    await room.workshop.flush();
    const saved = await fileBoard();
    expect(saved.elements.find((e) => e.id === 'cmd-order-coffee')!.name).toBe('Order a coffee');
    expect(saved.elements.some((e) => e.id === 'junk')).toBe(false);
  });

  it('refuses a sticky that is not a map of fields, and a change of the file name only the host writes', async () => {
    ann.doc.getMap('elements').set('hot-oat', 'just a string');
    ann.doc.getMap('meta').set('file', 'elsewhere.storm.json');
    await until(() => ann.sentences.length >= 1, 'the refusal');
    await until(
      () =>
        stickyIn(ann.doc, 'hot-oat')?.name === 'Do we charge extra for oat milk?' &&
        ann.doc.getMap('meta').get('file') === 'room.storm.json',
      'Ann to get both undone',
    );
    expect(stickyIn(bo.doc, 'hot-oat')?.name).toBe('Do we charge extra for oat milk?');
    expect(bo.doc.getMap('meta').get('file')).toBe('room.storm.json');
  });
});

describe('a save that fails', () => {
  it('is told to every page, retried, and cleared on the next save', async () => {
    // The board file's place is taken by a folder: the host's atomic rename cannot replace it.
    await rm(room.file);
    await mkdir(room.file);
    await mkdir(`${room.file}/inside`);
    field(ann.doc, 'elements', 'hot-oat').set('name', 'Free oat milk');
    await until(
      () => [ann, bo].every((c) => c.sentences.some((s) => s.type === WORKSHOP_MESSAGE.saveFailed)),
      'every page to hear of the failed save',
    );
    const told = bo.sentences.find((s) => s.type === WORKSHOP_MESSAGE.saveFailed)!.text;
    expect(told).toMatch(
      /^The host could not save room\.storm\.json: .+\. It tries again every few seconds; your edits are kept in the session meanwhile\.$/,
    );
    // A page that joins meanwhile hears of it at once.
    const cy = connectClient(room.socketUrl, room.workshop.joinToken);
    await until(() => cy.sentences.some((s) => s.type === WORKSHOP_MESSAGE.saveFailed), 'a new page to hear of it');
    cy.close();
    // The folder goes: the host's own retry saves the board, with no new edit needed.
    const savedBefore = ann.saved;
    await rm(room.file, { recursive: true });
    await until(() => ann.saved > savedBefore, 'a save after the retry', 8_000);
    expect((await fileBoard()).elements.find((e) => e.id === 'hot-oat')!.name).toBe('Free oat milk');
  });
});
