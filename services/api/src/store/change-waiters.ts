/**
 * Callers waiting for an object of a cache to reach some condition: each wait checks at once and
 * again on every change the watch brings, and ends when the condition holds, when the object is
 * gone, or when its time is up.
 */
export class ChangeWaiters {
  private readonly checks = new Set<() => void>();

  /** Runs every pending check: call after each change to the cache. */
  changed(): void {
    for (const check of this.checks) check();
  }

  get pending(): number {
    return this.checks.size;
  }

  /**
   * Resolves with `read()` once `until` holds for it, or with undefined when `read()` finds
   * nothing or `timeoutMs` passes first.
   */
  waitFor<T>(
    read: () => T | undefined,
    until: (object: T) => boolean,
    timeoutMs: number,
  ): Promise<T | undefined> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (object: T | undefined) => {
        this.checks.delete(check);
        if (timer) clearTimeout(timer);
        resolve(object);
      };
      const check = () => {
        const object = read();
        if (object === undefined) finish(undefined);
        else if (until(object)) finish(object);
      };
      this.checks.add(check);
      check();
      if (this.checks.has(check)) timer = setTimeout(() => finish(undefined), timeoutMs);
    });
  }
}
