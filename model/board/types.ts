/**
 * The board document, as `docs/board-format.md` defines it. These types describe a board that has
 * passed the format's JSON Schema (`board.schema.json`); unknown fields a newer app may have
 * written are carried along untyped (`[extra: string]: unknown`) so that a save keeps them.
 */

export const BOARD_FORMAT = 'stormbench.board';
/** The newest `formatVersion` this build reads and writes. */
export const FORMAT_VERSION = 1;

export const ELEMENT_KINDS = [
  'event',
  'command',
  'aggregate',
  'policy',
  'readModel',
  'externalSystem',
  'actor',
  'hotspot',
] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

export const COMPATIBILITY_LEVELS = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export const RESPONSE_MODES = ['accepted', 'appended', 'applied'] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];

/** A JSON Schema as written by the user; its own validity is checked separately (lint). */
export type JsonSchema = { [keyword: string]: unknown } | boolean;

export interface ServiceSettings {
  packageName?: string;
  responseMode?: ResponseMode;
  [extra: string]: unknown;
}

export interface Context {
  id: string;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  service?: ServiceSettings;
  [extra: string]: unknown;
}

interface ElementBase {
  id: string;
  name: string;
  context?: string;
  x: number;
  y: number;
  width: number;
  height: number;
  text?: string;
  color?: string;
  [extra: string]: unknown;
}

export interface EventVersion {
  version: number;
  schema: JsonSchema;
  examples?: unknown[];
  /** Optional authors' note, shown in the version list. */
  note?: string;
  /** Optional ISO date of the version. */
  date?: string;
  [extra: string]: unknown;
}

export interface EventElement extends ElementBase {
  kind: 'event';
  compatibility?: CompatibilityLevel;
  versions?: EventVersion[];
}

export interface CommandElement extends ElementBase {
  kind: 'command';
  schema?: JsonSchema;
}

export interface ScenarioEvent {
  event: string;
  data?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface Scenario {
  name: string;
  given?: ScenarioEvent[];
  when: { command: string; data?: Record<string, unknown>; [extra: string]: unknown };
  then?: ScenarioEvent[];
  thenError?: string;
  [extra: string]: unknown;
}

export interface AggregateElement extends ElementBase {
  kind: 'aggregate';
  idField?: string;
  scenarios?: Scenario[];
}

export interface ReadModelElement extends ElementBase {
  kind: 'readModel';
  schema?: JsonSchema;
}

export interface HotspotElement extends ElementBase {
  kind: 'hotspot';
  resolved?: boolean;
}

export interface PlainElement extends ElementBase {
  kind: 'policy' | 'externalSystem' | 'actor';
}

export type Element =
  EventElement | CommandElement | AggregateElement | ReadModelElement | HotspotElement | PlainElement;

export interface Link {
  id: string;
  from: string;
  to: string;
  label?: string;
  [extra: string]: unknown;
}

export interface Board {
  format: typeof BOARD_FORMAT;
  formatVersion: number;
  name: string;
  contexts: Context[];
  elements: Element[];
  links: Link[];
  [extra: string]: unknown;
}
