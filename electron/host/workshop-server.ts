import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import type { Board } from '../../model/board/types.ts';
import type { BoardHost } from './board-host.ts';
import {
  bytesFrame,
  frame,
  lockFrame,
  playFrame,
  readFrame,
  readLock,
  sentenceFrame,
  WORKSHOP_CLOSE,
  WORKSHOP_MESSAGE,
  WORKSHOP_PATH,
} from '../../contract/workshop-wire.ts';
import { sameSecret } from './secrets.ts';
import { boardMaps, readBoard, writeBoard } from '../../model/collab/board-doc.ts';
import { BoardGuard, UNDONE } from '../../model/collab/board-guard.ts';
import { WorkshopSaver } from './workshop-saver.ts';
import { socketOriginAllowed } from './network.ts';
import { PlayRelayReader } from './play/workshop-relay.ts';

/** A bigger message closes its connection (a whole 5,000-sticky board is about 1.5 MB). */
export const MAX_WS_MESSAGE_BYTES = 4 * 1024 * 1024;
/**
 * The most the board may take as Yjs encodes it, which is what every joiner receives (the
 * 1,200-sticky examples/workshop.storm.json is 0.5 MB). A change that would pass it is refused.
 */
export const MAX_DOC_BYTES = 8 * 1024 * 1024;
/** A page has one presence; a few more leave room for a reconnect the host has not noticed yet. */
export const MAX_PRESENCES_PER_CONNECTION = 4;
/**
 * Participants' pages connected at once (a page has one connection; a reload briefly two). Each
 * costs the host a relay of every change and up to 4 × 16 KB of presences; a room's workshop is
 * far smaller. The facilitator's pages do not count and are always let in.
 */
export const MAX_PARTICIPANT_CONNECTIONS = 50;
const FULL = `The workshop is full: it takes ${MAX_PARTICIPANT_CONNECTIONS} participants' pages at once. Close this workshop's other tabs, or reload this page once someone has left.`;
/** Told to every page when the facilitator stops hosting. */
export const ENDED =
  'The facilitator ended the workshop; this page keeps the board as it was at the end (Download a copy saves it).';
/** Changes that wait on changes never sent (Yjs keeps them pending) are held up to this much. */
const MAX_PENDING_BYTES = MAX_WS_MESSAGE_BYTES;
/** How often the participants' pages get what changed in play (the facilitator's page polls as often). */
const PLAY_RELAY_MS = 300;
const TOO_LARGE = `The host refused your change: it would make the board larger than ${MAX_DOC_BYTES / 1024 / 1024} MB, the most a workshop holds. Reload this page to carry on with the board as the host has it, and delete something before adding more.`;

interface Connection {
  role: 'facilitator' | 'participant';
  clients: Set<number>;
}

/**
 * One workshop: the board in a Y.Doc, relayed between browsers over WebSocket, and saved to its
 * file (atomically, by BoardHost) a moment after each change. Access needs a secret token in the
 * URL; a message that is too big, not binary, or does not decode closes that one connection; a
 * change the board format would refuse is undone (BoardGuard) and its sender told why.
 */
export class WorkshopServer {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly joinToken = randomBytes(18).toString('base64url');
  readonly facilitatorToken = randomBytes(18).toString('base64url');
  locked = false;
  #conns = new Map<WebSocket, Connection>();
  #wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });
  #base: Board;
  #guard: BoardGuard;
  #saver: WorkshopSaver;
  /** The doc's encoded size when last measured, and the bytes of updates applied since. */
  #docBytes: number;
  #grown = 0;
  /** The upgrade listeners `attach` added, removed when the workshop ends. */
  #attached: Array<{ server: Server; listener: (req: IncomingMessage, socket: Duplex, head: Buffer) => void }> = [];
  #ended = false;
  #play: PlayRelayReader;
  #playTimer: NodeJS.Timeout;
  /** Called with a sentence when a save fails or a connection is closed for a bad message. */
  onNotice: (text: string) => void = () => undefined;

  constructor(
    readonly host: BoardHost,
    readonly file: string,
    board: Board,
  ) {
    this.awareness.setLocalState(null);
    const { contexts: _c, elements: _e, links: _l, name: _n, ...base } = board;
    this.#base = base as Board;
    writeBoard(this.doc, undefined, board, 'load');
    // For the participants' title bar: their pages ask the host nothing, not even the file's name.
    boardMaps(this.doc).meta.set('file', file);
    this.#guard = new BoardGuard(this.doc, board);
    // Play (started or attached by the facilitator's page) reaches the participants' pages here.
    this.#play = new PlayRelayReader(host.folder);
    this.#playTimer = setInterval(() => this.#relayPlay(), PLAY_RELAY_MS);
    this.#playTimer.unref();
    this.#docBytes = Y.encodeStateAsUpdate(this.doc).length;
    this.#saver = new WorkshopSaver(host, file, this.doc, () => this.board(), {
      saved: (vector) => this.#broadcast(bytesFrame(WORKSHOP_MESSAGE.saved, vector), null),
      failed: (sentence) => {
        this.onNotice(sentence);
        this.#broadcast(sentenceFrame(WORKSHOP_MESSAGE.saveFailed, sentence), null);
      },
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
      // What the host undid of a change must reach its sender too: it holds the refused values.
      const everyone = transaction.meta.has(UNDONE);
      this.#broadcast(
        frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeUpdate(e, update)),
        everyone ? null : origin,
      );
      this.#saver.schedule();
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        // Who holds which presence is kept in #receive; a presence that went (or timed out) is no one's.
        for (const conn of this.#conns.values()) for (const id of removed) conn.clients.delete(id);
        const changed = [...added, ...updated, ...removed];
        this.#broadcast(
          bytesFrame(WORKSHOP_MESSAGE.awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)),
          null,
        );
      },
    );
  }

  board(): Board {
    return readBoard(this.doc, this.#base);
  }

  /**
   * Takes the WebSocket upgrades for WORKSHOP_PATH. As for the API, the Host header must name this
   * server (`ours`: DNS rebinding), and a browser's Origin must be one of its pages or the desktop
   * window's (a page of another site could otherwise use a token it learnt); then the token.
   */
  attach(server: Server, ours: (host: string) => boolean): void {
    const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const refuse = (status: string) =>
        socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      if (!ours(req.headers.host ?? '')) return refuse('421 Misdirected Request');
      if (!socketOriginAllowed(req.headers.origin, ours)) return refuse('403 Forbidden');
      const role = url.pathname !== WORKSHOP_PATH ? undefined : this.#roleOf(url.searchParams.get('token') ?? '');
      if (!role) return refuse('401 Unauthorized');
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#accept(ws, role));
    };
    server.on('upgrade', listener);
    this.#attached.push({ server, listener });
  }

  /** The facilitator's pages connected now (the page opened on the plain address asks, see WorkshopInfo). */
  get facilitatorPages(): number {
    let count = 0;
    for (const conn of this.#conns.values()) if (conn.role === 'facilitator') count++;
    return count;
  }

  #roleOf(token: string): Connection['role'] | undefined {
    if (sameSecret(token, this.facilitatorToken)) return 'facilitator';
    if (sameSecret(token, this.joinToken)) return 'participant';
    return undefined;
  }

  #accept(ws: WebSocket, role: Connection['role']): void {
    // Accepted, then told why and closed: a browser's WebSocket cannot read a refused upgrade's reason.
    if (
      role === 'participant' &&
      [...this.#conns.values()].filter((c) => c.role === 'participant').length >= MAX_PARTICIPANT_CONNECTIONS
    ) {
      this.onNotice(`Refused a participant's connection: the workshop already has ${MAX_PARTICIPANT_CONNECTIONS}.`);
      ws.send(sentenceFrame(WORKSHOP_MESSAGE.refused, FULL));
      ws.close(WORKSHOP_CLOSE.full, 'workshop full');
      return;
    }
    const conn: Connection = { role, clients: new Set() };
    this.#conns.set(ws, conn);
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      try {
        if (!isBinary) throw new Error('not binary');
        this.#receive(ws, conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch (error) {
        this.onNotice(
          `Closed a workshop connection that sent a bad message (${error instanceof Error ? error.message : String(error)}).`,
        );
        ws.close(1008, 'bad message');
      }
    });
    ws.on('close', () => {
      this.#conns.delete(ws);
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.clients], null);
    });
    ws.on('error', () => ws.terminate());
    this.#send(
      ws,
      frame(WORKSHOP_MESSAGE.sync, (e) => syncProtocol.writeSyncStep1(e, this.doc)),
    );
    this.#send(ws, lockFrame(this.locked));
    if (this.#saver.failure) this.#send(ws, sentenceFrame(WORKSHOP_MESSAGE.saveFailed, this.#saver.failure));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0)
      this.#send(
        ws,
        bytesFrame(WORKSHOP_MESSAGE.awareness, awarenessProtocol.encodeAwarenessUpdate(this.awareness, states)),
      );
    const play = role === 'participant' ? this.#play.full() : undefined;
    if (play) this.#send(ws, playFrame(play));
  }

  /** What changed in play, to the participants' pages (the facilitator's ask the host themselves). */
  #relayPlay(): void {
    const participants = [...this.#conns].filter(([, c]) => c.role === 'participant').map(([ws]) => ws);
    if (participants.length === 0) return;
    const relay = this.#play.next();
    if (!relay) return;
    const message = playFrame(relay);
    for (const ws of participants) this.#send(ws, message);
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
        // Only what adds to the doc can overflow it: a deletion (an update that starts with zero
        // clients' structs) is always taken. Checked before decoding, which costs the most.
        if (decoding.peekVarUint(decoding.createDecoder(payload)) > 0 && !this.#fits(payload.length)) {
          this.onNotice(
            `Refused a workshop change that would make the board larger than ${MAX_DOC_BYTES / 1024 / 1024} MB, and closed its connection.`,
          );
          this.#send(ws, sentenceFrame(WORKSHOP_MESSAGE.refused, TOO_LARGE));
          ws.close(WORKSHOP_CLOSE.tooLarge, 'board too large');
          return;
        }
        // Decode first: an update that does not decode is refused before it touches the doc.
        this.#guard.check(Y.decodeUpdate(payload).structs);
        const undone = this.#guard.apply(payload, ws);
        this.#grown += payload.length;
        if (undone.length > 0) this.#send(ws, sentenceFrame(WORKSHOP_MESSAGE.refused, refusal(undone)));
        this.#limitPending();
      } else throw new Error(`unknown sync message ${sub}`);
    } else if (type === WORKSHOP_MESSAGE.awareness) {
      const payload = decoding.readVarUint8Array(decoder);
      const ids = checkAwareness(payload);
      const claimed = new Set([...conn.clients, ...ids]);
      if (claimed.size > MAX_PRESENCES_PER_CONNECTION)
        throw new Error(`more than ${MAX_PRESENCES_PER_CONNECTION} presences on one connection`);
      // A presence another connection holds moves here: the same page, reconnected before the
      // host noticed its old connection drop.
      for (const other of this.#conns.values()) if (other !== conn) for (const id of ids) other.clients.delete(id);
      for (const id of ids) conn.clients.add(id);
      awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, ws);
    } else if (type === WORKSHOP_MESSAGE.lock) {
      const locked = readLock(decoder);
      if (conn.role !== 'facilitator') throw new Error('only the facilitator locks the board');
      this.setLocked(locked);
    } else throw new Error(`unknown message type ${type}`);
  }

  /**
   * Whether `bytes` more fit under MAX_DOC_BYTES. The estimate (last measured size plus every
   * update since) only grows, overwrites included; the doc is measured again, which costs about
   * as much as a save, only when the estimate says no.
   */
  #fits(bytes: number): boolean {
    if (this.#docBytes + this.#grown + bytes <= MAX_DOC_BYTES) return true;
    if (this.#grown > 0) {
      this.#docBytes = Y.encodeStateAsUpdate(this.doc).length;
      this.#grown = 0;
    }
    return this.#docBytes + bytes <= MAX_DOC_BYTES;
  }

  /**
   * Yjs keeps an update whose predecessors it has not seen, for when they come; an honest page's
   * arrive within the same handshake. Past MAX_PENDING_BYTES they are dropped and the sender closed.
   */
  #limitPending(): void {
    const store = this.doc.store;
    const pending = (store.pendingStructs?.update.length ?? 0) + (store.pendingDs?.length ?? 0);
    if (pending <= MAX_PENDING_BYTES) return;
    store.pendingStructs = null;
    store.pendingDs = null;
    throw new Error(`more than ${MAX_PENDING_BYTES / 1024 / 1024} MB of changes waiting on changes it never sent`);
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

  /** Saves the board now (atomically); later saves wait for earlier ones. */
  flush(): Promise<void> {
    return this.#saver.flush();
  }

  /**
   * The facilitator stopped hosting: every page is told, its connection closed so that it does not
   * come back, and the board saved a last time. Later upgrades go to whatever is attached next.
   */
  async end(): Promise<void> {
    if (this.#ended) return;
    this.#broadcast(sentenceFrame(WORKSHOP_MESSAGE.ended, ENDED), null);
    for (const ws of this.#conns.keys()) ws.close(WORKSHOP_CLOSE.ended, 'workshop ended');
    await this.close();
  }

  async close(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    clearInterval(this.#playTimer);
    for (const { server, listener } of this.#attached) server.off('upgrade', listener);
    this.#attached = [];
    // A page closed by end() has its close frame on the way; a moment later whatever is left goes.
    await new Promise((r) => setTimeout(r, this.#conns.size > 0 ? 50 : 0));
    for (const ws of this.#conns.keys()) ws.terminate();
    this.#wss.close();
    await this.#saver.close();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** What the sender is told: what was undone, the first few items by name. */
function refusal(undone: readonly string[]): string {
  const more = undone.length > 3 ? ` (and ${undone.length - 3} more)` : '';
  return `The host undid your change, since the board file cannot hold it. ${undone.slice(0, 3).join(' ')}${more}`;
}

/**
 * Awareness states are small JSON objects: a name, a colour, a cursor, a selection. Returns the
 * client ids the update sets a state for (not those it removes).
 */
function checkAwareness(payload: Uint8Array): number[] {
  const decoder = decoding.createDecoder(payload);
  const count = decoding.readVarUint(decoder);
  if (count > 16) throw new Error('too many awareness states');
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const id = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > 16_384) throw new Error('awareness state too large');
    if (JSON.parse(json) !== null) ids.push(id);
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
  return ids;
}
