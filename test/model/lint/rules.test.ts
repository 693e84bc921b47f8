import { describe, expect, it } from 'vitest';
import type {
  AggregateElement,
  Board,
  CommandElement,
  Element,
  EventElement,
  HotspotElement,
} from '../../../model/board/types.ts';
import { lintBoard } from '../../../model/lint/lint.ts';
import { RULES } from '../../../model/lint/rules/index.ts';
import { example } from '../../support/boards.ts';

// The small example, with its one open hotspot settled: a board with no problem at all.
function clean(): Board {
  const board = example('small');
  (board.elements.find((e) => e.kind === 'hotspot') as HotspotElement).resolved = true;
  return board;
}

const byId = <T extends Element>(board: Board, id: string) => board.elements.find((e) => e.id === id) as T;
const cup = (b: Board) => byId<AggregateElement>(b, 'agg-cup');
const ordered = (b: Board) => byId<EventElement>(b, 'evt-coffee-ordered');
const sticky = (id: string, kind: Element['kind'], name: string, extra: Record<string, unknown> = {}): Element =>
  ({ id, kind, name, context: 'counter', x: 0, y: 600, width: 160, height: 100, ...extra }) as Element;

/** For each rule: a change to the clean board that must trigger it, and the element it must name. */
const CASES: Array<{ rule: string; element?: string; change: (b: Board) => void }> = [
  {
    rule: 'event-no-producer',
    element: 'evt-coffee-ordered',
    change: (b) => {
      b.links = b.links.filter((l) => l.id !== 'l3');
    },
  },
  {
    rule: 'command-unhandled',
    element: 'cmd-order-coffee',
    change: (b) => {
      b.links = b.links.filter((l) => l.id !== 'l2');
    },
  },
  {
    rule: 'policy-no-trigger',
    element: 'pol',
    change: (b) => {
      b.elements.push(sticky('pol', 'policy', 'Notify barista'));
      b.links.push({ id: 'x', from: 'pol', to: 'cmd-order-coffee' });
    },
  },
  {
    rule: 'policy-no-command',
    element: 'pol',
    change: (b) => {
      b.elements.push(sticky('pol', 'policy', 'Notify barista'));
      b.links.push({ id: 'x', from: 'evt-coffee-ordered', to: 'pol' });
    },
  },
  {
    rule: 'aggregate-no-events',
    element: 'agg-cup',
    change: (b) => {
      b.links = b.links.filter((l) => l.id !== 'l3');
    },
  },
  {
    rule: 'aggregate-no-commands',
    element: 'agg-cup',
    change: (b) => {
      b.links = b.links.filter((l) => l.id !== 'l2');
    },
  },
  {
    rule: 'read-model-no-feed',
    element: 'rm-orders-board',
    change: (b) => {
      b.links = b.links.filter((l) => l.id !== 'l4');
    },
  },
  {
    rule: 'link-outside-grammar',
    element: 'actor-guest',
    change: (b) => {
      b.links.push({ id: 'x', from: 'actor-guest', to: 'evt-coffee-ordered' });
    },
  },
  {
    rule: 'link-duplicate',
    element: 'cmd-order-coffee',
    change: (b) => {
      b.links.push({ id: 'x', from: 'cmd-order-coffee', to: 'agg-cup' });
    },
  },
  {
    rule: 'name-not-identifier',
    element: 'rm-orders-board',
    change: (b) => {
      byId(b, 'rm-orders-board').name = '???';
    },
  },
  {
    rule: 'name-reserved',
    element: 'rm-orders-board',
    change: (b) => {
      byId(b, 'rm-orders-board').name = 'Date';
    },
  },
  {
    rule: 'duplicate-identifier',
    element: 'rm-cup',
    change: (b) => {
      b.elements.push(sticky('rm-cup', 'readModel', 'Cup'));
      b.links.push({ id: 'x', from: 'evt-coffee-ordered', to: 'rm-cup' });
    },
  },
  {
    rule: 'name-spelling-differs',
    element: 'agg-cup-2',
    change: (b) => {
      b.elements.push(sticky('agg-cup-2', 'aggregate', 'cup'));
    },
  },
  {
    rule: 'id-field-not-identifier',
    element: 'agg-cup',
    change: (b) => {
      cup(b).idField = 'cup id';
    },
  },
  {
    rule: 'event-name-tense',
    element: 'evt-coffee-ordered',
    change: (b) => {
      ordered(b).name = 'Order coffee now';
    },
  },
  {
    rule: 'command-name-mood',
    element: 'cmd-order-coffee',
    change: (b) => {
      byId(b, 'cmd-order-coffee').name = 'Coffee ordered';
    },
  },
  {
    rule: 'unknown-context',
    element: 'actor-guest',
    change: (b) => {
      byId(b, 'actor-guest').context = 'kitchen';
    },
  },
  {
    rule: 'element-outside-context',
    element: 'rm-orders-board',
    change: (b) => {
      delete byId(b, 'rm-orders-board').context;
    },
  },
  {
    rule: 'duplicate-package-name',
    change: (b) => {
      b.contexts.push({ id: 'counter-2', name: 'Counter', x: 2000, y: 0, width: 100, height: 100 });
    },
  },
  {
    rule: 'hotspot-unresolved',
    element: 'hot-oat',
    change: (b) => {
      byId<HotspotElement>(b, 'hot-oat').resolved = false;
    },
  },
  {
    rule: 'event-version-gap',
    element: 'evt-coffee-ordered',
    change: (b) => {
      ordered(b).versions!.push({ version: 3, schema: { type: 'object' } });
    },
  },
  {
    rule: 'schema-draft-inferred',
    element: 'evt-coffee-ordered',
    change: (b) => {
      (ordered(b).versions![0]!.schema as { properties: Record<string, unknown> }).properties.pair = {
        type: 'array',
        items: [{ type: 'string' }, { type: 'number' }],
        additionalItems: false,
      };
    },
  },
  {
    rule: 'schema-invalid',
    element: 'evt-coffee-ordered',
    change: (b) => {
      ordered(b).versions![0]!.schema = { type: 'object', properties: { cupId: { type: 'text' } } };
    },
  },
  {
    rule: 'schema-unknown-format',
    element: 'evt-coffee-ordered',
    change: (b) => {
      const schema = ordered(b).versions![0]!.schema as { properties: Record<string, unknown> };
      schema.properties.phone = { type: 'string', format: 'phone' };
      schema.properties.shape = { enum: [{ format: 'not a schema' }] };
    },
  },
  {
    rule: 'pattern-not-linear',
    element: 'evt-coffee-ordered',
    change: (b) => {
      const schema = ordered(b).versions![0]!.schema as { properties: Record<string, unknown> };
      schema.properties.code = { type: 'string', pattern: '^(?=.*\\d)[a-z\\d]{8,}$' };
      schema.properties.safe = { type: 'string', pattern: '^(a+)+$' };
    },
  },
  {
    rule: 'example-invalid',
    element: 'evt-coffee-ordered',
    change: (b) => {
      ordered(b).versions![0]!.examples = [{ cupId: 7 }];
    },
  },
  {
    rule: 'event-versions-conflict',
    element: 'evt-2',
    change: (b) => {
      b.elements.push(
        sticky('evt-2', 'event', 'Coffee ordered', { versions: [{ version: 1, schema: { type: 'object' } }] }),
      );
    },
  },
  {
    rule: 'schema-history-breaks-level',
    element: 'evt-coffee-ordered',
    change: (b) => {
      ordered(b).versions!.push({
        version: 2,
        schema: {
          type: 'object',
          properties: { cupId: { type: 'string' }, drink: { type: 'string' }, size: { type: 'string' } },
          required: ['cupId', 'drink', 'size'],
        },
      });
      cup(b).scenarios![0]!.then![0]!.data = { cupId: 'c-1', drink: 'espresso', size: 'M' };
    },
  },
  {
    rule: 'event-no-schema',
    element: 'evt-coffee-ordered',
    change: (b) => {
      delete ordered(b).versions;
      cup(b).scenarios = [];
    },
  },
  {
    rule: 'scenario-unknown-event',
    element: 'agg-cup',
    change: (b) => {
      cup(b).scenarios![0]!.then![0]!.event = 'Tea ordered';
    },
  },
  {
    rule: 'scenario-unknown-command',
    element: 'agg-cup',
    change: (b) => {
      cup(b).scenarios![0]!.when.command = 'Order tea';
    },
  },
  {
    rule: 'scenario-data-invalid',
    element: 'agg-cup',
    change: (b) => {
      cup(b).scenarios![0]!.when.data = { cupId: 'c-1', drink: 'cola' };
    },
  },
  {
    rule: 'scenario-off-model',
    element: 'agg-cup',
    change: (b) => {
      b.elements.push(
        sticky('evt-spilt', 'event', 'Coffee spilt', { versions: [{ version: 1, schema: { type: 'object' } }] }),
      );
      b.links.push({ id: 'x', from: 'actor-guest', to: 'cmd-order-coffee' });
      cup(b).scenarios![0]!.then!.push({ event: 'Coffee spilt' });
    },
  },
  {
    rule: 'scenario-duplicate-name',
    element: 'agg-cup',
    change: (b) => {
      cup(b).scenarios!.push(structuredClone(cup(b).scenarios![0]!));
    },
  },
];

describe('the linter', () => {
  it('finds nothing on a clean board', () => {
    expect(lintBoard(clean())).toEqual([]);
  });

  it.each(CASES)('$rule: triggered by a board that breaks it, naming the element', ({ rule, element, change }) => {
    const board = clean();
    change(board);
    const found = lintBoard(board).filter((p) => p.rule === rule);
    expect(found.length).toBeGreaterThan(0);
    const problem = found[0]!;
    if (element) expect(problem.elementId).toBe(element);
    expect(problem.message.length).toBeGreaterThan(20);
    expect(problem.fix).toMatch(/\.$/);
    expect(problem.severity).toBe(RULES.find((r) => r.id === rule)!.severity);
  });

  it('has a triggering case for every rule', () => {
    const tested = new Set(CASES.map((c) => c.rule));
    expect(RULES.map((r) => r.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  it('keeps rule ids unique and kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('treats repeated stickies of one aggregate as one thing', () => {
    const board = clean();
    board.elements.push(sticky('agg-cup-2', 'aggregate', 'Cup'));
    // The second sticky emits and handles nothing of its own, yet the aggregate does through the first.
    expect(lintBoard(board)).toEqual([]);
  });

  it('reads non-English names without tense opinions and accepts their identifiers', () => {
    const board = clean();
    ordered(board).name = 'Кофе заказан';
    cup(board).scenarios![0]!.then![0]!.event = 'Кофе заказан';
    byId<CommandElement>(board, 'cmd-order-coffee').name = 'Заказать кофе';
    cup(board).scenarios![0]!.when.command = 'Заказать кофе';
    expect(lintBoard(board)).toEqual([]);
    // An English-looking name is still read as English.
    ordered(board).name = 'Coffee order';
    expect(lintBoard(board).map((p) => p.rule)).toContain('event-name-tense');
  });

  it('event-versions-conflict: names both stickies of an event that set different levels', () => {
    const board = clean();
    ordered(board).compatibility = 'FULL';
    board.elements.push(sticky('evt-2', 'event', 'Coffee ordered', { compatibility: 'NONE' }));
    const found = lintBoard(board).filter((p) => p.rule === 'event-versions-conflict');
    expect(found).toHaveLength(1);
    expect(found[0]!.elementId).toBe('evt-2');
    expect(found[0]!.pointer).toBe(`/elements/${board.elements.length - 1}/compatibility`);
    expect(found[0]!.message).toBe(
      'The event sticky "Coffee ordered" (evt-2) sets the compatibility level NONE, but "Coffee ordered" (evt-coffee-ordered) sets FULL, the level the event CoffeeOrdered\'s history is held to.',
    );
    // A sticky that sets no level leaves it to the others: nothing to report.
    delete (board.elements.at(-1) as EventElement).compatibility;
    expect(lintBoard(board).filter((p) => p.rule === 'event-versions-conflict')).toEqual([]);
  });

  it('names an arrow by the stickies at its ends, not by its id', () => {
    const board = clean();
    board.links.push(
      { id: 'link-7f3a', from: 'actor-guest', to: 'evt-coffee-ordered' },
      { id: 'link-9c1e', from: 'cmd-order-coffee', to: 'agg-cup' },
      { id: 'link-0b2d', from: 'cmd-order-coffee', to: 'cmd-order-coffee' },
    );
    const found = lintBoard(board).filter((p) => p.linkId !== undefined);
    expect(found.map((p) => [p.rule, p.linkId, p.pointer, p.message])).toEqual([
      [
        'link-outside-grammar',
        'link-7f3a',
        `/links/${board.links.length - 3}`,
        'The arrow from the actor "Guest" (actor-guest) to the event "Coffee ordered" (evt-coffee-ordered) means nothing in Event Storming\'s grammar.',
      ],
      [
        'link-outside-grammar',
        'link-0b2d',
        `/links/${board.links.length - 1}`,
        'The arrow from the command "Order coffee" (cmd-order-coffee) goes back to itself.',
      ],
      [
        'link-duplicate',
        'link-9c1e',
        `/links/${board.links.length - 2}`,
        'There are two arrows from the command "Order coffee" (cmd-order-coffee) to the aggregate "Cup" (agg-cup).',
      ],
    ]);
    for (const problem of found) expect(`${problem.message} ${problem.fix}`).not.toMatch(/link-[0-9a-f]{4}|\bl\d+\b/);
  });

  it('orders problems by severity', () => {
    const board = clean();
    byId<HotspotElement>(board, 'hot-oat').resolved = false;
    board.links.push({ id: 'x', from: 'actor-guest', to: 'evt-coffee-ordered' });
    byId(board, 'rm-orders-board').name = '???';
    expect(lintBoard(board).map((p) => p.severity)).toEqual(['error', 'warning', 'info']);
  });
});
