import type { MenuItemConstructorOptions } from 'electron';
import type { ShellCommand } from '../../contract/shell-commands.ts';

/**
 * The application menu, following each platform's conventions (an app menu first on macOS, Quit
 * under File elsewhere). Items that act on the board send the command's name to the renderer,
 * which runs the very same command a key or a button runs; the names are contract/shell-commands.ts's.
 */
export function menuTemplate(
  platform: NodeJS.Platform,
  send: (command: ShellCommand) => void,
  openFile: () => void,
): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const item = (label: string, command: ShellCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    // The renderer's own key handler sees these keys first; the menu only adds the click path.
    registerAccelerator: false,
    click: () => send(command),
  });
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      item('New Board', 'new', 'Alt+N'),
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: openFile },
      item('Open from Board Folder…', 'open'),
      { type: 'separator' },
      item('Save', 'save', 'CmdOrCtrl+S'),
      item('Save As…', 'save-as', 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      item('Export PNG', 'export-png', 'CmdOrCtrl+Shift+E'),
      item('Export SVG', 'export-svg', 'CmdOrCtrl+Alt+E'),
      item('Export AsyncAPI', 'export-asyncapi', 'CmdOrCtrl+Alt+I'),
      item('Export EventCatalog', 'export-eventcatalog', 'CmdOrCtrl+Alt+K'),
      item('Export Workshop Report', 'export-report', 'CmdOrCtrl+Alt+R'),
      { type: 'separator' },
      item('Generate Services…', 'generate', 'CmdOrCtrl+Alt+G'),
      ...(mac
        ? []
        : [{ type: 'separator' } as MenuItemConstructorOptions, { role: 'quit' } as MenuItemConstructorOptions]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      item('Undo', 'undo', 'CmdOrCtrl+Z'),
      item('Redo', 'redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
      { type: 'separator' },
      item('Cut', 'cut', 'CmdOrCtrl+X'),
      item('Copy', 'copy', 'CmdOrCtrl+C'),
      item('Paste', 'paste', 'CmdOrCtrl+V'),
      item('Duplicate', 'duplicate', 'CmdOrCtrl+D'),
      item('Delete', 'delete', 'Delete'),
      item('Select All', 'select-all', 'CmdOrCtrl+A'),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      item('Fit Board', 'fit', 'Shift+1'),
      item('Zoom to Selection', 'fit-selection', 'Shift+2'),
      item('Zoom In', 'zoom-in', '+'),
      item('Zoom Out', 'zoom-out', '-'),
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: [item('Keyboard Shortcuts', 'help', '?')] };
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    edit,
    view,
    ...(mac ? [{ role: 'windowMenu' } as MenuItemConstructorOptions] : []),
    help,
  ];
}
