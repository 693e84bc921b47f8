import type { Box } from './link-ends.ts';
import type { Element, ElementKind } from './types.ts';

/** A name shown zoomed far out: its sticky, its text, and its centre in board units. */
export interface FarName {
  id: string;
  text: string;
  x: number;
  y: number;
}

/** Which names win a crowded spot: the nouns and what happened first, actors last. */
const PRIORITY: Readonly<Record<ElementKind, number>> = {
  aggregate: 0,
  event: 1,
  command: 2,
  policy: 3,
  readModel: 4,
  externalSystem: 5,
  hotspot: 6,
  actor: 7,
};
const MOST_CHARACTERS = 24;

/**
 * Zoomed far out a sticky is a few pixels wide and its own text would be a pixel high. Instead,
 * names are shown at `px` screen pixels (legible), centred on their stickies, as many as fit
 * without two overlapping, as a map labels its towns: by kind (aggregates, then events,
 * commands…), then in board order, so the same names stay put while the view pans. Only stickies
 * that meet `area` (board units) are considered. Widths are estimated at 0.55 em a character.
 */
export function placeFarNames(elements: readonly Element[], area: Box, zoom: number, px: number): FarName[] {
  const candidates = elements.filter(
    (e) =>
      e.name.trim() !== '' &&
      e.x < area.x + area.width &&
      e.y < area.y + area.height &&
      e.x + e.width > area.x &&
      e.y + e.height > area.y,
  );
  candidates.sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind]);
  const height = (px * 1.3) / zoom;
  // Taken boxes, filed by the band of rows they cross: a new name is checked against its bands only.
  const rows = new Map<number, Box[]>();
  const placed: FarName[] = [];
  for (const e of candidates) {
    const name = e.name.trim();
    const text = [...name].length > MOST_CHARACTERS ? `${[...name].slice(0, MOST_CHARACTERS - 1).join('')}…` : name;
    const width = ([...text].length * px * 0.55 + px * 0.6) / zoom;
    const box = { x: e.x + e.width / 2 - width / 2, y: e.y + e.height / 2 - height / 2, width, height };
    const first = Math.floor(box.y / height);
    const bands = [first, first + 1];
    const free = bands.every((band) =>
      (rows.get(band) ?? []).every(
        (o) =>
          box.x >= o.x + o.width || o.x >= box.x + box.width || box.y >= o.y + o.height || o.y >= box.y + box.height,
      ),
    );
    if (!free) continue;
    for (const band of bands) {
      const row = rows.get(band);
      if (row) row.push(box);
      else rows.set(band, [box]);
    }
    placed.push({ id: e.id, text, x: box.x + width / 2, y: box.y + height / 2 });
  }
  return placed;
}
