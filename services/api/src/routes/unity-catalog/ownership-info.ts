import { StringMap } from '@brickyard/common/schema';
import { Type } from 'typebox';
import type { Metastore } from './metastore.js';

/** The fields every securable shows: its owner and comment, who made and changed it, its metastore. */
export const OwnershipInfo = {
  owner: Type.String(),
  comment: Type.Optional(Type.String()),
  metastore_id: Type.String(),
  created_at: Type.Integer(),
  created_by: Type.String(),
  updated_at: Type.Integer(),
  updated_by: Type.String(),
  /** Brickyard grants no partial (BROWSE) access: whoever sees an object sees all of it. */
  browse_only: Type.Boolean(),
};

export const PropertiesInfo = Type.Optional(StringMap());

interface Audit {
  owner: string;
  created_at: number;
  created_by: string;
  updated_at: number;
  updated_by: string;
}

interface Owned extends Audit {
  comment?: string | undefined;
}

export function ownershipInfo(spec: Owned, metastore: Metastore) {
  return {
    owner: spec.owner,
    ...(spec.comment === undefined ? {} : { comment: spec.comment }),
    metastore_id: metastore.id,
    created_at: spec.created_at,
    created_by: spec.created_by,
    updated_at: spec.updated_at,
    updated_by: spec.updated_by,
    browse_only: false,
  };
}

/** What a create records of its caller and time: the owner, creator and last updater. */
export function createdBy(user: string, now = Date.now()): Audit {
  return { owner: user, created_at: now, created_by: user, updated_at: now, updated_by: user };
}
