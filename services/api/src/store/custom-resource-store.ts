import type { CustomResource, ResourceKind } from '@brickyard/common/crd';
import {
  apiStatus,
  type CachedInformer,
  customResourceInformer,
  errorMessage,
  isAlreadyExists,
  isConflict,
  isNotFound,
  isPermanent,
  type ObjectCache,
  objectKey,
} from '@brickyard/common/kube';
import { GROUP, VERSION } from '@brickyard/common/vocabulary';
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { invalidParameter } from '../errors/databricks-error.js';
import { ChangeWaiters } from './change-waiters.js';
import { toDatabricksError } from './kube-errors.js';
import { PendingCreates, type StoreOutcome } from './pending-creates.js';

const FIELD_MANAGER = 'brickyard-api';
const MAX_CONFLICT_RETRIES = 5;
/**
 * Largest object the API writes: etcd refuses requests over 1.5 MiB (and the apiserver answers
 * that with a 500), and the operator's status needs room beside the spec.
 */
const MAX_OBJECT_BYTES = 1024 * 1024;

/**
 * Brickyard resources of one kind as the API sees them: reads from an informer-fed cache, writes
 * to the apiserver, and every write's response put into the cache at once (read-your-writes).
 * The API writes specs only; status belongs to the operator and the scheduler.
 */
export class CustomResourceStore<R extends CustomResource<unknown, unknown>> {
  private readonly api: CustomObjectsApi;
  private readonly informer: CachedInformer<R>;
  private readonly cache: ObjectCache<R>;
  /** Callers of waitFor, checked after every change the watch brings. */
  private readonly waiters = new ChangeWaiters();
  /** Creates accepted with `accept`, when the store was given Redis for them. */
  private readonly pending: PendingCreates<R> | undefined;

  constructor(
    private readonly kind: ResourceKind,
    kubeConfig: KubeConfig,
    log: Logger,
    acceptedCreates?: { redis: Redis },
  ) {
    this.api = kubeConfig.makeApiClient(CustomObjectsApi);
    this.pending =
      acceptedCreates &&
      new PendingCreates<R>({
        redis: acceptedCreates.redis,
        hashKey: `brickyard:api:accepted-creates:${kind.plural}`,
        store: (object) => this.storeAccepted(object),
        log,
      });
    this.informer = customResourceInformer<R>({
      name: kind.plural,
      kubeConfig,
      type: { group: GROUP, version: VERSION, plural: kind.plural },
      log,
    });
    this.cache = this.informer.cache;
    this.informer.onChange(() => this.waiters.changed());
  }

  async start(): Promise<void> {
    await this.informer.start();
    await this.pending?.start();
  }

  get synced(): Promise<void> {
    return this.informer.synced;
  }

  async stop(): Promise<void> {
    this.pending?.stop();
    await this.informer.stop();
  }

  get(namespace: string | undefined, name: string): R | undefined {
    return this.cache.get(namespace, name) ?? this.pending?.get(namespace ? `${namespace}/${name}` : name);
  }

  list(namespace?: string): R[] {
    const stored = this.cache.list(namespace);
    const accepted = (this.pending?.list() ?? []).filter(
      (object) =>
        (namespace === undefined || object.metadata.namespace === namespace) &&
        !this.cache.get(object.metadata.namespace, object.metadata.name ?? ''),
    );
    return accepted.length === 0 ? stored : [...stored, ...accepted];
  }

  /**
   * Waits until `until` holds for the object as the watch shows it (say, until a controller has
   * observed a spec the caller wrote). Resolves with the object then, or with undefined when the
   * object is gone or `timeoutMs` passes first.
   */
  waitFor(
    namespace: string | undefined,
    name: string,
    until: (object: R) => boolean,
    timeoutMs: number,
  ): Promise<R | undefined> {
    return this.waiters.waitFor(() => this.get(namespace, name), until, timeoutMs);
  }

  private coordinates(namespace: string | undefined) {
    return { group: GROUP, version: VERSION, plural: this.kind.plural, ...(namespace ? { namespace } : {}) };
  }

  /** Refuses, as the client's error, an object too large to store. */
  private assertStorable(object: R): void {
    const bytes = Buffer.byteLength(JSON.stringify(object));
    if (bytes > MAX_OBJECT_BYTES) {
      throw invalidParameter(
        `The ${this.kind.singular} is ${bytes} bytes as stored, over the limit of ${MAX_OBJECT_BYTES} bytes`,
      );
    }
  }

  async create(object: R, options: { raw?: boolean } = {}): Promise<R> {
    const namespace = object.metadata.namespace;
    this.assertStorable(object);
    try {
      const created = (
        namespace
          ? await this.api.createNamespacedCustomObject({
              ...this.coordinates(namespace),
              namespace,
              body: object,
              fieldManager: FIELD_MANAGER,
            })
          : await this.api.createClusterCustomObject({
              ...this.coordinates(undefined),
              body: object,
              fieldManager: FIELD_MANAGER,
            })
      ) as R;
      this.cache.upsert(created);
      this.waiters.changed();
      return created;
    } catch (error) {
      throw options.raw ? error : toDatabricksError(error);
    }
  }

  /**
   * Accepts a create: durable in Redis when this returns, in the apiserver shortly after (see
   * PendingCreates); reads see it at once. For a store built without Redis, a plain create.
   */
  async accept(object: R): Promise<void> {
    if (!this.pending) {
      await this.create(object);
      return;
    }
    this.assertStorable(object);
    const creationTimestamp = new Date().toISOString() as unknown as Date;
    await this.pending.accept({ ...object, metadata: { ...object.metadata, creationTimestamp } });
  }

  /** Stores an accepted create; throws (to be retried) while asking again may succeed. */
  private async storeAccepted(object: R): Promise<StoreOutcome<R>> {
    const { creationTimestamp: _, ...metadata } = object.metadata;
    try {
      return { stored: await this.create({ ...object, metadata }, { raw: true }) };
    } catch (error) {
      if (isAlreadyExists(error)) {
        const existing = await this.fetch(metadata.namespace, metadata.name ?? '');
        if (existing) return { stored: existing };
      }
      // Forbidden includes a namespace being deleted with its workspace: the create cannot land.
      if (isPermanent(error) || isNotFound(error) || apiStatus(error) === 403)
        return { refused: errorMessage(error) };
      throw error;
    }
  }

  /** Waits until an accepted create of the object is stored, so that a write can follow it. */
  private async settled(namespace: string | undefined, name: string): Promise<void> {
    await this.pending?.settled(objectKey({ metadata: { name, ...(namespace ? { namespace } : {}) } }));
  }

  private async fetch(namespace: string | undefined, name: string): Promise<R | undefined> {
    try {
      const fresh = (
        namespace
          ? await this.api.getNamespacedCustomObject({ ...this.coordinates(namespace), namespace, name })
          : await this.api.getClusterCustomObject({ ...this.coordinates(undefined), name })
      ) as R;
      this.cache.upsert(fresh);
      return fresh;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw toDatabricksError(error);
    }
  }

  /**
   * Applies `mutate` to the current object and replaces it, guarded by its resourceVersion; on a
   * conflict the object is read again and the mutation re-applied. `mutate` may throw to refuse.
   * Returns undefined when the object does not exist.
   */
  async update(
    namespace: string | undefined,
    name: string,
    mutate: (current: R) => R,
  ): Promise<R | undefined> {
    await this.settled(namespace, name);
    let current = this.get(namespace, name) ?? (await this.fetch(namespace, name));
    for (let attempt = 0; current && attempt < MAX_CONFLICT_RETRIES; attempt++) {
      const body = mutate(structuredClone(current));
      this.assertStorable(body);
      try {
        const replaced = (
          namespace
            ? await this.api.replaceNamespacedCustomObject({
                ...this.coordinates(namespace),
                namespace,
                name,
                body,
                fieldManager: FIELD_MANAGER,
              })
            : await this.api.replaceClusterCustomObject({
                ...this.coordinates(undefined),
                name,
                body,
                fieldManager: FIELD_MANAGER,
              })
        ) as R;
        this.cache.upsert(replaced);
        return replaced;
      } catch (error) {
        if (!isConflict(error)) throw toDatabricksError(error);
        current = await this.fetch(namespace, name);
      }
    }
    if (current) throw toDatabricksError(new Error(`gave up updating ${name} after repeated conflicts`));
    return undefined;
  }

  /** Deletes the object; false when it did not exist. Finalizers may keep it visible for a while. */
  async delete(namespace: string | undefined, name: string): Promise<boolean> {
    await this.settled(namespace, name);
    try {
      const result = (
        namespace
          ? await this.api.deleteNamespacedCustomObject({ ...this.coordinates(namespace), namespace, name })
          : await this.api.deleteClusterCustomObject({ ...this.coordinates(undefined), name })
      ) as R | { kind?: string };
      // With finalizers pending the object lives on (marked for deletion); otherwise it is gone.
      // The apiserver answers with the object (finalizers pending, or its last state) or a Status.
      const returned = result.kind === 'Status' ? undefined : (result as R);
      if (returned?.metadata.deletionTimestamp) this.cache.upsert(returned);
      else {
        const gone = returned ?? this.get(namespace, name);
        if (gone) this.cache.delete(gone);
      }
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw toDatabricksError(error);
    }
  }
}
