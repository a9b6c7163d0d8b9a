import { type Static, Type } from 'typebox';

/**
 * Direct grants on one workspace object (the Permissions API, /api/2.0/permissions/{type}/{id}),
 * one resource per object in the workspace's namespace. Owners and admins hold their rights
 * without an entry here; levels per object type are the API's to check.
 */

const AccessControlEntry = Type.Object({
  user_name: Type.Optional(Type.String()),
  group_name: Type.Optional(Type.String()),
  service_principal_name: Type.Optional(Type.String()),
  permission_level: Type.String(),
});

export const ObjectPermissionsSpec = Type.Object({
  object_type: Type.String({ minLength: 1 }),
  object_id: Type.String({ minLength: 1 }),
  access_control_list: Type.Array(AccessControlEntry),
});
export type ObjectPermissionsSpec = Static<typeof ObjectPermissionsSpec>;

export const ObjectPermissionsStatus = Type.Object({});
export type ObjectPermissionsStatus = Static<typeof ObjectPermissionsStatus>;
