import { isShellCommand, OPEN_FILE, type ShellCommand } from '../../../contract/shell-commands.ts';

/** What the page does with the shell's messages (the workbench, or a test's record of calls). */
export interface ShellTarget {
  run(command: ShellCommand): void;
  openFile(name: string): void;
  refuse(sentence: string): void;
}

/**
 * One message from the desktop shell: a command of contract/shell-commands.ts, or a file its open
 * dialog picked. Anything else means the shell and the page come from different versions, which
 * the person should hear about rather than find a menu item that does nothing.
 */
export function receiveShellCommand(target: ShellTarget, command: string, arg?: string): void {
  if (command === OPEN_FILE) {
    if (arg) target.openFile(arg);
    else target.refuse('The menu asked to open a file but named none; use File → Open… again.');
    return;
  }
  if (isShellCommand(command)) target.run(command);
  else
    target.refuse(
      `The menu asked for "${command}", which this window does not know: the desktop shell and the page are from different versions of Stormbench. Reinstall Stormbench.`,
    );
}
