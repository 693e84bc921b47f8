import { KIND_STYLES } from '../kinds.ts';
import { downloadBoardFile, exportBoard } from '../export/export.ts';
import type { Workbench } from '../workbench.svelte.ts';
import { playOf } from '../play/play-session.svelte.ts';

/**
 * Every user action, by name. A key, a menu, a button and a test all run the same `perform`;
 * the store turns what it does into one undo step.
 */
export interface AppCommand {
  name: string;
  label: string;
  /** How the shortcut is written in the help overlay. */
  keys: string;
  group: 'Place' | 'Edit' | 'Arrange' | 'View' | 'Schema' | 'File';
  keyTest(event: KeyboardEvent): boolean;
  perform(app: Workbench): unknown;
  /** Whether the command makes sense now (e.g. something is selected). */
  enabled?(app: Workbench): boolean;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const plain = (e: KeyboardEvent) => !e.ctrlKey && !e.metaKey && !e.altKey;
const key = (e: KeyboardEvent, k: string) => e.key.toLowerCase() === k;
const hasSelection = (app: Workbench) => app.store.selection.length > 0;
/** A participant's page has no board folder: the host keeps the board (New, Open, Save As, the exports into the folder are the facilitator's). */
const hasFolder = (app: Workbench) => app.workshop?.role !== 'participant';
const hosting = (app: Workbench) => app.workshop?.role === 'facilitator' && app.workshop.session !== undefined;
const NUDGE = 20;

function nudge(app: Workbench, dx: number, dy: number): void {
  const moves = [...app.store.board.elements, ...app.store.board.contexts]
    .filter((item) => app.store.selectedSet.has(item.id))
    .map((item) => ({ id: item.id, x: item.x + dx, y: item.y + dy }));
  if (moves.length > 0) app.store.move(moves);
}

const placeCommands: AppCommand[] = KIND_STYLES.map((style) => ({
  name: `place-${style.kind}`,
  label: `Place ${style.label.toLowerCase()}`,
  keys: style.key.toUpperCase(),
  group: 'Place' as const,
  keyTest: (e: KeyboardEvent) => plain(e) && !e.shiftKey && key(e, style.key),
  perform: (app: Workbench) => app.place(style.kind),
}));

export const COMMANDS: readonly AppCommand[] = [
  ...placeCommands,
  {
    name: 'add-context',
    label: 'Bounded context around the selection',
    keys: 'B',
    group: 'Place',
    keyTest: (e) => plain(e) && !e.shiftKey && key(e, 'b'),
    perform: (app) => {
      const n = app.store.board.contexts.length + 1;
      const center = app.flow?.viewCenter() ?? { x: 0, y: 0 };
      const context = app.store.addContext(
        `Context ${n}`,
        app.store.selection.filter((id) => app.store.elementById.has(id)),
        { x: center.x - 400, y: center.y - 250 },
      );
      app.store.startEditing(context.id);
      app.flow?.fit([context.id]);
    },
  },
  {
    name: 'undo',
    label: 'Undo',
    keys: 'Ctrl+Z',
    group: 'Edit',
    keyTest: (e) => mod(e) && !e.shiftKey && key(e, 'z'),
    perform: (app) => app.store.undo(),
    enabled: (app) => app.store.canUndo,
  },
  {
    name: 'redo',
    label: 'Redo',
    keys: 'Ctrl+Shift+Z / Ctrl+Y',
    group: 'Edit',
    keyTest: (e) => mod(e) && ((e.shiftKey && key(e, 'z')) || key(e, 'y')),
    perform: (app) => app.store.redo(),
    enabled: (app) => app.store.canRedo,
  },
  {
    name: 'edit-name',
    label: 'Edit the name in place',
    keys: 'Enter / F2',
    group: 'Edit',
    keyTest: (e) => plain(e) && (e.key === 'Enter' || e.key === 'F2'),
    perform: (app) => app.store.startEditing(app.store.selection.at(-1)),
    enabled: (app) =>
      app.store.selection.length > 0 && !app.store.board.links.some((l) => l.id === app.store.selection.at(-1)),
  },
  {
    name: 'delete',
    label: 'Delete the selection',
    keys: 'Delete / Backspace',
    group: 'Edit',
    keyTest: (e) => plain(e) && (e.key === 'Delete' || e.key === 'Backspace'),
    perform: (app) => app.store.delete(app.store.selection),
    enabled: hasSelection,
  },
  {
    name: 'select-all',
    label: 'Select all stickies',
    keys: 'Ctrl+A',
    group: 'Edit',
    keyTest: (e) => mod(e) && key(e, 'a'),
    perform: (app) => app.store.selectAll(),
  },
  {
    name: 'deselect',
    label: 'Clear the selection / close',
    keys: 'Escape',
    group: 'Edit',
    keyTest: (e) => e.key === 'Escape',
    perform: (app) => (app.dialog ? (app.dialog = undefined) : app.store.select([])),
  },
  {
    name: 'copy',
    label: 'Copy',
    keys: 'Ctrl+C',
    group: 'Edit',
    keyTest: (e) => mod(e) && !e.shiftKey && key(e, 'c'),
    perform: (app) => void app.copy(),
    enabled: hasSelection,
  },
  {
    name: 'cut',
    label: 'Cut',
    keys: 'Ctrl+X',
    group: 'Edit',
    keyTest: (e) => mod(e) && key(e, 'x'),
    perform: (app) => app.cut(),
    enabled: hasSelection,
  },
  {
    name: 'paste',
    label: 'Paste',
    keys: 'Ctrl+V',
    group: 'Edit',
    keyTest: (e) => mod(e) && key(e, 'v'),
    perform: (app) => app.paste(),
  },
  {
    name: 'duplicate',
    label: 'Duplicate',
    keys: 'Ctrl+D',
    group: 'Edit',
    keyTest: (e) => mod(e) && key(e, 'd'),
    perform: (app) => app.duplicate(),
    enabled: hasSelection,
  },
  {
    name: 'nudge-left',
    label: 'Move left',
    keys: '←',
    group: 'Arrange',
    keyTest: (e) => plain(e) && e.key === 'ArrowLeft',
    perform: (app) => nudge(app, -NUDGE, 0),
    enabled: hasSelection,
  },
  {
    name: 'nudge-right',
    label: 'Move right',
    keys: '→',
    group: 'Arrange',
    keyTest: (e) => plain(e) && e.key === 'ArrowRight',
    perform: (app) => nudge(app, NUDGE, 0),
    enabled: hasSelection,
  },
  {
    name: 'nudge-up',
    label: 'Move up',
    keys: '↑',
    group: 'Arrange',
    keyTest: (e) => plain(e) && e.key === 'ArrowUp',
    perform: (app) => nudge(app, 0, -NUDGE),
    enabled: hasSelection,
  },
  {
    name: 'nudge-down',
    label: 'Move down',
    keys: '↓',
    group: 'Arrange',
    keyTest: (e) => plain(e) && e.key === 'ArrowDown',
    perform: (app) => nudge(app, 0, NUDGE),
    enabled: hasSelection,
  },
  {
    name: 'align-left',
    label: 'Align left edges',
    keys: 'Alt+L',
    group: 'Arrange',
    keyTest: (e) => e.altKey && !mod(e) && e.code === 'KeyL',
    perform: (app) => app.store.align('left'),
  },
  {
    name: 'align-right',
    label: 'Align right edges',
    keys: 'Alt+R',
    group: 'Arrange',
    keyTest: (e) => e.altKey && !mod(e) && e.code === 'KeyR',
    perform: (app) => app.store.align('right'),
  },
  {
    name: 'align-top',
    label: 'Align top edges',
    keys: 'Alt+T',
    group: 'Arrange',
    keyTest: (e) => e.altKey && !mod(e) && e.code === 'KeyT',
    perform: (app) => app.store.align('top'),
  },
  {
    name: 'align-bottom',
    label: 'Align bottom edges',
    keys: 'Alt+B',
    group: 'Arrange',
    keyTest: (e) => e.altKey && !mod(e) && e.code === 'KeyB',
    perform: (app) => app.store.align('bottom'),
  },
  {
    name: 'align-middle',
    label: 'Line up on a row',
    keys: 'Alt+M',
    group: 'Arrange',
    keyTest: (e) => e.altKey && !mod(e) && e.code === 'KeyM',
    perform: (app) => app.store.align('middle'),
  },
  {
    name: 'fit',
    label: 'Fit the board in view',
    keys: 'Shift+1',
    group: 'View',
    keyTest: (e) => e.shiftKey && !mod(e) && e.code === 'Digit1',
    perform: (app) => app.flow?.fit(),
  },
  {
    name: 'fit-selection',
    label: 'Zoom to the selection',
    keys: 'Shift+2',
    group: 'View',
    keyTest: (e) => e.shiftKey && !mod(e) && e.code === 'Digit2',
    perform: (app) =>
      app.flow?.fit(app.store.selection.filter((id) => !app.store.board.links.some((l) => l.id === id))),
    enabled: hasSelection,
  },
  {
    name: 'zoom-in',
    label: 'Zoom in',
    keys: '+',
    group: 'View',
    keyTest: (e) => !mod(e) && (e.key === '+' || e.key === '='),
    perform: (app) => app.flow?.zoomIn(),
  },
  {
    name: 'zoom-out',
    label: 'Zoom out',
    keys: '-',
    group: 'View',
    keyTest: (e) => !mod(e) && e.key === '-',
    perform: (app) => app.flow?.zoomOut(),
  },
  {
    name: 'help',
    label: 'Keyboard shortcuts',
    keys: '?',
    group: 'View',
    keyTest: (e) => e.key === '?',
    perform: (app) => (app.dialog = app.dialog === 'help' ? undefined : 'help'),
  },
  {
    name: 'command-palette',
    label: 'Find a command…',
    keys: 'Ctrl+K',
    group: 'View',
    keyTest: (e) => mod(e) && !e.shiftKey && !e.altKey && key(e, 'k'),
    perform: (app) => (app.dialog = app.dialog === 'palette' ? undefined : 'palette'),
  },
  {
    name: 'toggle-theme',
    label: 'Switch between the light and the dark theme',
    keys: 'Ctrl+Shift+L',
    group: 'View',
    keyTest: (e) => mod(e) && e.shiftKey && !e.altKey && key(e, 'l'),
    perform: (app) => app.theme.toggle(),
  },
  {
    name: 'follow-system-theme',
    label: "Follow the system's light or dark theme",
    keys: 'Ctrl+Alt+L',
    group: 'View',
    keyTest: (e) => mod(e) && e.altKey && !e.shiftKey && e.code === 'KeyL',
    perform: (app) => app.theme.choose('system'),
    enabled: (app) => app.theme.choice !== 'system',
  },
  {
    name: 'toggle-dock',
    label: 'Show or hide the schema dock',
    keys: 'Alt+J',
    group: 'Schema',
    keyTest: (e) => e.altKey && !mod(e) && e.code === 'KeyJ',
    perform: (app) => (app.dockOpen = !app.dockOpen),
  },
  {
    name: 'compare-versions',
    label: 'Compare versions of the selected event',
    keys: 'Alt+D',
    group: 'Schema',
    keyTest: (e) => e.altKey && !mod(e) && e.code === 'KeyD',
    perform: (app) => app.openDiff(app.store.selection.at(-1) ?? ''),
    enabled: (app) => app.store.elementById.get(app.store.selection.at(-1) ?? '')?.kind === 'event',
  },
  {
    name: 'generate',
    label: 'Generate services…',
    keys: 'Ctrl+Alt+G',
    group: 'File',
    keyTest: (e) => mod(e) && e.altKey && e.code === 'KeyG',
    perform: (app) => (app.dialog = 'generate'),
    enabled: hasFolder,
  },
  {
    name: 'attach',
    label: 'Attach to a running service… (its SQLite log or nats://)',
    keys: 'Ctrl+Alt+Shift+P',
    group: 'File',
    keyTest: (e) => mod(e) && e.altKey && e.shiftKey && e.code === 'KeyP',
    perform: (app) => (app.dialog = 'attach'),
    enabled: hasFolder,
  },
  {
    name: 'play',
    label: 'Play the board (run its services) / stop',
    keys: 'Ctrl+Alt+P',
    group: 'File',
    // Not with Shift: Ctrl+Alt+Shift+P is attach's.
    keyTest: (e) => mod(e) && e.altKey && !e.shiftKey && e.code === 'KeyP',
    perform: (app) => playOf(app).toggle(),
    enabled: hasFolder,
  },
  {
    name: 'new',
    label: 'New board',
    keys: 'Alt+N',
    group: 'File',
    keyTest: (e) => e.altKey && !mod(e) && e.code === 'KeyN',
    perform: (app) => app.newBoard(),
    enabled: hasFolder,
  },
  {
    name: 'open',
    label: 'Open…',
    keys: 'Ctrl+O',
    group: 'File',
    keyTest: (e) => mod(e) && key(e, 'o'),
    perform: (app) => (app.dialog = 'open'),
    enabled: hasFolder,
  },
  {
    name: 'save',
    label: 'Save',
    keys: 'Ctrl+S',
    group: 'File',
    keyTest: (e) => mod(e) && !e.shiftKey && key(e, 's'),
    perform: (app) => app.save(),
  },
  {
    name: 'save-as',
    label: 'Save as…',
    keys: 'Ctrl+Shift+S',
    group: 'File',
    keyTest: (e) => mod(e) && e.shiftKey && key(e, 's'),
    perform: (app) => (app.dialog = 'saveAs'),
    enabled: hasFolder,
  },
  {
    name: 'download-board',
    label: 'Download a copy of the board (.storm.json)',
    keys: 'Ctrl+Alt+B',
    group: 'File',
    keyTest: (e) => mod(e) && e.altKey && e.code === 'KeyB',
    perform: (app) => downloadBoardFile(app),
  },
  {
    name: 'stop-hosting',
    label: 'Stop hosting the workshop',
    keys: 'Ctrl+Alt+W',
    group: 'File',
    keyTest: (e) => mod(e) && e.altKey && e.code === 'KeyW',
    perform: (app) => app.askStopHosting(),
    enabled: hosting,
  },
  {
    name: 'export-png',
    label: 'Export PNG (selection or board)',
    keys: 'Ctrl+Shift+E',
    group: 'File',
    keyTest: (e) => mod(e) && e.shiftKey && key(e, 'e'),
    perform: (app) => exportBoard(app, 'png'),
  },
  {
    name: 'export-svg',
    label: 'Export SVG (selection or board)',
    keys: 'Ctrl+Alt+E',
    group: 'File',
    keyTest: (e) => mod(e) && e.altKey && e.code === 'KeyE',
    perform: (app) => exportBoard(app, 'svg'),
  },
  {
    name: 'export-asyncapi',
    label: 'Export AsyncAPI (into the board folder)',
    keys: 'Ctrl+Alt+I',
    group: 'File',
    keyTest: (e) => mod(e) && e.altKey && e.code === 'KeyI',
    perform: (app) => app.exportFor('asyncapi'),
    enabled: hasFolder,
  },
  {
    name: 'export-eventcatalog',
    label: 'Export EventCatalog (into the board folder)',
    keys: 'Ctrl+Alt+K',
    group: 'File',
    keyTest: (e) => mod(e) && e.altKey && e.code === 'KeyK',
    perform: (app) => app.exportFor('eventcatalog'),
    enabled: hasFolder,
  },
  {
    name: 'export-report',
    label: 'Export workshop report (into the board folder)',
    keys: 'Ctrl+Alt+R',
    group: 'File',
    keyTest: (e) => mod(e) && e.altKey && e.code === 'KeyR',
    perform: (app) => app.exportFor('report'),
    enabled: hasFolder,
  },
];

export const COMMAND_BY_NAME: ReadonlyMap<string, AppCommand> = new Map(COMMANDS.map((c) => [c.name, c]));

/** Runs a command by name, if it applies now. */
export async function run(app: Workbench, name: string): Promise<void> {
  const command = COMMAND_BY_NAME.get(name);
  if (!command || (command.enabled && !command.enabled(app))) return;
  await command.perform(app);
}

/** The keyboard's way in: typing in a field is left alone, except Escape and the file keys. */
export function handleKey(app: Workbench, event: KeyboardEvent): void {
  const target = event.target as HTMLElement | null;
  const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  for (const command of COMMANDS) {
    if (!command.keyTest(event)) continue;
    if (typing && command.group !== 'File') return;
    if (app.dialog && command.name !== 'deselect' && command.name !== 'help' && command.group !== 'File') return;
    event.preventDefault();
    void run(app, command.name);
    return;
  }
}
