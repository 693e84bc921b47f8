import { SIZE_OF } from '../../model/board/edit.ts';
import { KINDS } from '../../model/board/kinds.ts';
import type { ElementKind } from '../../model/board/types.ts';

/**
 * How each kind is placed from the palette: its key. Names and colours come from
 * model/board/kinds.ts, so the canvas, the messages and the exports say and draw the same; the
 * default size from model/board/edit.ts, the edit rules that place it.
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

const PLACING: ReadonlyArray<{ kind: ElementKind; key: string }> = [
  { kind: 'event', key: 'e' },
  { kind: 'command', key: 'c' },
  { kind: 'aggregate', key: 'a' },
  { kind: 'policy', key: 'p' },
  { kind: 'readModel', key: 'r' },
  { kind: 'externalSystem', key: 'x' },
  { kind: 'actor', key: 'u' },
  { kind: 'hotspot', key: 'h' },
];

export const KIND_STYLES: readonly KindStyle[] = PLACING.map((p) => ({
  ...p,
  ...SIZE_OF[p.kind],
  label: KINDS[p.kind].label,
  color: KINDS[p.kind].color,
  ink: KINDS[p.kind].ink,
}));

export const STYLE_OF: Readonly<Record<ElementKind, KindStyle>> = Object.fromEntries(
  KIND_STYLES.map((s) => [s.kind, s]),
) as Record<ElementKind, KindStyle>;
