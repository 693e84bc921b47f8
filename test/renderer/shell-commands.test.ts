import { beforeAll, describe, expect, it } from 'vitest';
import { SHELL_COMMANDS, type ShellCommand } from '../../contract/shell-commands.ts';
import { menuTemplate } from '../../electron/main/menu.ts';
import { receiveShellCommand } from '../../renderer/src/commands/shell.ts';

// The command table runs in Node, but its types reach the workbench's runes and the DOM, which
// only svelte-check knows: a specifier in a variable keeps the root tsc from following it.
const COMMANDS_MODULE = '../../renderer/src/commands/commands.ts';
let COMMAND_BY_NAME: ReadonlyMap<string, unknown>;
beforeAll(async () => {
  ({ COMMAND_BY_NAME } = (await import(COMMANDS_MODULE)) as { COMMAND_BY_NAME: ReadonlyMap<string, unknown> });
});

type Item = { label?: string; click?: () => void; submenu?: Item[] };

/** Clicks every item of the menu, as a person could, and records what it sends to the page. */
function everythingTheMenuSends(platform: NodeJS.Platform): ShellCommand[] {
  const sent: ShellCommand[] = [];
  const visit = (items: Item[]) => {
    for (const item of items) {
      item.click?.();
      if (Array.isArray(item.submenu)) visit(item.submenu);
    }
  };
  visit(
    menuTemplate(
      platform,
      (command) => sent.push(command),
      () => {},
    ) as Item[],
  );
  return sent;
}

describe("the desktop menu and the page's commands", () => {
  it('sends only names the page has in its command table', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const sent = everythingTheMenuSends(platform);
      expect(sent.length).toBeGreaterThan(20);
      expect(sent.filter((name) => !COMMAND_BY_NAME.has(name))).toEqual([]);
    }
  });

  it('lets the shell send nothing the command table lacks', () => {
    expect(SHELL_COMMANDS.filter((name) => !COMMAND_BY_NAME.has(name))).toEqual([]);
    expect(new Set(everythingTheMenuSends('linux'))).toEqual(new Set(SHELL_COMMANDS));
  });
});

describe("the page receiving the shell's messages", () => {
  const receive = (command: string, arg?: string) => {
    const did: string[] = [];
    receiveShellCommand(
      {
        run: (name) => did.push(`run ${name}`),
        openFile: (name) => did.push(`open ${name}`),
        refuse: (sentence) => did.push(`refuse: ${sentence}`),
      },
      command,
      arg,
    );
    return did;
  };

  it('runs the commands of the contract and opens the file the shell picked', () => {
    expect(receive('save-as')).toEqual(['run save-as']);
    expect(receive('open-file', 'a.storm.json')).toEqual(['open a.storm.json']);
  });

  it('says so when the shell sends what the page does not know', () => {
    expect(receive('sav')).toEqual([
      'refuse: The menu asked for "sav", which this window does not know: the desktop shell and the page are from different versions of Stormbench. Reinstall Stormbench.',
    ]);
    // In the table, but not something the shell may ask for.
    expect(receive('command-palette')).toHaveLength(1);
    expect(receive('command-palette')[0]).toMatch(/^refuse: /);
    expect(receive('open-file')).toEqual([
      'refuse: The menu asked to open a file but named none; use File → Open… again.',
    ]);
  });
});
