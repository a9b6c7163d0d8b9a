import type { KubeConfig, KubernetesObject, ListPromise } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { ResilientInformer } from './informer.js';
import { ObjectCache } from './object-cache.js';

export interface CachedInformerOptions<T extends KubernetesObject> {
  name: string;
  kubeConfig: KubeConfig;
  /** The watch path, e.g. /api/v1/namespaces. */
  path: string;
  list: ListPromise<T>;
  labelSelector?: string;
  log: Logger;
}

/**
 * An informer and the cache it fills: reconcilers read from the cache (and write their own
 * responses back into it), controllers subscribe to learn which objects changed.
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
