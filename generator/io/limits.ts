/**
 * How much input Stormbench reads before it refuses, checked before anything is parsed or
 * expanded, so that a hostile or mistaken file (a device, an alias bomb) fails in one sentence
 * instead of eating the machine's memory. docs/cli.md ("Limits") lists them for users.
 */

/** A board file. The workshop-sized example is 0.7 MB; 130,000 stickies are about 21 MB. */
export const MAX_BOARD_BYTES = 64 * 1024 * 1024;

/** An AsyncAPI document to import, a JSON Schema file to compare, a file an import refers to. */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/**
 * YAML aliases (`*name`) one document may resolve, counted the way the `yaml` package counts them:
 * each use of an anchor weighs as much as the aliases inside what it names, so a "billion laughs"
 * document reaches the limit at its first levels while ordinary reuse of anchors stays far below.
 */
export const MAX_YAML_ALIASES = 1000;

/** Arrays and objects inside one another in an imported document or a schema file. */
export const MAX_NESTING = 256;

/** "16 MB": the limits above in the unit a person reads. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / (1024 * 1024))} MB`
    : bytes >= 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${bytes} bytes`;
}
