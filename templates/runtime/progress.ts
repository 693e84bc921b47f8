/**
 * The two pieces of bookkeeping every subscription loop needs, whatever log it reads: callers
 * waiting until it has handled a position (the `applied` response mode), and a pause between
 * polls that an append can cut short.
 */
export class Progress {
  #waiters: Array<{ position: number; resolve: () => void }> = [];
  #wake: (() => void) | undefined;

  /** Resolves once `release` has been called with `position` or beyond. */
  until(position: number): Promise<void> {
    return new Promise((resolve) => this.#waiters.push({ position, resolve }));
  }

  /** Lets go of every waiter at or below `position`. */
  release(position: number): void {
    if (this.#waiters.length === 0) return;
    this.#waiters = this.#waiters.filter((waiter) => {
      if (waiter.position > position) return true;
      waiter.resolve();
      return false;
    });
  }

  /** Waits `ms`, or less if `wake` is called meanwhile. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    });
  }

  wake(): void {
    this.#wake?.();
  }
}
