import { HostError } from '../host/board-folder.ts';
import type { BoardHost } from '../host/board-host.ts';
import { CONTENT_SECURITY_POLICY } from '../host/csp.ts';
import { startHostedWorkshop, type HostedWorkshop } from '../host/hosted-workshop.ts';
import type { Capabilities } from '../host/messages.ts';
import type { Session, WorkshopInfo } from '../../contract/host-results.ts';
import { DEFAULT_LISTEN, isLoopback, localHost, parseListenAddress } from '../host/network.ts';

// "Host a workshop" in the desktop window. The window's page comes from app://, which the
// participants' browsers cannot load, so the main process starts the same app server as
// `stormbench serve` beside it, with the session attached; the window joins that session over
// a WebSocket like any participant, as its facilitator.

/** `--host ADDR` on the window's command line (`stormbench start` checked it and passes it on). */
export function listenFromArgv(argv: readonly string[], warn: (text: string) => void = () => undefined): string {
  const i = argv.indexOf('--host');
  if (i < 0) return DEFAULT_LISTEN;
  try {
    return parseListenAddress(argv[i + 1] ?? '');
  } catch (error) {
    warn(`${error instanceof Error ? error.message : String(error)} Workshops will listen on ${DEFAULT_LISTEN}.`);
    return DEFAULT_LISTEN;
  }
}

/**
 * The window's CSP, which also lets the page open the workshop's WebSocket on loopback (on any
 * port: the server picks a free one when the workshop starts, after the page has loaded). The
 * session is always there for the window, whatever address the participants use.
 */
export function desktopCsp(listen: string): string {
  return CONTENT_SECURITY_POLICY.replace(
    "connect-src 'self'",
    `connect-src 'self' ws://${isLoopback(listen) ? localHost(listen) : '127.0.0.1'}:*`,
  );
}

/** The one workshop the window hosts at a time, and its server. */
export class DesktopWorkshop {
  #hosted: Promise<HostedWorkshop> | undefined;

  constructor(
    private readonly options: { appDir: string; listen: string; port?: number; notice: (text: string) => void },
  ) {}

  /** The IPC capability: `current` is read when the call comes (the window may change folders). */
  capabilities(current: () => { host: BoardHost; session: Session }): Capabilities {
    return { hostWorkshop: (name) => this.host(current(), name), stopWorkshop: () => this.stop(current()) };
  }

  /** "Stop hosting": every page told, the board saved, the server stopped; the window keeps the board. */
  async stop(current: { session: Session }): Promise<{ board: string }> {
    const hosted = await this.#hosted?.catch(() => undefined);
    if (!hosted) throw new HostError('No workshop is hosted in this window: there is nothing to stop.', 409);
    delete current.session.workshop;
    await this.close();
    return { board: hosted.workshop.file };
  }

  async host(current: { host: BoardHost; session: Session }, name: string): Promise<WorkshopInfo> {
    if (this.#hosted) {
      const running = await this.#hosted;
      if (running.workshop.file !== name || running.workshop.host.folder !== current.host.folder) {
        throw new HostError(
          `A workshop on ${running.workshop.file} is already running in this window; stop hosting it (in the workshop bar) before hosting another.`,
          409,
        );
      }
      return running.info;
    }
    const starting = startHostedWorkshop({
      host: current.host,
      name,
      appDir: this.options.appDir,
      listen: this.options.listen,
      notice: this.options.notice,
      ...(this.options.port !== undefined ? { port: this.options.port } : {}),
    });
    this.#hosted = starting;
    try {
      const hosted = await starting;
      // A reload of the window finds the session and joins it again as the facilitator.
      current.session.workshop = hosted.info;
      this.options.notice(`Workshop on ${name}: participants join at ${hosted.info.joinLinks!.join(' or ')}`);
      return hosted.info;
    } catch (error) {
      this.#hosted = undefined;
      throw error;
    }
  }

  get running(): boolean {
    return this.#hosted !== undefined;
  }

  /** Saves the board a last time and stops the server. */
  async close(): Promise<void> {
    const hosted = await this.#hosted?.catch(() => undefined);
    this.#hosted = undefined;
    await hosted?.close();
  }
}
