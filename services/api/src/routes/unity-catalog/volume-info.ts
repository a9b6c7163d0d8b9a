import { toSnakeCase } from '@brickyard/common/crd';
import { VolumeSpec } from '@brickyard/common/schema';
import { type Static, Type } from 'typebox';
import type { Metastore } from './metastore.js';
import type { VolumePath } from './metastore-objects.js';
import { OwnershipInfo, ownershipInfo } from './ownership-info.js';

/** VolumeInfo (sdk-py catalog.py). */
export const VolumeInfo = Type.Object({
  name: Type.String(),
  catalog_name: Type.String(),
  schema_name: Type.String(),
  full_name: Type.String(),
  volume_id: Type.String(),
  volume_type: Type.String(),
  storage_location: Type.String(),
  ...OwnershipInfo,
});
export type VolumeInfo = Static<typeof VolumeInfo>;

export function toVolumeInfo({ catalog, schema, volume }: VolumePath, metastore: Metastore): VolumeInfo {
  const spec = toSnakeCase(volume.spec, VolumeSpec);
  return {
    name: spec.name,
    catalog_name: catalog.spec.name,
    schema_name: schema.spec.name,
    full_name: `${catalog.spec.name}.${schema.spec.name}.${spec.name}`,
    volume_id: volume.metadata.name ?? '',
    volume_type: spec.volume_type,
    storage_location: spec.storage_location,
    ...ownershipInfo(spec, metastore),
  };
}
