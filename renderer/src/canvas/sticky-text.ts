import type { ElementKind } from '../../../model/board/types.ts';

/**
 * The size of a sticky's name on the canvas at 100%, in board units: StickyNode sets it, and the
 * link labels keep off the box it takes (model/board/link-label.ts's nameBox). Actors are small
 * stickies, so a smaller type.
 */
export const nameFontOf = (kind: ElementKind): number => (kind === 'actor' ? 13 : 15);
