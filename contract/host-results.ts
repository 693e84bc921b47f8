import type { Board } from '../model/board/types.ts';

/**
 * What the host's operations answer, defined once: the host builds these and the page reads them
 * (contract/host.ts says which operation answers which).
 */

/** A board file in the board folder. */
export interface BoardEntry {
  name: string;
  modified: string;
  size: number;
}

export type OpenResult = { ok: true; name: string; board: Board } | { ok: false; name: string; message: string };

export interface SavedBoard {
  name: string;
  savedAt: string;
}

/** An autosave a person may restore: of a board file, or of a board never saved. */
export interface RecoveryEntry {
  key: string;
  /** The board file the work belongs to; absent for a board never saved. */
  board?: string;
  title: string;
  savedAt: string;
}

export interface Recovery {
  key: string;
  board?: string;
  text: string;
}

/** What an export from the app wrote: the folder (relative to the board folder) and its notes. */
export interface ExportSummary {
  folder: string;
  files: number;
  notes: string[];
}

/** A workshop the host runs, as the facilitator's page needs it. */
export interface WorkshopInfo {
  facilitatorToken: string;
  joinToken: string;
  board: string;
  /** The join link for each address participants may reach (the server knows; the page may not). */
  joinLinks?: string[];
  /** The session's WebSocket, where the page does not come from the workshop's server (Electron). */
  socketUrl?: string;
  /**
   * How many facilitator pages are connected to the session as the host answers. A page opened on
   * the plain address while another one facilitates asks the person before joining as a second
   * facilitator (docs/workshop.md).
   */
  facilitatorPages?: number;
}

/** Where the page is: the board folder, the board to open first, and a workshop if one runs. */
export interface Session {
  folder: string;
  /** The board named on the command line, opened first. */
  initial?: string;
  mode: 'browser' | 'electron';
  workshop?: WorkshopInfo;
}
