import type { EventLog } from './log.ts';
import { StateStore } from './state-store.ts';

/**
 * Refuses local state that was built from another log. Checkpoints are positions in one log: under
 * a log that ends before them (a new file because DATA_DIR moved, a stream deleted and made again,
 * a restored backup) the subscriptions would wait for positions the new log reaches only later,
 * skip every event up to there in read models and policies, and /health would look fine.
 */
export async function refuseForeignLog(
  statePath: string,
  log: EventLog,
  where: { dataDir: string; log: string },
): Promise<void> {
  const store = new StateStore(statePath);
  let applied: number;
  try {
    applied = Math.max(store.checkpoint('projections'), store.checkpoint('policies'));
  } finally {
    await store.close();
  }
  if (applied === 0) return;
  const head = await log.head();
  if (applied <= head) return;
  throw new Error(
    `the local state in ${where.dataDir} has applied the log up to position ${applied}, but the log ${where.log} ends at position ${head}: ` +
      'it is not the log this state was built from (was it moved, replaced or lost?). ' +
      'Point STORM_LOG at that log, or start with an empty DATA_DIR to rebuild the read models from this one',
  );
}
