import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Board } from '../../model/board/types.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function exampleText(name: string): string {
  return readFileSync(`${ROOT}examples/${name}.storm.json`, 'utf8');
}

/** A fresh, mutable copy of an example board. */
export function example(name: string): Board {
  return JSON.parse(exampleText(name)) as Board;
}

/** A minimal board; tests add what they need. */
export function emptyBoard(): Board {
  return {
    format: 'stormbench.board',
    formatVersion: 1,
    name: 'Test',
    contexts: [{ id: 'c', name: 'Core', x: 0, y: 0, width: 1000, height: 1000 }],
    elements: [],
    links: [],
  };
}
