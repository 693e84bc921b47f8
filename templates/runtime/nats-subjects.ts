/**
 * How the log's names map onto NATS: subjects `PREFIX.CONTEXT.AGGREGATE.ID` (so a consumer can
 * filter on `storm.sales.>` or `storm.*.Order.>`), and positions that count events inside
 * JetStream messages. Pure functions, no connection.
 */

/**
 * One command's events are one JetStream message, so an event's position is its message's stream
 * sequence times this, plus its index in the message (1-based): event 2 of message 17 is at 17002.
 * Positions are strictly increasing but not contiguous.
 */
export const POSITIONS_PER_MESSAGE = 1000;
export const MAX_EVENTS_PER_APPEND = POSITIONS_PER_MESSAGE - 1;

export function positionOf(seq: number, index: number): number {
  return seq * POSITIONS_PER_MESSAGE + index + 1;
}

/** The message sequence and how many of its events a position covers. */
export function splitPosition(position: number): { seq: number; covered: number } {
  return { seq: Math.floor(position / POSITIONS_PER_MESSAGE), covered: position % POSITIONS_PER_MESSAGE };
}

/**
 * A subject token for any text: letters, digits, `_` and `-` stay; every other UTF-8 byte becomes
 * `~XX`, and the empty text is `~`. Reversible, so distinct names never share a subject.
 */
const PLAIN_TOKEN = /^[A-Za-z0-9_-]+$/;

export function encodeToken(text: string): string {
  if (text === '') return '~';
  if (PLAIN_TOKEN.test(text)) return text;
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_-]/.test(c) ? c : `~${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

const STREAM_NAME = /^([^.]+)\.([^-]+)-(.+)$/s;

/**
 * The subject of a log stream. The runtime names streams `context.Aggregate-id`; a name of another
 * shape still gets a subject of its own, under `PREFIX.~.~.`, which no well-formed name reaches.
 */
export function subjectOf(prefix: string, stream: string): string {
  const match = STREAM_NAME.exec(stream);
  if (!match) return `${prefix}.~.~.${encodeToken(stream)}`;
  return `${prefix}.${encodeToken(match[1]!)}.${encodeToken(match[2]!)}.${encodeToken(match[3]!)}`;
}

/** Every subject of one context's streams. */
export function contextFilter(prefix: string, context: string): string {
  return `${prefix}.${encodeToken(context)}.>`;
}
