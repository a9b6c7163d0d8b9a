import {
  ADD,
  CustomObjectsApi,
  DELETE,
  ERROR,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  type ListPromise,
  ListWatch,
  UPDATE,
  Watch,
} from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { backoffDelay } from './backoff.js';
import { ObjectCache } from './object-cache.js';
import type { CustomResourceType } from './status-writer.js';

interface InformerHandlers<T extends KubernetesObject> {
  add?: (object: T) => void;
  update?: (object: T) => void;
  delete?: (object: T) => void;
}

export interface InformerOptions<T extends KubernetesObject> {
  name: string;
  kubeConfig: KubeConfig;
  /** The watch path, e.g. /apis/brickyard.dev/v1alpha1/clusters (all namespaces). */
  path: string;
  /** The list call: it must apply the same selectors as the watch. */
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

export type CachedInformerOptions<T extends KubernetesObject> = Omit<InformerOptions<T>, 'handlers'>;

/**
 * An informer and the cache it fills: readers read from the cache (and write their own
 * responses back into it, read-your-writes), and subscribe to learn which objects changed.
 * The one way a process keeps a watched set of objects: controllers, the API's stores, the
 * scheduler's directories.
 */
export class CachedInformer<T extends KubernetesObject> {
  readonly cache = new ObjectCache<T>();
  private readonly listeners: ((object: T) => void)[] = [];
  private readonly informer: ResilientInformer<T>;

  constructor(options: CachedInformerOptions<T>) {
    const changed = (object: T): void => {
      for (const listener of this.listeners) listener(object);
    };
    this.informer = new ResilientInformer<T>({
      ...options,
      handlers: {
        add: (object) => {
          this.cache.upsert(object);
          changed(object);
        },
        update: (object) => {
          this.cache.upsert(object);
          changed(object);
        },
        delete: (object) => {
          this.cache.delete(object);
          changed(object);
        },
      },
    });
  }

  /** Resolves once the first list is in the cache. */
  get synced(): Promise<void> {
    return this.informer.synced;
  }

  /** Calls `listener` with every object added, updated or deleted from now on. */
  onChange(listener: (object: T) => void): void {
    this.listeners.push(listener);
  }

  start(): Promise<void> {
    return this.informer.start();
  }

  stop(): Promise<void> {
    return this.informer.stop();
  }
}

export interface CustomResourceInformerOptions {
  name: string;
  kubeConfig: KubeConfig;
  type: CustomResourceType;
  /** Applied to both the list and the watch. */
  labelSelector?: string;
  log: Logger;
}

/** A CachedInformer over the custom resources of one type, of every namespace. */
export function customResourceInformer<T extends KubernetesObject>(
  options: CustomResourceInformerOptions,
): CachedInformer<T> {
  const { type, labelSelector, ...rest } = options;
  const api = options.kubeConfig.makeApiClient(CustomObjectsApi);
  return new CachedInformer<T>({
    ...rest,
    path: `/apis/${type.group}/${type.version}/${type.plural}`,
    list: () =>
      api.listClusterCustomObject({
        ...type,
        ...(labelSelector !== undefined ? { labelSelector } : {}),
      }) as Promise<KubernetesListObject<T>>,
    ...(labelSelector !== undefined ? { labelSelector } : {}),
  });
}
