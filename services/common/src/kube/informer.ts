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
import { backoffDelay } from './backoff.js';

export interface InformerHandlers<T extends KubernetesObject> {
  add?: (object: T) => void;
  update?: (object: T) => void;
  delete?: (object: T) => void;
}

export interface InformerOptions<T extends KubernetesObject> {
  name: string;
  kubeConfig: KubeConfig;
  /** The watch path, e.g. /apis/brickyard.dev/v1alpha1/clusters (all namespaces). */
  path: string;
  list: ListPromise<T>;
  labelSelector?: string;
  /** e.g. spec.nodeName=<node>; the list call must apply the same selectors. */
  fieldSelector?: string;
  handlers: InformerHandlers<T>;
  log: Logger;
}

/**
 * A list-and-watch informer that never gives up: client-node's informer relists on 410 Gone and
 * rewatches when the server closes the stream, but stops on any other error, so this restarts it
 * with exponential backoff until it is stopped.
 */
export class ResilientInformer<T extends KubernetesObject> {
  private readonly informer;
  private failures = 0;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private syncedOnce = false;
  private resolveSynced: () => void = () => {};
  /** Resolves once the first list has been delivered to the handlers. */
  readonly synced: Promise<void>;

  constructor(private readonly options: InformerOptions<T>) {
    this.informer = new ListWatch<T>(
      options.path,
      new Watch(options.kubeConfig),
      options.list,
      false,
      options.labelSelector,
      options.fieldSelector,
    );
    const { handlers } = options;
    if (handlers.add) this.informer.on(ADD, handlers.add);
    if (handlers.update) this.informer.on(UPDATE, handlers.update);
    if (handlers.delete) this.informer.on(DELETE, handlers.delete);
    this.informer.on(ERROR, (error) => this.restartAfterError(error));
    this.synced = new Promise((resolve) => {
      this.resolveSynced = resolve;
    });
  }

  /** True once the first list has been delivered to the handlers. */
  get isSynced(): boolean {
    return this.syncedOnce;
  }

  async start(): Promise<void> {
    this.stopped = false;
    const failuresBefore = this.failures;
    await this.informer.start();
    if (this.failures === failuresBefore) this.markHealthy();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.informer.stop();
  }

  private markHealthy(): void {
    this.failures = 0;
    if (!this.syncedOnce) {
      this.syncedOnce = true;
      this.resolveSynced();
    }
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
