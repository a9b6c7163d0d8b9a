import {
  ADD,
  DELETE,
  ERROR,
  type KubeConfig,
  type KubernetesObject,
  type ListPromise,
  ListWatch,
  UPDATE,
  Watch,
} from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { backoffDelay } from '../../common/src/kube/backoff.js';

export interface FieldSelectorInformerOptions<T extends KubernetesObject> {
  name: string;
  kubeConfig: KubeConfig;
  /** The watch path, e.g. /api/v1/pods (all namespaces). */
  path: string;
  /** The list call; it must apply the same field selector. */
  list: ListPromise<T>;
  fieldSelector: string;
  handlers: { add?: (object: T) => void; update?: (object: T) => void; delete?: (object: T) => void };
  log: Logger;
}

/**
 * A list-and-watch informer with a field selector (ResilientInformer in services/common takes
 * only label selectors), restarted with exponential backoff after any error until stopped.
 */
export class FieldSelectorInformer<T extends KubernetesObject> {
  private readonly informer: ListWatch<T>;
  private failures = 0;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private syncedOnce = false;

  constructor(private readonly options: FieldSelectorInformerOptions<T>) {
    this.informer = new ListWatch<T>(
      options.path,
      new Watch(options.kubeConfig),
      options.list,
      false,
      undefined,
      options.fieldSelector,
    );
    const { handlers } = options;
    if (handlers.add) this.informer.on(ADD, handlers.add);
    if (handlers.update) this.informer.on(UPDATE, handlers.update);
    if (handlers.delete) this.informer.on(DELETE, handlers.delete);
    this.informer.on(ERROR, (error) => this.restartAfterError(error));
  }

  /** True once the first list has been delivered to the handlers. */
  get synced(): boolean {
    return this.syncedOnce;
  }

  async start(): Promise<void> {
    this.stopped = false;
    const failuresBefore = this.failures;
    await this.informer.start();
    if (this.failures === failuresBefore) {
      this.failures = 0;
      this.syncedOnce = true;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.informer.stop();
  }

  private restartAfterError(error: unknown): void {
    if (this.stopped) return;
    this.failures++;
    const delay = backoffDelay(this.failures);
    this.options.log.warn(
      { informer: this.options.name, err: error, failures: this.failures, retryInMs: delay },
      'Informer failed, restarting',
    );
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.start().catch((startError: unknown) => this.restartAfterError(startError));
    }, delay);
  }
}
