import type { WorkshopInfo } from '../../../contract/host-results.ts';
import { WORKSHOP_PATH } from '../../../contract/workshop-wire.ts';

/** What a page needs to take part in a workshop, before the session is opened. */
export interface WorkshopAccess {
  role: 'facilitator' | 'participant';
  token: string;
  /** The board file; a participant does not know it (it asks the host nothing but the session). */
  board: string;
  /** The link participants open (the facilitator shows it), and the others when there are several. */
  joinLink?: string;
  joinLinks?: readonly string[];
  /** Where the session's WebSocket is, when not on this page's own server (the desktop window). */
  socketUrl?: string;
}

/**
 * The facilitator's side of a hosted workshop. The host knows the addresses participants can
 * reach (another machine cannot use the 127.0.0.1 this page may have been opened on); an older
 * host that does not say falls back to this page's own origin.
 */
export function facilitatorAccess(hosted: WorkshopInfo, origin: string): WorkshopAccess {
  const links = hosted.joinLinks && hosted.joinLinks.length > 0 ? hosted.joinLinks : [`${origin}/?join=${hosted.joinToken}`];
  return {
    role: 'facilitator',
    token: hosted.facilitatorToken,
    board: hosted.board,
    joinLink: links[0]!,
    joinLinks: links,
    ...(hosted.socketUrl ? { socketUrl: hosted.socketUrl } : {}),
  };
}

/**
 * A participant's page, from its join link alone: it calls none of the host's operations, which
 * on a server reachable from the network answer only the facilitator.
 */
export function participantAccess(search: string): WorkshopAccess | undefined {
  const token = new URLSearchParams(search).get('join');
  return token ? { role: 'participant', token, board: '' } : undefined;
}

/** The session's WebSocket URL for a page at `location`. */
export function socketUrlOf(access: WorkshopAccess, location: { protocol: string; host: string }): string {
  return access.socketUrl ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WORKSHOP_PATH}`;
}
