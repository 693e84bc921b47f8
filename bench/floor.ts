// The floor a generated service is measured against (bench/http.ts): a minimal node:http server
// that reads the JSON body and appends one event plus the command's outcome with the service's
// durability, and nothing else: no validation, no decision, no read models, no inbox.
//   FLOOR_LOG=sqlite:PATH  SQLite in WAL mode, synchronous=FULL, group commit of what arrived
//                          meanwhile (one IMMEDIATE transaction per turn of the event loop), the
//                          stream's version and the command id checked inside it, as SqliteLog does
//   FLOOR_LOG=nats://HOST:PORT  a JetStream publish per request with Nats-Msg-Id and an expected
//                          last subject sequence (0: a new aggregate), on a stream of its own
// FLOOR_ID_FIELD names the body's aggregate id; PORT (0: any); prints "listening on URL" when ready.
// Run by bench/http.ts as `node --import tsx bench/floor.ts`.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, StorageType } from 'nats';

/** Appends one command's event and outcome; resolves with the event's position once durable. */
type Append = (stream: string, commandId: string, data: unknown) => Promise<number>;

/** The tables of the service's SQLite log (templates/runtime/sqlite-log.ts), as the bare loop of bench/generate.ts uses them too. */
export const FLOOR_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, context TEXT NOT NULL, stream TEXT NOT NULL, stream_version INTEGER NOT NULL, type TEXT NOT NULL, version INTEGER NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (stream, stream_version));
CREATE TABLE IF NOT EXISTS command_outcomes (context TEXT NOT NULL, command_id TEXT NOT NULL, outcome TEXT NOT NULL, PRIMARY KEY (context, command_id));
`;

/** One durable append of an event and its outcome, as a function to run inside a transaction. */
export function floorAppender(db: Database.Database): (stream: string, commandId: string, data: unknown) => number {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(FLOOR_SCHEMA);
  const seen = db.prepare('SELECT 1 FROM command_outcomes WHERE context = ? AND command_id = ?');
  const version = db.prepare('SELECT MAX(stream_version) AS v FROM events WHERE stream = ?');
  const insert = db.prepare(
    'INSERT INTO events (id, context, stream, stream_version, type, version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const outcome = db.prepare('INSERT INTO command_outcomes VALUES (?, ?, ?)');
  return (stream, commandId, data) => {
    if (seen.get('floor', commandId)) return 0;
    const v = ((version.get(stream) as { v: number | null }).v ?? 0) + 1;
    const position = Number(
      insert.run(randomUUID(), 'floor', stream, v, 'Event', 1, JSON.stringify(data), '{}', new Date().toISOString())
        .lastInsertRowid,
    );
    outcome.run('floor', commandId, JSON.stringify({ positions: [position], streamVersion: v }));
    return position;
  };
}

function sqliteFloor(path: string): Append {
  const db = new Database(path);
  const appendOne = floorAppender(db);
  let queue: Array<{
    stream: string;
    commandId: string;
    data: unknown;
    resolve: (p: number) => void;
    reject: (e: unknown) => void;
  }> = [];
  const commit = db.transaction((items: typeof queue) => items.map((i) => appendOne(i.stream, i.commandId, i.data)));
  const flush = () => {
    const items = queue;
    queue = [];
    try {
      const positions = commit.immediate(items);
      items.forEach((item, i) => item.resolve(positions[i]!));
    } catch (error) {
      for (const item of items) item.reject(error);
    }
  };
  return (stream, commandId, data) =>
    new Promise((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ stream, commandId, data, resolve, reject });
    });
}

async function natsFloor(url: string): Promise<Append> {
  const nc = await connect({ servers: url.replace(/^nats:\/\//, '') });
  const jsm = await nc.jetstreamManager();
  const stream = `FLOOR${process.pid}`;
  await jsm.streams.add({
    name: stream,
    subjects: [`${stream.toLowerCase()}.>`],
    storage: StorageType.File,
    duplicate_window: 600_000_000_000,
  });
  const js = nc.jetstream();
  return async (aggregate, commandId, data) => {
    const ack = await js.publish(
      `${stream.toLowerCase()}.${aggregate}`,
      JSON.stringify({ commandId, events: [{ id: randomUUID(), type: 'Event', version: 1, data }] }),
      {
        msgID: `floor:${commandId}`,
        expect: { lastSubjectSequence: 0 },
      },
    );
    return ack.seq;
  };
}

async function body(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function main(): Promise<void> {
  const log = process.env.FLOOR_LOG ?? '';
  const idField = process.env.FLOOR_ID_FIELD ?? 'id';
  const append = log.startsWith('sqlite:')
    ? sqliteFloor(log.slice('sqlite:'.length))
    : log.startsWith('nats://')
      ? await natsFloor(log)
      : undefined;
  if (!append) throw new Error(`FLOOR_LOG=${log} is neither sqlite:PATH nor nats://HOST:PORT`);
  const server = createServer((request, response) => {
    body(request)
      .then(async (data) => {
        const commandId = (request.headers['idempotency-key'] as string | undefined) ?? randomUUID();
        const position = await append(String((data as Record<string, unknown>)[idField]), commandId, data);
        const text = JSON.stringify({ status: 'appended', commandId, position });
        response.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(text),
        });
        response.end(text);
      })
      .catch((error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    console.log(`floor listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  process.on('SIGTERM', () => process.exit(0));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
