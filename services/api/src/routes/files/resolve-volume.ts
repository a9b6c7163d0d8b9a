import { FileTree } from '@brickyard/common/storage';
import type { FastifyRequest } from 'fastify';
import type { ApiServices } from '../../services.js';
import { keyPrefixIn } from '../unity-catalog/locations.js';
import { metastoreContext } from '../unity-catalog/metastore-context.js';
import { objectName } from '../unity-catalog/names.js';
import { volumeDoesNotExist } from '../unity-catalog/uc-errors.js';
import { volumeNotServed } from './files-errors.js';
import { ServedFiles } from './served-files.js';
import type { VolumePath } from './volume-paths.js';

/**
 * The files of the volume a path is in, found through the caller's metastore: the objects below
 * the volume's storage location (a managed volume's is its /Volumes path in DBFS, which Spark
 * pods see too). A missing catalog, schema or volume is Unity Catalog's 404.
 */
export function volumeFilesOf(
  services: ApiServices,
  request: FastifyRequest,
  target: VolumePath,
): ServedFiles {
  const { objects } = metastoreContext(services, request);
  const { catalog, schema } = objects.schemaPath(target.catalog, target.schema);
  const name = objectName(target.volume, 'volume');
  const fullName = `${catalog.spec.name}.${schema.spec.name}.${name}`;
  const volume = objects.findVolume(schema, name);
  if (!volume) throw volumeDoesNotExist(fullName);
  const { storage } = services;
  const prefix = keyPrefixIn(storage.bucket, volume.spec.storageLocation);
  if (!prefix) throw volumeNotServed(fullName, volume.spec.storageLocation, storage.bucket);
  const area = prefix.slice(0, -1);
  return new ServedFiles(
    `/Volumes/${catalog.spec.name}/${schema.spec.name}/${name}`,
    new FileTree(storage.root(''), area),
  );
}
