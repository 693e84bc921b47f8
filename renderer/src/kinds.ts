import { KINDS } from '../../model/board/kinds.ts';
import type { ElementKind } from '../../model/board/types.ts';

/**
 * How each kind is placed from the palette: its key and default size. Names and colours come from
 * model/board/kinds.ts, so the canvas, the messages and the exports say and draw the same.
 */
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

const PLACING: ReadonlyArray<{ kind: ElementKind; key: string; width: number; height: number }> = [
  { kind: 'event', key: 'e', width: 160, height: 100 },
  { kind: 'command', key: 'c', width: 160, height: 100 },
  { kind: 'aggregate', key: 'a', width: 200, height: 200 },
  { kind: 'policy', key: 'p', width: 160, height: 100 },
  { kind: 'readModel', key: 'r', width: 160, height: 100 },
  { kind: 'externalSystem', key: 'x', width: 160, height: 100 },
  { kind: 'actor', key: 'u', width: 100, height: 70 },
  { kind: 'hotspot', key: 'h', width: 140, height: 100 },
];

export const KIND_STYLES: readonly KindStyle[] = PLACING.map((p) => ({ ...p, label: KINDS[p.kind].label, color: KINDS[p.kind].color, ink: KINDS[p.kind].ink }));

export const STYLE_OF: Readonly<Record<ElementKind, KindStyle>> = Object.fromEntries(KIND_STYLES.map((s) => [s.kind, s])) as Record<ElementKind, KindStyle>;

/** Grid of the canvas: placing, moving and resizing snap to it. */
export const GRID = 20;
export const snap = (value: number): number => Math.round(value / GRID) * GRID;
