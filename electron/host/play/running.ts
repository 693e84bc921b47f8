// The plays of this process, so that stopping the server stops their services too. Light on
// purpose: the server imports it at start, long before (or without) anyone playing.
const RUNNING = new Set<{ stop(): Promise<unknown> }>();

export function trackPlay(play: { stop(): Promise<unknown> }): void {
  RUNNING.add(play);
}

/** Stops every play of this process (their services close their logs cleanly). */
export async function stopEveryPlay(): Promise<void> {
  await Promise.all([...RUNNING].map((p) => p.stop()));
}
