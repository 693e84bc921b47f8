import type { ElementKind } from '../../model/board/types.ts';

/** How each kind looks and how it is placed: Event Storming's colours, the palette's names and keys. */
export interface KindStyle {
  kind: ElementKind;
  /** The palette button's accessible name. */
  label: string;
  /** The key that places one (no modifiers). */
  key: string;
  color: string;
  ink: string;
  width: number;
  height: number;
}

export const KIND_STYLES: readonly KindStyle[] = [
  { kind: 'event', label: 'Event', key: 'e', color: '#ffa24c', ink: '#2b1600', width: 160, height: 100 },
  { kind: 'command', label: 'Command', key: 'c', color: '#5fb0ff', ink: '#00203f', width: 160, height: 100 },
  { kind: 'aggregate', label: 'Aggregate', key: 'a', color: '#ffe14d', ink: '#2b2500', width: 200, height: 200 },
  { kind: 'policy', label: 'Policy', key: 'p', color: '#cfa8f5', ink: '#26063f', width: 160, height: 100 },
  { kind: 'readModel', label: 'Read model', key: 'r', color: '#8fdc8f', ink: '#062b06', width: 160, height: 100 },
  { kind: 'externalSystem', label: 'External system', key: 'x', color: '#ff9fcf', ink: '#3f0021', width: 160, height: 100 },
  { kind: 'actor', label: 'Actor', key: 'u', color: '#fff59a', ink: '#2b2800', width: 100, height: 70 },
  { kind: 'hotspot', label: 'Hotspot', key: 'h', color: '#ff5a5a', ink: '#2b0000', width: 140, height: 100 },
];

export const STYLE_OF: Readonly<Record<ElementKind, KindStyle>> = Object.fromEntries(KIND_STYLES.map((s) => [s.kind, s])) as Record<ElementKind, KindStyle>;

/** Grid of the canvas: placing, moving and resizing snap to it. */
export const GRID = 20;
export const snap = (value: number): number => Math.round(value / GRID) * GRID;
