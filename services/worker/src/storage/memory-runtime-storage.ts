import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ObjectInfo, ObjectListing, RuntimeStorage } from './runtime-storage.js';

/** RuntimeStorage in memory, for unit tests of the executors (integration tests use S3). */
export class MemoryRuntimeStorage implements RuntimeStorage {
  readonly objects = new Map<string, { body: Buffer; lastModified: number }>();

  async get(key: string, options: { maxBytes?: number } = {}): Promise<Buffer | undefined> {
    const object = this.objects.get(key);
    if (!object) return undefined;
    return options.maxBytes === undefined ? object.body : object.body.subarray(0, options.maxBytes);
  }

  async download(key: string, file: string): Promise<boolean> {
    const object = this.objects.get(key);
    if (!object) return false;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, object.body);
    return true;
  }

  async put(key: string, body: Buffer | string): Promise<void> {
    this.objects.set(key, { body: Buffer.from(body), lastModified: Date.now() });
  }

  async upload(file: string, key: string): Promise<void> {
    await this.put(key, await readFile(file));
  }

  async stat(key: string): Promise<ObjectInfo | undefined> {
    const object = this.objects.get(key);
    return object ? { key, size: object.body.length, lastModified: object.lastModified } : undefined;
  }

  async exists(key: string): Promise<boolean> {
    return this.objects.has(key);
  }

  async list(prefix: string, options: { delimiter?: string } = {}): Promise<ObjectListing> {
    const listing: ObjectListing = { objects: [], prefixes: [] };
    const prefixes = new Set<string>();
    for (const key of [...this.objects.keys()].sort()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const cut = options.delimiter ? rest.indexOf(options.delimiter) : -1;
      if (options.delimiter && cut >= 0) {
        prefixes.add(prefix + rest.slice(0, cut + options.delimiter.length));
        continue;
      }
      const info = await this.stat(key);
      if (info) listing.objects.push(info);
    }
    listing.prefixes = [...prefixes];
    return listing;
  }

  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }

  async copy(sourceKey: string, targetKey: string): Promise<void> {
    const object = this.objects.get(sourceKey);
    if (!object) throw new Error(`no such key: ${sourceKey}`);
    this.objects.set(targetKey, { body: object.body, lastModified: Date.now() });
  }
}
