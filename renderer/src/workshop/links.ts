import type { WorkshopInfo } from '../../../contract/host-results.ts';
import { joinLink, readJoinLink, WORKSHOP_PATH } from '../../../contract/workshop-wire.ts';

/** What a page needs to take part in a workshop, before the session is opened. */
export interface WorkshopAccess {
  role: 'facilitator' | 'participant';
  token: string;
  /** The board file; a participant knows only what its join link says (it asks the host nothing but the session). */
  board: string;
  /** The link participants open (the facilitator shows it), and the others when there are several. */
  joinLink?: string;
  joinLinks?: readonly string[];
  /** The facilitator's page: the workshop's join token, which the tab remembers facilitating (see joinsAsFacilitator). */
  joinToken?: string;
  /** Where the session's WebSocket is, when not on this page's own server (the desktop window). */
  socketUrl?: string;
  /**
   * A facilitator's page opened while another page facilitates this workshop: it joins only when
   * the person says so (docs/workshop.md), rather than silently becoming a second facilitator.
   */
  elsewhere?: boolean;
}

/**
 * The facilitator's side of a hosted workshop. The host knows the addresses participants can
 * reach (another machine cannot use the 127.0.0.1 this page may have been opened on); an older
 * host that does not say falls back to this page's own origin.
 */
export function facilitatorAccess(hosted: WorkshopInfo, origin: string): WorkshopAccess {
  const links =
    hosted.joinLinks && hosted.joinLinks.length > 0
      ? hosted.joinLinks
      : [joinLink(`${origin}/`, hosted.joinToken, hosted.board)];
  return {
    role: 'facilitator',
    token: hosted.facilitatorToken,
    joinToken: hosted.joinToken,
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
  const link = readJoinLink(search);
  return link ? { role: 'participant', token: link.token, board: link.board } : undefined;
}

/**
 * Whether this page joins the hosted workshop as its facilitator without asking: when no
 * facilitator page is connected (the first one, or the last one closed), or when this very tab
 * facilitated it before (a reload: its old connection may not have closed yet). `facilitatedHere`
 * is the join token this tab remembers facilitating (sessionStorage: per tab, kept on reload).
 */
export function joinsAsFacilitator(hosted: WorkshopInfo, facilitatedHere: string | null): boolean {
  return !hosted.facilitatorPages || facilitatedHere === hosted.joinToken;
}

/** The session's WebSocket URL for a page at `location`. */
export function socketUrlOf(access: WorkshopAccess, location: { protocol: string; host: string }): string {
  return access.socketUrl ?? `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WORKSHOP_PATH}`;
}
