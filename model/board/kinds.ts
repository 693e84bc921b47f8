import type { ElementKind } from './types.ts';

/** How a kind of sticky is named and drawn, the same on the canvas, in messages and in exports. */
export interface KindLook {
  /** For headings, buttons and legends: "Read model". */
  label: string;
  /** Inside a sentence: "the read model "Orders"". */
  noun: string;
  /** "3 read models". */
  plural: string;
  /** Event Storming's colour of the sticky; a sticky's own `color` overrides it. */
  color: string;
  /** Text on that colour, dark enough to read. */
  ink: string;
}

export const KINDS: Readonly<Record<ElementKind, KindLook>> = {
  event: { label: 'Event', noun: 'event', plural: 'events', color: '#ffa24c', ink: '#2b1600' },
  command: { label: 'Command', noun: 'command', plural: 'commands', color: '#5fb0ff', ink: '#00203f' },
  aggregate: { label: 'Aggregate', noun: 'aggregate', plural: 'aggregates', color: '#ffe14d', ink: '#2b2500' },
  policy: { label: 'Policy', noun: 'policy', plural: 'policies', color: '#cfa8f5', ink: '#26063f' },
  readModel: { label: 'Read model', noun: 'read model', plural: 'read models', color: '#8fdc8f', ink: '#062b06' },
  externalSystem: {
    label: 'External system',
    noun: 'external system',
    plural: 'external systems',
    color: '#ff9fcf',
    ink: '#3f0021',
  },
  actor: { label: 'Actor', noun: 'actor', plural: 'actors', color: '#fff59a', ink: '#2b2800' },
  hotspot: { label: 'Hotspot', noun: 'hotspot', plural: 'hotspots', color: '#ff5a5a', ink: '#2b0000' },
};
