import type { Board } from '../../model/board/types.ts';

/** A board whose every name tries to break out: of HTML, of an attribute, of MDX, of the output folder. */
export function maliciousBoard(): Board {
  const schema = {
    type: 'object',
    description: '</script><script>alert(2)</script>',
    properties: { '<b>x</b>': { type: 'string' } },
  };
  return {
    format: 'stormbench.board',
    formatVersion: 1,
    name: '</title><script>alert(3)</script>',
    contexts: [
      { id: '../../x', name: '<script>alert(1)</script>', x: 0, y: 0, width: 1400, height: 600 },
      { id: 'evil', name: '{process.exit(1)}', x: 0, y: 700, width: 1400, height: 400 },
    ],
    elements: [
      {
        id: 'e1',
        kind: 'event',
        name: '"><img src=x onerror=alert(1)>',
        context: '../../x',
        x: 40,
        y: 60,
        width: 160,
        height: 100,
        versions: [
          { version: 1, schema },
          { version: 2, schema: { ...schema, required: ['<b>x</b>'] } },
        ],
      },
      {
        id: 'e2',
        kind: 'event',
        name: '../../x',
        context: '../../x',
        x: 240,
        y: 60,
        width: 160,
        height: 100,
        versions: [{ version: 1, schema: { type: 'object' }, note: '<img src=x onerror=alert(4)>' }],
      },
      {
        id: 'e3',
        kind: 'event',
        name: '..',
        context: 'evil',
        x: 40,
        y: 760,
        width: 160,
        height: 100,
        versions: [{ version: 1, schema: { type: 'object' } }],
      },
      {
        id: 'c1',
        kind: 'command',
        name: "{require('fs')} `x` [a](javascript:alert(1))",
        context: 'evil',
        x: 240,
        y: 760,
        width: 160,
        height: 100,
        schema: { type: 'object' },
      },
      {
        id: 'a1',
        kind: 'aggregate',
        name: '<svg onload=alert(5)>',
        context: '../../x',
        x: 440,
        y: 60,
        width: 200,
        height: 200,
      },
      {
        id: 'p1',
        kind: 'policy',
        name: "'; DROP TABLE x; --",
        context: 'evil',
        x: 440,
        y: 760,
        width: 160,
        height: 100,
      },
      {
        id: 'h1',
        kind: 'hotspot',
        name: "<script>document.title='pwned'</script>",
        context: 'evil',
        x: 640,
        y: 760,
        width: 160,
        height: 100,
        text: '<iframe src="https://example.com">',
      },
    ],
    links: [
      { id: 'l1', from: 'a1', to: 'e1' },
      { id: 'l2', from: 'e1', to: 'p1' },
      { id: 'l3', from: 'h1', to: 'e1', label: '<b>' },
    ],
  } as Board;
}
