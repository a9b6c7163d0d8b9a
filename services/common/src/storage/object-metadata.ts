import { createHash } from 'node:crypto';
import { isNotebookLanguage, type NotebookLanguage } from './notebook-source.js';

/**
 * What Brickyard knows about a workspace object beyond its bytes, kept with the object as S3
 * user metadata (x-amz-meta-object-type, -language, -object-id, -created-at, -modified-at), so the
 * API and the runtime read the same truth from the same place.
 */

const OBJECT_TYPES = ['NOTEBOOK', 'FILE', 'DIRECTORY'] as const;
export type WorkspaceObjectType = (typeof OBJECT_TYPES)[number];

const MetadataKeys = {
  objectType: 'object-type',
  language: 'language',
  objectId: 'object-id',
  createdAt: 'created-at',
  modifiedAt: 'modified-at',
} as const;

export interface ObjectMetadata {
  objectType: WorkspaceObjectType;
  language?: NotebookLanguage | undefined;
  objectId: number;
  /** Epoch milliseconds. */
  createdAt: number;
  modifiedAt: number;
}

/**
 * A stable positive int64 (within JavaScript's safe integers) for an object: derived from its
 * workspace and path, so the same path keeps its id whoever writes it, and needs no counter.
 */
export function objectIdOf(workspaceId: number, path: string): number {
  const digest = createHash('sha256').update(`${workspaceId}:${path}`).digest();
  // 52 bits: a safe integer; never 0.
  return Number(digest.readBigUInt64BE(0) >> 12n) || 1;
}

export function toS3Metadata(metadata: ObjectMetadata): Record<string, string> {
  return {
    [MetadataKeys.objectType]: metadata.objectType,
    ...(metadata.language ? { [MetadataKeys.language]: metadata.language } : {}),
    [MetadataKeys.objectId]: String(metadata.objectId),
    [MetadataKeys.createdAt]: String(metadata.createdAt),
    [MetadataKeys.modifiedAt]: String(metadata.modifiedAt),
  };
}

function integer(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) ? parsed : undefined;
}

/**
 * The metadata of a stored object; objects written without it (by hand, or by older code) are
 * files whose id comes from their path and whose times are the store's modification time.
 */
export function fromS3Metadata(
  raw: Record<string, string>,
  fallback: { objectId: number; modifiedAt: number; objectType?: WorkspaceObjectType },
): ObjectMetadata {
  const type = raw[MetadataKeys.objectType];
  const objectType = (OBJECT_TYPES as readonly string[]).includes(type ?? '')
    ? (type as WorkspaceObjectType)
    : (fallback.objectType ?? 'FILE');
  const language = raw[MetadataKeys.language];
  const modifiedAt = integer(raw[MetadataKeys.modifiedAt]) ?? fallback.modifiedAt;
  return {
    objectType,
    language: objectType === 'NOTEBOOK' && language && isNotebookLanguage(language) ? language : undefined,
    objectId: integer(raw[MetadataKeys.objectId]) ?? fallback.objectId,
    createdAt: integer(raw[MetadataKeys.createdAt]) ?? modifiedAt,
    modifiedAt,
  };
}
