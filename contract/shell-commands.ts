/**
 * What the desktop shell's menu may ask of the page: names from the renderer's command table
 * (renderer/src/commands/commands.ts; a test holds every one of them there), so a menu item runs
 * exactly what its key or button runs. Anything else arriving from the shell is refused.
 */
export const SHELL_COMMANDS = [
  'new',
  'open',
  'save',
  'save-as',
  'export-png',
  'export-svg',
  'export-asyncapi',
  'export-eventcatalog',
  'export-report',
  'generate',
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'duplicate',
  'delete',
  'select-all',
  'fit',
  'fit-selection',
  'zoom-in',
  'zoom-out',
  'help',
] as const;
export type ShellCommand = (typeof SHELL_COMMANDS)[number];

/** Not a command of the table: the shell picked a file in its own dialog and the page opens it. */
export const OPEN_FILE = 'open-file';

/** The one channel the shell speaks to the page on: a command, or OPEN_FILE with a file name. */
export const SHELL_COMMAND_CHANNEL = 'stormbench:command';

export function isShellCommand(name: unknown): name is ShellCommand {
  return typeof name === 'string' && (SHELL_COMMANDS as readonly string[]).includes(name);
}
