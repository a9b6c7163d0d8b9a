import { keyPrefixIn } from './locations.js';
import { managedRoots } from './metastore.js';
import type { MetastoreContext } from './metastore-context.js';

/**
 * Deletes the files of a managed table or volume: everything below its location. Only locations
 * inside the metastore's own managed roots are touched, whatever a resource says.
 */
export async function deleteManagedFiles({ services, metastore, log }: MetastoreContext, location: string) {
  const { storage } = services;
  const prefix = keyPrefixIn(storage.bucket, location);
  const roots = managedRoots(metastore).map((root) => keyPrefixIn(storage.bucket, root));
  if (!prefix || !roots.some((root) => root && prefix.startsWith(root))) {
    log.warn({ location }, 'Kept the files of a managed object outside the metastore storage root');
    return;
  }
  const bucket = storage.root('');
  let deleted = 0;
  for await (const page of bucket.iterate(prefix)) {
    await bucket.deleteMany(page.map((object) => object.key));
    deleted += page.length;
  }
  log.info({ location, objects: deleted }, 'Deleted the files of a managed object');
}
