import { backoffDelay } from './backoff.js';

export interface WorkQueueOptions {
  /**
   * Delay before the next attempt of a key that has failed `failures` times in a row.
   * @defaultValue exponential with jitter: about 1 s, doubling per failure, at most 30 s
   */
  backoff?: (failures: number) => number;
  /** Called whenever the number of keys waiting for a worker changes (a gauge, usually). */
  onDepthChange?: (depth: number) => void;
}

interface DelayedAdd {
  at: number;
  timer: NodeJS.Timeout;
}

/**
 * A queue of keys to reconcile, after client-go's workqueue. Level-triggered controllers only need
 * to know *that* a key changed, so a key is waiting at most once however often it is added; a key
 * added while a worker holds it is handed out again once that worker is done, never to two workers
 * at once. Failed keys come back after a per-key exponential backoff that resets on success.
 */
export class WorkQueue {
  /** Keys waiting for a worker, in order. */
  private readonly waiting: string[] = [];
  /** Keys that need processing: waiting, or re-added while being processed. */
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly delayed = new Map<string, DelayedAdd>();
  private readonly failures = new Map<string, number>();
  private readonly getters: ((key: string | undefined) => void)[] = [];
  private readonly drainWaiters: (() => void)[] = [];
  private shuttingDown = false;
  private readonly backoff: (failures: number) => number;
  private readonly onDepthChange: (depth: number) => void;

  constructor(options: WorkQueueOptions = {}) {
    this.backoff = options.backoff ?? ((failures) => backoffDelay(failures, 1_000, 30_000));
    this.onDepthChange = options.onDepthChange ?? (() => {});
  }

  get depth(): number {
    return this.waiting.length;
  }

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.enqueue(key);
  }

  /** Adds the key once `delayMs` has passed; of several pending timed adds, the earliest wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.shuttingDown) return;
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const at = Date.now() + delayMs;
    const pending = this.delayed.get(key);
    if (pending && pending.at <= at) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, delayMs);
    this.delayed.set(key, { at, timer });
  }

  /** Adds the key after its backoff, one failure further along. */
  addRateLimited(key: string): void {
    const failures = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, failures);
    this.addAfter(key, this.backoff(failures));
  }

  /** Resets the key's backoff: call it when the key was processed successfully. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  failuresOf(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** The next key to process, or undefined once the queue is shut down and empty. */
  get(): Promise<string | undefined> {
    const key = this.waiting.shift();
    if (key !== undefined) return Promise.resolve(this.hand(key));
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Marks the key processed; if it was added meanwhile, it waits for a worker again. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) this.enqueue(key);
    else if (this.shuttingDown) this.notifyIfDrained();
  }

  /**
   * Stops accepting keys and resolves once every key already waiting or being processed is done.
   * Timed adds are dropped: whoever runs the controllers next relists and reconciles everything.
   */
  shutDownWithDrain(): Promise<void> {
    this.shuttingDown = true;
    for (const { timer } of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    for (const resolve of this.getters.splice(0)) resolve(undefined);
    return new Promise((resolve) => {
      this.drainWaiters.push(resolve);
      this.notifyIfDrained();
    });
  }

  private enqueue(key: string): void {
    const getter = this.getters.shift();
    if (getter) {
      getter(this.hand(key));
      return;
    }
    this.waiting.push(key);
    this.onDepthChange(this.waiting.length);
  }

  private hand(key: string): string {
    this.dirty.delete(key);
    this.processing.add(key);
    this.onDepthChange(this.waiting.length);
    return key;
  }

  private notifyIfDrained(): void {
    if (this.waiting.length > 0 || this.processing.size > 0) return;
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }
}
