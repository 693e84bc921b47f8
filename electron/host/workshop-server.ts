import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import { serializeBoard } from '../../model/board/serialize.ts';
import type { Board } from '../../model/board/types.ts';
import type { BoardHost } from './board-host.ts';
import { bytesFrame, frame, lockFrame, readFrame, readLock, WORKSHOP_MESSAGE, WORKSHOP_PATH } from '../../contract/workshop-wire.ts';
import { sameSecret } from './secrets.ts';
import { boardMaps, readBoard, writeBoard } from '../../model/collab/board-doc.ts';

/** A bigger message closes its connection (a whole 5,000-sticky board is about 1.5 MB). */
export const MAX_WS_MESSAGE_BYTES = 4 * 1024 * 1024;
const SAVE_DELAY_MS = 120;

interface Connection {
  role: 'facilitator' | 'participant';
  clients: Set<number>;
}

/**
 * One workshop: the board in a Y.Doc, relayed between browsers over WebSocket, and saved to its
 * file (atomically, by BoardHost) a moment after each change. Access needs a secret token in the
 * URL; a message that is too big, not binary, or does not decode closes that one connection.
 */
export class WorkshopServer {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly joinToken = randomBytes(18).toString('base64url');
  readonly facilitatorToken = randomBytes(18).toString('base64url');
  locked = false;
  #conns = new Map<WebSocket, Connection>();
  #wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #saving: Promise<void> = Promise.resolve();
  #base: Board;
  /** Called with a sentence when a save fails or a connection is closed for a bad message. */
  onNotice: (text: string) => void = () => undefined;

  constructor(readonly host: BoardHost, readonly file: string, board: Board) {
    this.awareness.setLocalState(null);
    const { contexts: _c, elements: _e, links: _l, name: _n, ...base } = board;
    this.#base = base as Board;
    writeBoard(this.doc, undefined, board, 'load');
    // For the participants' title bar: their pages ask the host nothing, not even the file's name.
    boardMaps(this.doc).meta.set('file', file);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.#broadcast(frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update)), origin);
      this.#scheduleSave();
    });
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const conn = origin ? this.#conns.get(origin as WebSocket) : undefined;
      if (conn) {
        for (const id of added) conn.clients.add(id);
        for (const id of removed) conn.clients.delete(id);
      }
      const changed = [...added, ...updated, ...removed];
      this.#broadcast(bytesFrame(WORKSHOP_MESSAGE.awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)), null);
    });
  }

  board(): Board {
    return readBoard(this.doc, this.#base);
  }

  /** Takes the WebSocket upgrades for WORKSHOP_PATH; refuses those without a valid token. */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const role = url.pathname !== WORKSHOP_PATH ? undefined : this.#roleOf(url.searchParams.get('token') ?? '');
      if (!role) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, role));
    });
  }

  #roleOf(token: string): Connection['role'] | undefined {
    if (sameSecret(token, this.facilitatorToken)) return 'facilitator';
    if (sameSecret(token, this.joinToken)) return 'participant';
    return undefined;
  }

  #accept(ws: WebSocket, role: Connection['role']): void {
    const conn: Connection = { role, clients: new Set() };
    this.#conns.set(ws, conn);
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      try {
        if (!isBinary) throw new Error('not binary');
        this.#receive(ws, conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch (error) {
        this.onNotice(`Closed a workshop connection that sent a bad message (${error instanceof Error ? error.message : String(error)}).`);
        ws.close(1008, 'bad message');
      }
    });
    ws.on('close', () => {
      this.#conns.delete(ws);
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.clients], null);
    });
    ws.on('error', () => ws.terminate());
    this.#send(ws, frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeSyncStep1(e, this.doc)));
    this.#send(ws, lockFrame(this.locked));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) this.#send(ws, bytesFrame(WORKSHOP_MESSAGE.awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)));
  }

  #receive(ws: WebSocket, conn: Connection, data: Uint8Array): void {
    const { type, decoder } = readFrame(data);
    if (type === WORKSHOP_MESSAGE.sync) {
      const sub = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
      if (sub === syncProtocol.messageYjsSyncStep1) {
        const reply = frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeSyncStep2(e, this.doc, payload));
        this.#send(ws, reply);
      } else if (sub === syncProtocol.messageYjsSyncStep2 || sub === syncProtocol.messageYjsUpdate) {
        if (this.locked && conn.role !== 'facilitator') return;
        // Decode first: an update that does not decode is refused before it touches the doc.
        Y.decodeUpdate(payload);
        Y.applyUpdate(this.doc, payload, ws);
      } else throw new Error(`unknown sync message ${sub}`);
    } else if (type === WORKSHOP_MESSAGE.awareness) {
      const payload = decoding.readVarUint8Array(decoder);
      checkAwareness(payload);
      awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, ws);
    } else if (type === WORKSHOP_MESSAGE.lock) {
      const locked = readLock(decoder);
      if (conn.role !== 'facilitator') throw new Error('only the facilitator locks the board');
      this.setLocked(locked);
    } else throw new Error(`unknown message type ${type}`);
  }

  setLocked(locked: boolean): void {
    this.locked = locked;
    this.#broadcast(lockFrame(locked), null);
  }

  #broadcast(message: Uint8Array, except: unknown): void {
    for (const ws of this.#conns.keys()) if (ws !== except) this.#send(ws, message);
  }

  #send(ws: WebSocket, message: Uint8Array): void {
    if (ws.readyState === ws.OPEN) ws.send(message);
  }

  /** At most one save per SAVE_DELAY_MS, even while edits never stop (a debounce would starve). */
  #scheduleSave(): void {
    if (this.#saveTimer !== undefined) return;
    this.#saveTimer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
  }

  /** Saves the board now (atomically); later saves wait for earlier ones. */
  flush(): Promise<void> {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    this.#saving = this.#saving.then(async () => {
      try {
        const vector = Y.encodeStateVector(this.doc);
        await this.host.save(this.file, serializeBoard(this.board()), { overwrite: true });
        this.#broadcast(bytesFrame(WORKSHOP_MESSAGE.saved, vector), null);
      } catch (error) {
        this.onNotice(`The workshop board could not be saved: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    return this.#saving;
  }

  async close(): Promise<void> {
    for (const ws of this.#conns.keys()) ws.terminate();
    this.#wss.close();
    await this.flush();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Awareness states are small JSON objects: a name, a colour, a cursor, a selection. */
function checkAwareness(payload: Uint8Array): void {
  const decoder = decoding.createDecoder(payload);
  const count = decoding.readVarUint(decoder);
  if (count > 16) throw new Error('too many awareness states');
  for (let i = 0; i < count; i++) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > 16_384) throw new Error('awareness state too large');
    JSON.parse(json);
  }
}
