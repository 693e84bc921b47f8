import { SqliteThread, type WriterSource } from './sqlite-thread.ts';

/** One write to the inbox: a command accepted (true when its id was new), or commands finished. */
export type InboxWrite =
  | { kind: 'enqueue'; commandId: string; command: string; payload: string }
  | { kind: 'finish'; commandId: string; answer: string };

/**
 * The inbox's writes, on a thread of their own (sqlite-thread.ts). A batch that accepts commands
 * waits for the disk (a 202 promises the command is on disk); one that only finishes them need not
 * (losing it runs those commands again, which their ids make harmless), and costs no fsync.
 */
const INBOX_WRITER: WriterSource = `(Database, { path }) => {
  const durable = new Database(path);
  durable.pragma('synchronous = FULL');
  const relaxed = new Database(path);
  relaxed.pragma('synchronous = NORMAL');
  const writers = [durable, relaxed].map((db) => {
    db.pragma('busy_timeout = 10000');
    const enqueue = db.prepare("INSERT INTO inbox (command_id, command, payload, status, received_at) VALUES (?, ?, ?, 'pending', ?) ON CONFLICT (command_id) DO NOTHING");
    const finish = db.prepare("UPDATE inbox SET status = 'done', answer = ? WHERE command_id = ?");
    return db.transaction((writes) => {
      const at = new Date().toISOString();
      return writes.map((w) => (w.kind === 'enqueue' ? enqueue.run(w.commandId, w.command, w.payload, at).changes === 1 : finish.run(w.answer, w.commandId).changes === 1));
    });
  });
  return {
    run: (writes) => (writes.some((w) => w.kind === 'enqueue') ? writers[0] : writers[1]).immediate(writes),
    close: () => {
      durable.close();
      relaxed.close();
    },
  };
}`;

/** Writes to the inbox file `path` (its tables made already) from a worker thread, one commit per batch. */
export class InboxWriter {
  readonly #thread: SqliteThread<InboxWrite, boolean>;

  constructor(path: string) {
    this.#thread = new SqliteThread(`the inbox ${path}`, INBOX_WRITER, { path });
  }

  /** Resolves once the write is on disk: true when it changed a row (a new command id; a pending command finished). */
  write(write: InboxWrite): Promise<boolean> {
    return this.#thread.write(write);
  }

  /** Waits for every write asked for, then stops the thread. */
  close(): Promise<void> {
    return this.#thread.close();
  }
}
