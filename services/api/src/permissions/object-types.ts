/**
 * The objects the Permissions API governs and their levels, weakest first, as Databricks' access
 * control reference lists them. The owner holds `ownerLevel` without a grant; workspace admins
 * hold CAN_MANAGE on everything, inherited from the root object (`/clusters/`, `/jobs/`, ...).
 */
export interface ObjectTypeRules {
  /** `{type}` in /api/2.0/permissions/{type}/{id}. */
  requestType: PermissionRequestType;
  /** `object_type` of the API's answers. */
  objectType: string;
  /** `object_id` of the answers is this followed by the id; alone, it names the root object. */
  objectIdPrefix: string;
  levels: readonly string[];
  /** The levels a grant may give: all of `levels` but where only admins hold the strongest. */
  grantableLevels: readonly string[];
  ownerLevel: string;
  /** How messages name the object ("cluster 0123-...") */
  noun: string;
}

export const ADMIN_LEVEL = 'CAN_MANAGE';

const WORKSPACE_OBJECT_LEVELS = ['CAN_READ', 'CAN_RUN', 'CAN_EDIT', 'CAN_MANAGE'] as const;

const TYPES = {
  clusters: {
    objectType: 'cluster',
    objectIdPrefix: '/clusters/',
    levels: ['CAN_ATTACH_TO', 'CAN_RESTART', 'CAN_MANAGE'],
    ownerLevel: 'CAN_MANAGE',
    noun: 'cluster',
  },
  jobs: {
    objectType: 'job',
    objectIdPrefix: '/jobs/',
    levels: ['CAN_VIEW', 'CAN_MANAGE_RUN', 'CAN_MANAGE', 'IS_OWNER'],
    ownerLevel: 'IS_OWNER',
    noun: 'job',
  },
  warehouses: {
    objectType: 'warehouses',
    objectIdPrefix: '/sql/warehouses/',
    levels: ['CAN_VIEW', 'CAN_MONITOR', 'CAN_USE', 'CAN_MANAGE', 'IS_OWNER'],
    ownerLevel: 'IS_OWNER',
    noun: 'SQL warehouse',
  },
  // Workspace objects: the same four levels each, inherited from the folders above them.
  notebooks: {
    objectType: 'notebook',
    objectIdPrefix: '/notebooks/',
    levels: WORKSPACE_OBJECT_LEVELS,
    ownerLevel: 'CAN_MANAGE',
    noun: 'notebook',
  },
  directories: {
    objectType: 'directory',
    objectIdPrefix: '/directories/',
    levels: WORKSPACE_OBJECT_LEVELS,
    ownerLevel: 'CAN_MANAGE',
    noun: 'directory',
  },
  files: {
    objectType: 'file',
    objectIdPrefix: '/files/',
    levels: WORKSPACE_OBJECT_LEVELS,
    ownerLevel: 'CAN_MANAGE',
    noun: 'file',
  },
  // A policy is used or managed; only admins manage one, so CAN_USE is the one level to grant.
  'cluster-policies': {
    objectType: 'cluster-policy',
    objectIdPrefix: '/cluster-policies/',
    levels: ['CAN_USE', 'CAN_MANAGE'],
    grantableLevels: ['CAN_USE'],
    ownerLevel: 'CAN_MANAGE',
    noun: 'cluster policy',
  },
  // A pool is attached to (clusters take its instances) or managed.
  'instance-pools': {
    objectType: 'instance-pool',
    objectIdPrefix: '/instance-pools/',
    levels: ['CAN_ATTACH_TO', 'CAN_MANAGE'],
    ownerLevel: 'CAN_MANAGE',
    noun: 'instance pool',
  },
} as const;

export type PermissionRequestType = keyof typeof TYPES;

/** Notebooks, folders and files of the workspace tree, whose grants pass down to what is inside. */
export type WorkspaceObjectRequestType = 'notebooks' | 'directories' | 'files';

export type PermissionLevel<T extends PermissionRequestType> = (typeof TYPES)[T]['levels'][number];

export function rulesOf(requestType: PermissionRequestType): ObjectTypeRules {
  const type: Omit<ObjectTypeRules, 'requestType' | 'grantableLevels'> & {
    grantableLevels?: readonly string[];
  } = TYPES[requestType];
  return { requestType, grantableLevels: type.levels, ...type };
}

/** Whether ownership is a grant of its own (IS_OWNER), which moves the object to a new owner. */
export function ownershipIsGranted(rules: ObjectTypeRules): boolean {
  return rules.ownerLevel !== ADMIN_LEVEL;
}

/** Whether `held` is at least `needed` on this type of object; no level holds nothing. */
export function isAtLeast(rules: ObjectTypeRules, held: string | undefined, needed: string): boolean {
  if (held === undefined) return false;
  return rules.levels.indexOf(held) >= rules.levels.indexOf(needed);
}

/** The stronger of two levels (undefined is no level at all). */
export function strongest(
  rules: ObjectTypeRules,
  a: string | undefined,
  b: string | undefined,
): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return rules.levels.indexOf(a) >= rules.levels.indexOf(b) ? a : b;
}

/** Words of a level as Databricks' messages say them: CAN_ATTACH_TO is "Can Attach To". */
export function levelWords(level: string): string {
  return level
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
