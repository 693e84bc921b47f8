import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  bytesFrame,
  frame,
  lockFrame,
  readFrame,
  readLock,
  readPlay,
  readSentence,
  WORKSHOP_CLOSE,
  WORKSHOP_MESSAGE,
} from '../../../contract/workshop-wire.ts';
import type { Board } from '../../../model/board/types.ts';
import type { PlayRelay } from '../../../contract/play.ts';
import type { BoardStore, LiveBinding } from '../store/board-store.svelte.ts';
import { boardMaps, readBoard, writeBoard } from '../../../model/collab/board-doc.ts';

const RECONNECT_MS = 1_000;
const COLORS = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#42d4f4',
  '#f032e6',
  '#9a6324',
  '#469990',
  '#800000',
];

export interface Peer {
  clientId: number;
  name: string;
  color: string;
  cursor?: { x: number; y: number };
  selection: readonly string[];
}

/**
 * This page's side of a workshop: a Y.Doc kept in sync with the host over one WebSocket, bound to
 * the board store. Local changes go into the doc as they are made; the doc's changes from others
 * come back into the store. While the connection is down the doc keeps every edit, and the sync
 * handshake on reconnect merges both ways.
 */
export class WorkshopSession implements LiveBinding {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly role: 'facilitator' | 'participant';
  /**
   * `stopped`: the host refused a change of this page's for its size (reconnecting would resend
   * it), or the workshop is full; `ended`: the facilitator stopped hosting (the page keeps the board).
   */
  status = $state<'connecting' | 'live' | 'offline' | 'stopped' | 'ended'>('connecting');
  /** The host's board has arrived (until then a participant's page shows the join state). */
  synced = $state(false);
  /** The host's sentence when the facilitator ended the workshop. */
  ended = $state<string | undefined>(undefined);
  locked = $state(false);
  peers = $state.raw<readonly Peer[]>([]);
  /** Some of this page's edits are not yet in the host's file (the host acknowledges saves). */
  unsaved = $state(false);
  /** Why the host's last save failed, until a save succeeds (the host retries on its own). */
  saveProblem = $state<string | undefined>(undefined);
  /** Why the host undid or refused a change of this page's, until the person dismisses it. */
  refusal = $state<string | undefined>(undefined);
  #savedVector = new Map<number, number>();
  #undoSize = $state(0);
  #redoSize = $state(0);
  #undoManager: Y.UndoManager;
  #counts: () => void = () => undefined;
  #ws: WebSocket | undefined;
  #closed = false;
  #paused = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #base: Board;
  #local = {};
  /** The last update from the host: when a refusal follows, it holds what the host undid. */
  #lastRemote: Uint8Array | undefined;
  /** Called once, when the host's board first arrives (the page fits it into view). */
  onFirstBoard: () => void = () => undefined;
  /** Called with play as the host relays it (to a participant's page, which cannot ask the host). */
  onPlay: (relay: PlayRelay) => void = () => undefined;

  constructor(
    readonly url: string,
    readonly token: string,
    readonly store: BoardStore,
    options: { role: 'facilitator' | 'participant'; name: string },
  ) {
    this.role = options.role;
    this.#base = store.board;
    const maps = boardMaps(this.doc);
    this.#undoManager = new Y.UndoManager([maps.meta, maps.elements, maps.contexts, maps.links, maps.order], {
      trackedOrigins: new Set([this.#local]),
      captureTimeout: 0,
    });
    const counts = () => {
      this.#undoSize = this.#undoManager.undoStack.length;
      this.#redoSize = this.#undoManager.redoStack.length;
    };
    this.#undoManager.on('stack-item-added', counts);
    this.#undoManager.on('stack-item-popped', counts);
    this.#counts = counts;
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this.#local) {
        this.store.applyRemote(
          readBoard(this.doc, this.#base),
          origin === this.#undoManager ? 'undo' : 'remote change',
        );
        this.#showFile();
        if (origin === this) this.#lastRemote = update;
        if (!this.synced && origin === this) {
          this.synced = true;
          this.onFirstBoard();
        }
      }
      this.#checkSaved();
      if (origin !== this && this.#ws?.readyState === WebSocket.OPEN)
        this.#ws.send(frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update)));
    });
    this.awareness.setLocalState({
      name: options.name,
      color: COLORS[this.doc.clientID % COLORS.length],
      selection: [],
    });
    this.awareness.on('change', () => this.#readPeers());
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        if (origin === this || this.#ws?.readyState !== WebSocket.OPEN) return;
        this.#ws.send(
          bytesFrame(
            WORKSHOP_MESSAGE.awareness,
            awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...added, ...updated, ...removed]),
          ),
        );
      },
    );
    this.#connect();
  }

  // Read-only (locked, or ended), an undo would change this page's doc and nobody else's.
  get canUndo(): boolean {
    return this.#undoSize > 0 && !this.readOnly;
  }
  get canRedo(): boolean {
    return this.#redoSize > 0 && !this.readOnly;
  }
  /** Locked by the facilitator, or the workshop ended: this page keeps the board to look at and download. */
  get readOnly(): boolean {
    return (this.locked && this.role !== 'facilitator') || this.status === 'ended';
  }

  push(before: Board, after: Board): void {
    writeBoard(this.doc, before, after, this.#local);
  }
  undo(): void {
    if (this.canUndo) this.#undoManager.undo();
  }
  redo(): void {
    if (this.canRedo) this.#undoManager.redo();
  }

  /** Shares where this person points and what they selected (canvas coordinates). */
  setPresence(patch: { cursor?: { x: number; y: number }; selection?: readonly string[] }): void {
    const state = this.awareness.getLocalState();
    if (state) this.awareness.setLocalState({ ...state, ...patch });
  }

  dismissRefusal(): void {
    this.refusal = undefined;
  }

  setLocked(locked: boolean): void {
    if (this.role !== 'facilitator') return;
    this.locked = locked;
    if (this.#ws?.readyState === WebSocket.OPEN) this.#ws.send(lockFrame(locked));
  }

  /** Drops the connection and stays offline until `resume` (tests, and "work offline"). */
  pause(): void {
    this.#paused = true;
    clearTimeout(this.#timer);
    this.#ws?.close();
  }
  resume(): void {
    this.#paused = false;
    if (!this.#ws || this.#ws.readyState === WebSocket.CLOSED) this.#connect();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#ws?.close();
    this.awareness.destroy();
  }

  #connect(): void {
    clearTimeout(this.#timer);
    if (this.#closed || this.#paused) return;
    if (this.#ws && this.#ws.readyState !== WebSocket.CLOSED) return;
    this.status = 'connecting';
    const ws = new WebSocket(`${this.url}?token=${encodeURIComponent(this.token)}`);
    ws.binaryType = 'arraybuffer';
    this.#ws = ws;
    ws.onopen = () => {
      this.status = 'live';
      ws.send(frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeSyncStep1(e, this.doc)));
      ws.send(
        bytesFrame(
          WORKSHOP_MESSAGE.awareness,
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]),
        ),
      );
    };
    ws.onmessage = (event: MessageEvent<ArrayBuffer>) => this.#receive(ws, new Uint8Array(event.data));
    ws.onclose = (event: CloseEvent) => {
      if (this.#ws !== ws) return;
      this.status = 'offline';
      if (event.code === WORKSHOP_CLOSE.tooLarge) {
        // This page's doc holds what the host will never take, and every later edit builds on it.
        this.status = 'stopped';
        this.#paused = true;
        this.refusal ??=
          'The host refused your change: it was larger than a workshop message may be (4 MB). Reload this page to carry on with the board as the host has it.';
      } else if (event.code === WORKSHOP_CLOSE.full) {
        // Retrying every second would only knock again; the person reloads when someone has left.
        this.status = 'stopped';
        this.#paused = true;
      } else if (event.code === WORKSHOP_CLOSE.ended || this.ended) {
        this.status = 'ended';
        this.#closed = true;
      }
      clearTimeout(this.#timer);
      const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
      awarenessProtocol.removeAwarenessStates(this.awareness, others, this);
      if (!this.#paused) this.#timer = setTimeout(() => this.#connect(), RECONNECT_MS);
    };
  }

  #receive(ws: WebSocket, data: Uint8Array): void {
    const { type, decoder } = readFrame(data);
    if (type === WORKSHOP_MESSAGE.sync) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, WORKSHOP_MESSAGE.sync);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (encoding.length(encoder) > 1) ws.send(encoding.toUint8Array(encoder));
    } else if (type === WORKSHOP_MESSAGE.awareness) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    } else if (type === WORKSHOP_MESSAGE.lock) {
      this.locked = readLock(decoder);
    } else if (type === WORKSHOP_MESSAGE.saved) {
      this.#savedVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
      this.saveProblem = undefined;
      this.#checkSaved();
    } else if (type === WORKSHOP_MESSAGE.saveFailed) {
      this.saveProblem = readSentence(decoder);
    } else if (type === WORKSHOP_MESSAGE.refused) {
      this.refusal = readSentence(decoder);
      this.#forgetRefused();
    } else if (type === WORKSHOP_MESSAGE.play) {
      this.onPlay(readPlay(decoder));
    } else if (type === WORKSHOP_MESSAGE.ended) {
      this.ended = readSentence(decoder);
      this.status = 'ended';
      this.#closed = true;
    }
  }

  /**
   * The host undid a change of this page's (it comes just before the refusal): Undo must not offer
   * it, since undoing what the host already undid would change nothing the person can see. Drops
   * each undo step whose every inserted value the host's last update deleted; a step the host kept
   * part of stays.
   */
  #forgetRefused(): void {
    if (!this.#lastRemote) return;
    const deleted = Y.decodeUpdate(this.#lastRemote).ds;
    const refused = (item: {
      insertions: { clients: Map<number, Array<{ clock: number; len: number }>> };
    }): boolean => {
      let inserted = false;
      for (const [client, ranges] of item.insertions.clients) {
        for (const range of ranges) {
          for (let clock = range.clock; clock < range.clock + range.len; clock++) {
            inserted = true;
            if (!Y.isDeleted(deleted, Y.createID(client, clock))) return false;
          }
        }
      }
      return inserted;
    };
    const stack = this.#undoManager.undoStack;
    const kept = stack.filter((item) => !refused(item));
    if (kept.length === stack.length) return;
    stack.splice(0, stack.length, ...kept);
    this.#counts();
  }

  /** The host names its board file in the doc; the title bar shows it (the host keeps it saved). */
  #showFile(): void {
    const file = boardMaps(this.doc).meta.get('file');
    if (typeof file === 'string' && file !== this.store.file && /^[^/\\]{1,200}\.storm\.json$/.test(file))
      this.store.markSaved(file);
  }

  #checkSaved(): void {
    const mine = this.doc.clientID;
    const clock = Y.decodeStateVector(Y.encodeStateVector(this.doc)).get(mine) ?? 0;
    this.unsaved = clock > (this.#savedVector.get(mine) ?? 0);
  }

  #readPeers(): void {
    const peers: Peer[] = [];
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.doc.clientID || typeof state !== 'object' || state === null) continue;
      const s = state as Record<string, unknown>;
      const cursor = s.cursor as { x?: unknown; y?: unknown } | undefined;
      peers.push({
        clientId,
        name: typeof s.name === 'string' ? s.name.slice(0, 60) : 'Someone',
        color: typeof s.color === 'string' && /^#[0-9a-f]{6}$/i.test(s.color) ? s.color : '#888888',
        ...(cursor && typeof cursor.x === 'number' && typeof cursor.y === 'number'
          ? { cursor: { x: cursor.x, y: cursor.y } }
          : {}),
        selection: Array.isArray(s.selection)
          ? s.selection.filter((id): id is string => typeof id === 'string').slice(0, 500)
          : [],
      });
    }
    this.peers = peers;
  }
}
