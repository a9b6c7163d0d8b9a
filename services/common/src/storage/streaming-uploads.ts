import { randomInt } from 'node:crypto';
import type { ObjectStoreRoot } from './object-store.js';
import { StorageError } from './storage-error.js';

/**
 * Streamed uploads (DBFS create / add-block / close): all their state lives in the object store
 * under '.uploads/<handle>/' of the workspace's root, so an open stream survives a restart of the
 * API and works across replicas. Each block is its own object, numbered in arrival order with
 * conditional PUTs; closing concatenates them into the target.
 */

export interface UploadState {
  /** The canonical path of the file being written. */
  path: string;
  overwrite: boolean;
  /** Epoch milliseconds. */
  createdAt: number;
}

const UPLOADS_PREFIX = '.uploads/';
const STATE = 'upload.json';
const BLOCK = 'block-';
const MAX_HINTS = 10_000;
const MAX_ATTEMPTS = 10;

function randomHandle(): number {
  return randomInt(1, 2 ** 48 - 1);
}

function isAlreadyExists(error: unknown): boolean {
  return error instanceof StorageError && error.kind === 'ALREADY_EXISTS';
}

export class StreamingUploads {
  /**
   * @param hints next block numbers by handle: a shortcut only (a stale or missing hint costs a
   *   listing), so it can be shared by every request of a process.
   */
  constructor(
    private readonly root: ObjectStoreRoot,
    private readonly hints: Map<string, number> = new Map(),
    private readonly newHandle: () => number = randomHandle,
  ) {}

  private prefixOf(handle: number): string {
    return `${UPLOADS_PREFIX}${handle}/`;
  }

  private hintKey(handle: number): string {
    return this.root.prefix + this.prefixOf(handle);
  }

  private blockKey(handle: number, index: number): string {
    return `${this.prefixOf(handle)}${BLOCK}${String(index).padStart(10, '0')}`;
  }

  private remember(handle: number, next: number): void {
    const key = this.hintKey(handle);
    this.hints.delete(key);
    this.hints.set(key, next);
    if (this.hints.size > MAX_HINTS) {
      const oldest = this.hints.keys().next().value;
      if (oldest !== undefined) this.hints.delete(oldest);
    }
  }

  /** Opens a stream; its handle is unique within the root. */
  async create(path: string, overwrite: boolean): Promise<number> {
    const state: UploadState = { path, overwrite, createdAt: Date.now() };
    const body = Buffer.from(JSON.stringify(state));
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const handle = this.newHandle();
      try {
        await this.root.put(this.prefixOf(handle) + STATE, body, {
          ifNoneMatch: true,
          contentType: 'application/json',
        });
        this.remember(handle, 0);
        return handle;
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
      }
    }
    throw new StorageError('UNAVAILABLE', 'Could not allocate a stream handle; retry');
  }

  /** The state of an open stream; NOT_FOUND for unknown (or closed) handles. */
  async state(handle: number): Promise<UploadState> {
    const missing = () => new StorageError('NOT_FOUND', `There is no open stream with handle ${handle}`);
    if (!Number.isSafeInteger(handle) || handle <= 0) throw missing();
    const object = await this.root.get(this.prefixOf(handle) + STATE);
    if (!object) throw missing();
    try {
      const state = JSON.parse(object.bytes.toString('utf8')) as Partial<UploadState>;
      if (typeof state.path !== 'string') throw missing();
      return { path: state.path, overwrite: state.overwrite === true, createdAt: state.createdAt ?? 0 };
    } catch {
      throw missing();
    }
  }

  private async nextFromStore(handle: number): Promise<number> {
    const blocks = await this.blockKeys(handle);
    const last = blocks.at(-1);
    return last === undefined ? 0 : Number(last.slice(last.lastIndexOf(BLOCK) + BLOCK.length)) + 1;
  }

  /** Appends a block, durably, after the blocks added before it. */
  async addBlock(handle: number, bytes: Uint8Array): Promise<void> {
    await this.state(handle);
    let index = this.hints.get(this.hintKey(handle)) ?? (await this.nextFromStore(handle));
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        await this.root.put(this.blockKey(handle, index), bytes, { ifNoneMatch: true });
        this.remember(handle, index + 1);
        return;
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
        // Another request (or replica) took this number: continue after the last stored block.
        // This relies on the store's If-None-Match being atomic, which versitygw 1.7 is not under
        // concurrent writers to one key (it checks, then writes): concurrent add-block calls on one
        // handle can lose a block there. Clients send a stream's blocks one after another.
        index = Math.max(index + 1, await this.nextFromStore(handle));
      }
    }
    throw new StorageError('UNAVAILABLE', `Too many concurrent blocks for stream ${handle}; retry`);
  }

  /** The keys of a stream's blocks, in order. */
  async blockKeys(handle: number): Promise<string[]> {
    const listing = await this.root.list(this.prefixOf(handle) + BLOCK);
    return listing.objects.map((object) => object.key).sort();
  }

  /**
   * Discards the streams nothing was written to for longer than `idleMs` (abandoned uploads: a
   * client that died between create and close); returns how many.
   */
  async expireIdle(idleMs: number, now = Date.now()): Promise<number> {
    const lastWrite = new Map<number, number>();
    for await (const page of this.root.iterate(UPLOADS_PREFIX)) {
      for (const object of page) {
        const handle = Number(object.key.slice(UPLOADS_PREFIX.length).split('/', 1)[0]);
        if (!Number.isSafeInteger(handle) || handle <= 0) continue;
        lastWrite.set(handle, Math.max(lastWrite.get(handle) ?? 0, object.lastModified));
      }
    }
    let expired = 0;
    for (const [handle, last] of lastWrite) {
      if (now - last <= idleMs) continue;
      await this.discard(handle);
      expired++;
    }
    return expired;
  }

  /** Forgets a stream and its blocks. */
  async discard(handle: number): Promise<void> {
    const listing = await this.root.list(this.prefixOf(handle));
    // The state last: until it is gone, the handle can still be closed or discarded again.
    const keys = listing.objects.map((object) => object.key);
    const state = this.prefixOf(handle) + STATE;
    await this.root.deleteMany(keys.filter((key) => key !== state));
    await this.root.delete(state);
    this.hints.delete(this.hintKey(handle));
  }
}
