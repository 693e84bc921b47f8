import { nanos, RetentionPolicy, StorageType, type JetStreamManager, type JSONCodec } from 'nats';
import type { NewEvent } from './log.ts';

// The JetStream stream behind the log and the body of its messages (see nats-log.ts).

export const NOT_FOUND = 10037;
const STREAM_NOT_FOUND = 10059;

/** What one JetStream message (one command's events) carries in its body. */
export interface Body {
  context: string;
  stream: string;
  commandId: string;
  /** What identifies the request behind the command id (fingerprint.ts); absent in older messages. */
  fingerprint?: string;
  /** The stream version of the first event. */
  firstVersion: number;
  recordedAt: string;
  events: NewEvent[];
}

export interface StreamOptions {
  replicas?: number;
  duplicateWindowMs?: number;
}

/** Uses the stream when it exists (it must take PREFIX.> and nothing else), creates it otherwise. */
export async function ensureStream(
  jsm: JetStreamManager,
  stream: string,
  prefix: string,
  options: StreamOptions,
): Promise<void> {
  try {
    const info = await jsm.streams.info(stream);
    // Every message of the stream must be a command's events: consumers read it whole, in order.
    const subjects = info.config.subjects ?? [];
    if (!subjects.includes(`${prefix}.>`) || !subjects.every((s) => s.startsWith(`${prefix}.`))) {
      throw new Error(
        `the JetStream stream ${stream} takes the subjects ${subjects.join(', ') || '(none)'}, not only ${prefix}.>; give the services a stream of their own (nats://HOST:PORT/STREAM) or another ?prefix=`,
      );
    }
    return;
  } catch (error) {
    if (apiCode(error) !== STREAM_NOT_FOUND) throw error;
  }
  try {
    await jsm.streams.add({
      name: stream,
      subjects: [`${prefix}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      num_replicas: options.replicas ?? 1,
      duplicate_window: nanos(options.duplicateWindowMs ?? 10 * 60_000),
    });
  } catch (error) {
    // Another service created it at the same moment.
    const message = messageOf(error);
    if (/already in use/i.test(message)) return;
    if (/overlap/i.test(message))
      throw new Error(
        `cannot create the JetStream stream ${stream}: another stream already takes the subjects ${prefix}.>; name that stream in STORM_LOG (nats://HOST:PORT/STREAM) or choose another ?prefix=`,
      );
    throw new Error(
      `cannot create the JetStream stream ${stream}: ${message}; is JetStream enabled (nats-server -js)?`,
    );
  }
}

const EMPTY: Body = { context: '', stream: '', commandId: '', firstVersion: 0, recordedAt: '', events: [] };

/** A message's body; one that is not a command's events (someone else published it) holds none. */
export function bodyOf(codec: ReturnType<typeof JSONCodec<Body>>, data: Uint8Array): Body {
  try {
    const body = codec.decode(data);
    return body && typeof body === 'object' && Array.isArray(body.events) ? body : EMPTY;
  } catch {
    return EMPTY;
  }
}

export function apiCode(error: unknown): number | undefined {
  const api = (error as { api_error?: { err_code?: number } } | undefined)?.api_error;
  return api?.err_code;
}

/**
 * Whether a request failed because JetStream could not answer now, not because of what was asked:
 * no responder (no stream leader while a cluster elects one), no answer in time, the connection
 * down (the client reconnects), or an API error the server itself numbers 503.
 */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === '503' || code === 'TIMEOUT' || code === 'DISCONNECT' || code === 'CONNECTION_CLOSED') return true;
  return (error as { api_error?: { code?: number } } | undefined)?.api_error?.code === 503;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
