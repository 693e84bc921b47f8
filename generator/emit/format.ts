import { readFileSync } from 'node:fs';
import type { Options } from 'prettier';

/**
 * The house's Prettier style, read from the workbench's own `.prettierrc.json` (one definition):
 * every generated service is printed in it and ships it as its `.prettierrc.json`. The plugins
 * are the workbench's (Svelte); a service has no use for them.
 */
const HOUSE = JSON.parse(readFileSync(new URL('../../.prettierrc.json', import.meta.url), 'utf8')) as Options & {
  overrides?: unknown;
};
const { plugins: _plugins, overrides: _overrides, ...style } = HOUSE;
export const SERVICE_PRETTIER_STYLE: Readonly<Options> = style;

/** The service's `.prettierrc.json`. */
export function emitPrettierConfig(): string {
  return `${JSON.stringify(SERVICE_PRETTIER_STYLE, null, 2)}\n`;
}

/**
 * What a writer of ours lays out, as the workbench's `.prettierignore` leaves board files alone:
 * the AsyncAPI document is the one `export asyncapi` writes (and at 350 kB a service on the
 * workshop board, printing it again would be most of generation's time), the manifest is ours.
 */
const WRITER_OWNED = ['asyncapi.json', '.stormbench/'];

/** What Prettier leaves alone in a service: installed, built, run-time data, and what our writers lay out. */
export function emitPrettierIgnore(): string {
  return ['node_modules/', 'dist/', 'data/', '*.md', ...WRITER_OWNED].map((line) => `${line}\n`).join('');
}

/**
 * TypeScript and JSON. Markdown is left as the emitter writes it, as the workbench's own
 * `.prettierignore` leaves docs/ (one table row per line; Prettier pads every cell to the widest,
 * and the README's tables were most of the printing's time on a big board).
 */
const FORMATTED = /\.(ts|json)$/;

/** A file's text as Prettier prints it in the house style (TypeScript, JSON); other files, and what our writers own, as they are. */
export async function formatServiceFile(path: string, text: string): Promise<string> {
  if (!FORMATTED.test(path) || WRITER_OWNED.some((owned) => path === owned || path.startsWith(owned))) return text;
  // Loaded on first use: the commands that generate nothing start without it.
  const { format } = await import('prettier');
  return format(text, { ...SERVICE_PRETTIER_STYLE, filepath: path });
}
