import { StringEnum } from '@brickyard/common/schema';
import type { TreeEntry } from '@brickyard/common/storage';
import { fromS3Metadata, NOTEBOOK_LANGUAGES, objectIdOf } from '@brickyard/common/storage';
import { Type } from 'typebox';

/** A workspace object, as get-status and list describe it. */
export const ObjectInfo = Type.Object({
  object_type: StringEnum(['NOTEBOOK', 'DIRECTORY', 'FILE', 'LIBRARY', 'REPO', 'DASHBOARD']),
  path: Type.String(),
  language: Type.Optional(StringEnum(NOTEBOOK_LANGUAGES)),
  object_id: Type.Integer({ description: 'stable per path' }),
  resource_id: Type.Optional(Type.String()),
  created_at: Type.Optional(Type.Integer({ description: 'epoch milliseconds' })),
  modified_at: Type.Optional(Type.Integer({ description: 'epoch milliseconds' })),
  size: Type.Optional(Type.Integer({ description: 'bytes' })),
});

export type ObjectInfoBody = {
  object_type: 'NOTEBOOK' | 'DIRECTORY' | 'FILE';
  path: string;
  language?: (typeof NOTEBOOK_LANGUAGES)[number];
  object_id: number;
  resource_id: string;
  created_at?: number;
  modified_at?: number;
  size?: number;
};

export function toObjectInfo(workspaceId: number, entry: TreeEntry): ObjectInfoBody {
  const objectId = objectIdOf(workspaceId, entry.path);
  if (entry.isDirectory) {
    return { object_type: 'DIRECTORY', path: entry.path, object_id: objectId, resource_id: String(objectId) };
  }
  const metadata = fromS3Metadata(entry.metadata, { objectId, modifiedAt: entry.modifiedAt });
  const objectType = metadata.objectType === 'NOTEBOOK' ? 'NOTEBOOK' : 'FILE';
  return {
    object_type: objectType,
    path: entry.path,
    ...(objectType === 'NOTEBOOK' && metadata.language ? { language: metadata.language } : {}),
    object_id: metadata.objectId,
    resource_id: String(metadata.objectId),
    created_at: metadata.createdAt,
    modified_at: metadata.modifiedAt,
    size: entry.size,
  };
}
