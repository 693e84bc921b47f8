import { connect, JSONCodec, type JetStreamManager, type NatsConnection } from 'nats';
import type { PlayEntry, PlayLag } from '../../../contract/play.ts';
import type { WatchBatch } from './log-watch.ts';
import { policyOfCommandId, type PlayIndex } from './play-map.ts';

/**
 * Reads a NATS JetStream log read-only: one message per command (`templates/runtime/nats-stream.ts`'s
 * Body), an event's position being `seq × 1000 + index + 1` (nats-subjects.ts), and each
 * service's durable consumers (`storm_<context>_<projections|policies>_<instance>`, open-log.ts)
 * for the lag. test/electron/play/attach.test.ts reads a real service's log on a nats-server and
 * compares the positions with the service's own /events.
 */

const POSITIONS_PER_MESSAGE = 1000;
const DURABLE = /^storm_(.+)_(projections|policies)_[0-9a-f]{12}$/;
const READ_BATCH = 500;

interface Body {
  context: string;
  stream: string;
  commandId: string;
  firstVersion: number;
  recordedAt: string;
  events: Array<{ id: string; type: string; version: number; data: unknown }>;
}

export interface NatsTarget {
  servers: string[];
  stream: string;
}

/** `nats://HOST:PORT[,HOST:PORT…][/STREAM]` (the services' STORM_LOG); undefined for another scheme. */
export function natsTargetOf(url: string): NatsTarget | undefined {
  const match = /^(nats|tls):\/\/([^/?]+)(?:\/([A-Za-z0-9_-]*))?(?:\?.*)?$/.exec(url);
  if (!match) return undefined;
  return { servers: match[2]!.split(',').map((h) => `${match[1]}://${h}`), stream: match[3] || 'STORM' };
}

export class NatsWatch {
  readonly #nc: NatsConnection;
  readonly #jsm: JetStreamManager;
  readonly #stream: string;
  readonly #index: PlayIndex;
  readonly #policies: Set<string>;
  readonly #codec = JSONCodec<Body>();
  #nextSeq = 1;
  #head = 0;

  private constructor(nc: NatsConnection, jsm: JetStreamManager, stream: string, index: PlayIndex) {
    this.#nc = nc;
    this.#jsm = jsm;
    this.#stream = stream;
    this.#index = index;
    this.#policies = new Set(index.map.policies.map((p) => p.type));
  }

  static async open(target: NatsTarget, index: PlayIndex): Promise<NatsWatch> {
    const nc = await connect({ servers: target.servers, name: 'stormbench-attach', timeout: 5000 });
    try {
      const jsm = await nc.jetstreamManager();
      await jsm.streams.info(target.stream);
      return new NatsWatch(nc, jsm, target.stream, index);
    } catch (error) {
      await nc.close();
      throw new Error(
        `the NATS server has no JetStream stream ${target.stream} (${error instanceof Error ? error.message : String(error)}); name the services' stream as in their STORM_LOG (nats://HOST:PORT/STREAM)`,
      );
    }
  }

  get head(): number {
    return this.#head;
  }

  async poll(): Promise<WatchBatch> {
    const batch: WatchBatch = { entries: [], refusals: [], commands: [] };
    const info = await this.#jsm.streams.info(this.#stream);
    this.#nextSeq = Math.max(this.#nextSeq, info.state.first_seq);
    const last = Math.min(info.state.last_seq, this.#nextSeq + READ_BATCH - 1);
    for (let seq = this.#nextSeq; seq <= last; seq++) {
      let body: Body | undefined;
      try {
        body = this.#codec.decode((await this.#jsm.streams.getMessage(this.#stream, { seq })).data);
      } catch {
        body = undefined; // Deleted, or not a command's events.
      }
      if (body && Array.isArray(body.events)) batch.entries.push(...this.#entriesOf(seq, body));
      this.#nextSeq = seq + 1;
    }
    const lastEntry = batch.entries.at(-1);
    if (lastEntry) this.#head = lastEntry.position;
    return batch;
  }

  #entriesOf(seq: number, body: Body): PlayEntry[] {
    const policy = policyOfCommandId(body.commandId, this.#policies);
    return body.events.map((event, index) => {
      const command = this.#index.producerOf(body.context, event.type);
      return {
        position: seq * POSITIONS_PER_MESSAGE + index + 1,
        id: event.id,
        context: body.context,
        stream: body.stream,
        type: event.type,
        version: event.version,
        data: event.data,
        recordedAt: body.recordedAt,
        commandId: body.commandId,
        ...(command ? { command } : {}),
        ...(policy ? { policy } : {}),
        elementIds: [
          ...this.#index.eventStickies(body.context, event.type),
          ...(policy ? this.#index.policyStickies(policy.type) : []),
        ],
      };
    });
  }

  /** Each service's read-model and policy consumers: how many messages each has still to take. */
  async lags(): Promise<PlayLag[]> {
    const lags: PlayLag[] = [];
    for await (const consumer of this.#jsm.consumers.list(this.#stream)) {
      const match = DURABLE.exec(consumer.name);
      if (!match) continue;
      const seq = consumer.delivered.stream_seq;
      lags.push({
        contextId: match[1]!,
        subscription: match[2] as PlayLag['subscription'],
        position: seq * POSITIONS_PER_MESSAGE,
        lag: consumer.num_pending + consumer.num_ack_pending,
      });
    }
    return lags.sort((a, b) => `${a.contextId}/${a.subscription}`.localeCompare(`${b.contextId}/${b.subscription}`));
  }

  async close(): Promise<void> {
    await this.#nc.close();
  }
}
