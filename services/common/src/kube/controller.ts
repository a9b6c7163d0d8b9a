import type { KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { isConflict } from './api-errors.js';
import type { CachedInformer } from './informer.js';
import type { ControllerMetrics, ReconcileOutcome } from './metrics.js';
import { objectKey } from './object-cache.js';
import { WorkQueue, type WorkQueueOptions } from './work-queue.js';

export interface ReconcileResult {
  /** Reconcile the key again after this long, even if nothing changes (polling, waiting). */
  requeueAfterMs?: number;
}

/**
 * Brings the world in line with the object named by `key` (`name` or `namespace/name`). Throwing
 * requeues the key with backoff; it must be safe to call again at any time (level-triggered).
 */
type Reconcile = (key: string, log: Logger) => Promise<ReconcileResult>;

/** Something that tells the controller which keys to reconcile. */
export interface Source {
  readonly name: string;
  readonly synced: Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  subscribe(enqueue: (key: string) => void): void;
}

/** The controller's own kind: every change of an object queues that object's key. */
export function primarySource<T extends KubernetesObject>(name: string, informer: CachedInformer<T>): Source {
  return mappedSource(name, informer, (object) => [objectKey(object)]);
}

/** A related kind (owned Namespaces, Pods...): a change queues the keys of the objects it maps to. */
export function mappedSource<T extends KubernetesObject>(
  name: string,
  informer: CachedInformer<T>,
  keysOf: (object: T) => string[],
): Source {
  return {
    name,
    get synced() {
      return informer.synced;
    },
    start: () => informer.start(),
    stop: () => informer.stop(),
    subscribe: (enqueue) => informer.onChange((object) => keysOf(object).forEach(enqueue)),
  };
}

export interface ControllerOptions {
  /** The `controller` label of metrics and logs, e.g. "workspace". */
  name: string;
  sources: Source[];
  reconcile: Reconcile;
  /** Keys reconciled in parallel; one key is never reconciled twice at once. */
  workers: number;
  metrics: ControllerMetrics;
  log: Logger;
  queue?: Pick<WorkQueueOptions, 'backoff'>;
}

/**
 * Feeds keys from informers into a work queue and runs `workers` reconcile loops over it, after
 * cert-manager's controller.go: success forgets the key's backoff (and honours a requeue-after),
 * failure requeues it rate-limited. Workers start only once every informer has listed, so a
 * reconcile never acts on a partial view of the world.
 */
export class Controller {
  private readonly queue: WorkQueue;
  private readonly workers: Promise<void>[] = [];
  private stopping = false;
  private isSynced = false;
  private resolveStopped: () => void = () => {};
  private readonly stopped = new Promise<void>((resolve) => {
    this.resolveStopped = resolve;
  });

  constructor(private readonly options: ControllerOptions) {
    const { metrics, name } = options;
    this.queue = new WorkQueue({
      ...options.queue,
      onDepthChange: (depth) => metrics.queueDepth.set({ controller: name }, depth),
    });
    for (const source of options.sources) source.subscribe((key) => this.queue.add(key));
  }

  /** True once every source has listed and the workers run. */
  get synced(): boolean {
    return this.isSynced;
  }

  /** Starts the sources and, once they have all synced, the workers; resolves at that point. */
  async start(): Promise<void> {
    const { sources, log, name } = this.options;
    await Promise.all(sources.map((source) => source.start()));
    await Promise.race([Promise.all(sources.map((source) => source.synced)), this.stopped]);
    if (this.stopping) return;
    this.isSynced = true;
    for (let i = 0; i < this.options.workers; i++) this.workers.push(this.runWorker());
    log.info({ controller: name, workers: this.options.workers }, 'Started controller');
  }

  /** Stops watching, lets the workers finish what is queued and in flight, then returns. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.resolveStopped();
    await Promise.all(this.options.sources.map((source) => source.stop()));
    await this.queue.shutDownWithDrain();
    await Promise.all(this.workers);
    this.options.log.info({ controller: this.options.name }, 'Stopped controller');
  }

  private async runWorker(): Promise<void> {
    const { reconcile, metrics, name, log } = this.options;
    for (;;) {
      const key = await this.queue.get();
      if (key === undefined) return;
      const keyLog = log.child({ controller: name, key });
      const endTimer = metrics.reconcileDuration.startTimer({ controller: name });
      let outcome: ReconcileOutcome;
      try {
        const { requeueAfterMs } = await reconcile(key, keyLog);
        this.queue.forget(key);
        if (requeueAfterMs !== undefined) this.queue.addAfter(key, requeueAfterMs);
        outcome = requeueAfterMs === undefined ? 'success' : 'requeue_after';
      } catch (error) {
        if (isConflict(error)) {
          outcome = 'conflict';
          keyLog.info('Requeued after an optimistic-lock conflict');
        } else {
          outcome = 'error';
          metrics.reconcileErrors.inc({ controller: name });
          keyLog.error({ err: error, failures: this.queue.failuresOf(key) + 1 }, 'Failed to reconcile');
        }
        this.queue.addRateLimited(key);
      } finally {
        endTimer();
        this.queue.done(key);
      }
      metrics.reconcileTotal.inc({ controller: name, result: outcome });
    }
  }
}
