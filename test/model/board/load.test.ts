import { describe, expect, it } from 'vitest';
import { parseBoard } from '../../../model/board/load.ts';
import { serializeBoard } from '../../../model/board/serialize.ts';
import { example, exampleText } from '../../support/boards.ts';

function errorsOf(text: string) {
  const result = parseBoard(text);
  if (result.ok) throw new Error('expected the load to fail');
  return result.errors;
}

describe('parseBoard', () => {
  it('loads every example', () => {
    for (const name of ['small', 'order-fulfilment', 'workshop']) expect(parseBoard(exampleText(name)).ok).toBe(true);
  });

  it('names line and column of a JSON syntax error', () => {
    const [error] = errorsOf('{\n  "format": "stormbench.board",\n  "name": "x"\n  "formatVersion": 1\n}');
    expect(error).toMatchObject({ code: 'syntax', line: 4, column: 3 });
    expect(error!.message).toContain('line 4, column 3');
    expect(error!.message).toContain('comma');
  });

  it('reports a trailing comma and an unfinished file where they are', () => {
    expect(errorsOf('{"a": [1, 2,]}')[0]).toMatchObject({ line: 1, column: 13 });
    expect(errorsOf('{"format": "stormbench.board"')[0]!.message).toMatch(/closing "}"/);
  });

  it('refuses JSON that is not a board, saying why', () => {
    expect(errorsOf('[1, 2]')[0]!.message).toContain('not a Stormbench board');
    expect(errorsOf('{"format": "other"}')[0]!.message).toContain('"format": "other"');
  });

  it('refuses a newer formatVersion with that reason', () => {
    const board = example('small') as unknown as Record<string, unknown>;
    board.formatVersion = 7;
    const [error] = errorsOf(JSON.stringify(board));
    expect(error!.code).toBe('format-too-new');
    expect(error!.message).toContain('formatVersion 7');
    expect(error!.message).toContain('newer Stormbench');
  });

  it('names the element, its id and the JSON pointer of a schema violation, with its line', () => {
    const board = example('small');
    (board.elements[1] as unknown as Record<string, unknown>).x = 'left';
    const text = serializeBoard(board);
    const [error] = errorsOf(text);
    expect(error!.code).toBe('schema');
    expect(error!.message).toBe(
      'The command "Order coffee" (cmd-order-coffee) has "x" set to "left", of the wrong type: it must be number (at /elements/1/x).',
    );
    expect(error!.pointer).toBe('/elements/1/x');
    expect(text.split('\n')[error!.line! - 1]).toContain('"x": "left"');
  });

  it('explains an unknown kind and a missing field', () => {
    const board = example('small');
    (board.elements[0] as unknown as Record<string, unknown>).kind = 'spaceship';
    delete (board.elements[2] as unknown as Record<string, unknown>).width;
    const messages = errorsOf(JSON.stringify(board)).map((e) => e.message);
    expect(messages).toContain(
      'The element "Guest" (actor-guest) has the kind "spaceship", which is not one of event, command, aggregate, policy, readModel, externalSystem, actor, hotspot (at /elements/0).',
    );
    expect(messages).toContain('The aggregate "Cup" (agg-cup) is missing the required field "width" (at /elements/2).');
  });

  it('quotes the bad value of a colour, a compatibility level and a response mode', () => {
    const board = example('small') as unknown as {
      contexts: Array<Record<string, unknown>>;
      elements: Array<Record<string, unknown>>;
    };
    board.elements[0]!.color = 'red';
    board.elements.find((e) => e.kind === 'event')!.compatibility = 'SIDEWAYS';
    board.contexts[0]!.service = { responseMode: 'eventually' };
    expect(errorsOf(JSON.stringify(board)).map((e) => e.message)).toEqual([
      'The context "Counter" (counter) has "service.responseMode" set to "eventually", which is not one of "accepted", "appended", "applied" (at /contexts/0/service/responseMode).',
      'The actor "Guest" (actor-guest) has "color" set to "red", which is not a colour: write it as #rgb, #rrggbb or #rrggbbaa in hex digits, e.g. "#ffa24c" (at /elements/0/color).',
      'The event "Coffee ordered" (evt-coffee-ordered) has "compatibility" set to "SIDEWAYS", which is not one of "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE", "NONE" (at /elements/3/compatibility).',
    ]);
  });

  it('refuses a scenario with both then and thenError', () => {
    const board = example('small');
    const cup = board.elements[2] as { scenarios: Array<Record<string, unknown>> };
    cup.scenarios[0]!.thenError = 'no';
    expect(errorsOf(JSON.stringify(board))[0]!.message).toContain('both or neither of "then" and "thenError"');
  });

  it('refuses duplicate ids and links to nothing', () => {
    const board = example('small');
    board.elements[1]!.id = 'actor-guest';
    const messages = errorsOf(JSON.stringify(board)).map((e) => e.message);
    expect(messages.some((m) => m.includes('has the id "actor-guest", which element #1 already has'))).toBe(true);
    expect(
      messages.some((m) => m.includes('The link l2 points from "cmd-order-coffee", but no element has that id')),
    ).toBe(true);
  });

  it('keeps unknown fields through a load and save', () => {
    const board = example('small') as unknown as Record<string, unknown>;
    board.futureField = { layers: ['a'] };
    (board.elements as Array<Record<string, unknown>>)[0]!.emoji = '🙂';
    (board.links as Array<Record<string, unknown>>)[0]!.style = 'dashed';
    const result = parseBoard(JSON.stringify(board));
    if (!result.ok) throw new Error(result.errors[0]!.message);
    const saved = JSON.parse(serializeBoard(result.board)) as Record<string, unknown>;
    expect(saved.futureField).toEqual({ layers: ['a'] });
    expect((saved.elements as Array<Record<string, unknown>>)[0]!.emoji).toBe('🙂');
    expect((saved.links as Array<Record<string, unknown>>)[0]!.style).toBe('dashed');
  });

  it('treats __proto__, constructor and path-like strings as plain data', () => {
    const text = exampleText('small')
      .replace('"id": "actor-guest"', '"id": "__proto__"')
      .replace('"from": "actor-guest"', '"from": "__proto__"')
      .replace('"name": "Guest"', '"name": "constructor", "__proto__": { "polluted": true }')
      .replace(
        '"cupId": "c-1",\n                "drink": "espresso"\n              }\n            }\n          ]',
        '"cupId": "../../etc/passwd", "drink": "espresso", "__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}\n              }\n            }\n          ]',
      );
    const result = parseBoard(text);
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    const saved = serializeBoard(result.board);
    expect(saved).toContain('"__proto__": {\n        "polluted": true');
    expect(saved).toContain('"../../etc/passwd"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result.board.elements[0])).toBe(Object.prototype);
    expect(parseBoard(saved).ok).toBe(true);
  });

  it('refuses a hostile file nested thousands of levels deep, without overflowing', () => {
    expect(errorsOf('['.repeat(100_000) + ']'.repeat(100_000))[0]!.message).toContain('more than 256 levels deep');
    expect(errorsOf('['.repeat(100_000))[0]!.message).toContain('more than 256 levels deep');
    const board = exampleText('small').replace(
      '"name": "Coffee shop"',
      `"name": "Coffee shop", "x": ${'['.repeat(5000)}${']'.repeat(5000)}`,
    );
    expect(errorsOf(board)[0]!.message).toContain('levels deep');
  });

  it('ignores a byte-order mark', () => {
    expect(parseBoard(`\ufeff${exampleText('small')}`).ok).toBe(true);
  });
});
