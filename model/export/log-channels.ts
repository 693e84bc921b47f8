import type { BoardGraph, Identity } from '../board/graph.ts';
import type { AggregateElement } from '../board/types.ts';
import { asciiKey } from './names.ts';

/**
 * Where a generated service's events really travel on NATS JetStream, for the exports to describe:
 * one message per command on its aggregate's subject `storm.<context>.<Aggregate>.<id>`, holding
 * every event the command decided. The subject functions are copies of the runtime's
 * (templates/runtime/nats-subjects.ts: model/ cannot import templates/, and the runtime uses
 * Buffer); test/export/log-subjects.test.ts holds the two to the same answers, and runs the
 * generated command bus to check that a real append lands on the address given here.
 */

/** The first token of every subject: the runtime's default (`?prefix=` in STORM_LOG changes it). */
export const SUBJECT_PREFIX = 'storm';

const PLAIN_BYTE = /[A-Za-z0-9_-]/;
const encoder = new TextEncoder();

/** The runtime's `encodeToken`: letters, digits, `_` and `-` stay, every other UTF-8 byte is `~XX`. */
export function encodeToken(text: string): string {
  if (text === '') return '~';
  let out = '';
  for (const byte of encoder.encode(text)) {
    const c = String.fromCharCode(byte);
    out += PLAIN_BYTE.test(c) ? c : `~${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

const STREAM_NAME = /^([^.]+)\.([^-]+)-(.+)$/s;

/** The runtime's `subjectOf`: the subject of the log stream `context.Aggregate-id`. */
export function streamSubject(prefix: string, stream: string): string {
  const match = STREAM_NAME.exec(stream);
  if (!match) return `${prefix}.~.~.${encodeToken(stream)}`;
  return `${prefix}.${encodeToken(match[1]!)}.${encodeToken(match[2]!)}.${encodeToken(match[3]!)}`;
}

// Any one plain character: it encodes to itself and, being last, ends the subject whatever branch
// of streamSubject the stream name takes, so it can be swapped for the parameter.
const SENTINEL = 'Z';

/**
 * The AsyncAPI address of an aggregate's subjects, with its id as a parameter:
 * `storm.sales.Order.{orderId}`. The command bus names the stream `<contextId>.<Aggregate>-<id>`,
 * and odd context ids (with `.`, `-` or letters outside ASCII) take the same path through
 * streamSubject here as in the runtime.
 */
export function logAddress(contextId: string, aggregateType: string, parameter: string): string {
  const subject = streamSubject(SUBJECT_PREFIX, `${contextId}.${aggregateType}-${SENTINEL}`);
  return `${subject.slice(0, -SENTINEL.length)}{${parameter}}`;
}

/** The payload property holding an aggregate's id, as the generator's plan chooses it. */
export function idFieldOf(aggregate: Identity): string {
  const stickies = aggregate.stickies as AggregateElement[];
  return stickies.find((s) => s.idField)?.idField ?? `${aggregate.identifier.camel.replace(/_$/, '')}Id`;
}

/** One aggregate's log: its address and the events its commands append there. */
export interface LogChannel {
  aggregate: Identity;
  contextId: string;
  idField: string;
  /** The address's parameter: the id field, as a key AsyncAPI accepts. */
  parameter: string;
  address: string;
  events: Identity[];
}

/**
 * The aggregates of the event's own context that emit it (a link from one of their stickies): the
 * generated service appends it on their subjects and nowhere else. An event no such aggregate
 * emits (one an external system raises, say) is never written by a generated service.
 */
export function emittersOf(graph: BoardGraph, event: Identity): Identity[] {
  const out: Identity[] = [];
  for (const element of graph.sources(event, ['aggregate'])) {
    if (element.context !== event.contextId) continue;
    const aggregate = graph.identityOf(element.id);
    if (aggregate && aggregate.identifier.pascal !== '' && !out.includes(aggregate)) out.push(aggregate);
  }
  return out;
}

/** The aggregate's log channel, with the events it emits in board order. */
export function logChannelOf(graph: BoardGraph, aggregate: Identity): LogChannel {
  const events: Identity[] = [];
  for (const element of graph.targets(aggregate, ['event'])) {
    if (element.context !== aggregate.contextId) continue;
    const event = graph.identityOf(element.id);
    if (event && event.identifier.pascal !== '' && !events.includes(event)) events.push(event);
  }
  const idField = idFieldOf(aggregate);
  const parameter = asciiKey(idField);
  const contextId = aggregate.contextId ?? '';
  return {
    aggregate,
    contextId,
    idField,
    parameter,
    address: logAddress(contextId, aggregate.identifier.pascal, parameter),
    events,
  };
}

/** What the address's parameter holds, for AsyncAPI and EventCatalog alike (plain text, no markup). */
export function idParameterDescription(log: LogChannel, aggregateName: string): string {
  return (
    `The ${aggregateName}'s id, the ${log.idField} property of its commands and events (a number in decimal), as a subject token: ` +
    'letters, digits, underscore and hyphen as they are, every other UTF-8 byte as a tilde and two hex digits.'
  );
}
