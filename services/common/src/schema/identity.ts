import { type Static, Type } from 'typebox';
import { StringEnum } from './primitives.js';

/**
 * The identities of a workspace (SCIM 2.0, /api/2.0/preview/scim/v2): users, service principals
 * and groups, one resource each, cluster-scoped like the Workspace that owns them. SCIM's field
 * names are camelCase already, so the resources keep them as the API speaks them. `id` is the
 * SCIM id (a numeric string), unique in its workspace.
 *
 * The account's own identities (account SCIM, /api/2.0/accounts/{id}/scim/v2) are the same kinds
 * with `workspaceId` ACCOUNT_IDENTITIES; a workspace gets one by assignment, as a copy with the same
 * id (labelled `account-principal`), as Databricks' identity federation does.
 */

/** The `workspaceId` of identities that belong to the account rather than to one workspace. */
export const ACCOUNT_IDENTITIES = 0;

/** What a principal may do beyond what permissions grant (SCIM `entitlements`). */
export const ENTITLEMENTS = [
  'workspace-access',
  'databricks-sql-access',
  'allow-cluster-create',
  'allow-instance-pool-create',
] as const;

const Entitlements = Type.Array(Type.Object({ value: StringEnum(ENTITLEMENTS) }));

const Email = Type.Object({
  value: Type.String(),
  type: Type.Optional(Type.String()),
  primary: Type.Optional(Type.Boolean()),
});

const common = {
  workspaceId: Type.Integer({ minimum: ACCOUNT_IDENTITIES }),
  id: Type.String({ pattern: '^[0-9]+$' }),
  displayName: Type.Optional(Type.String({ maxLength: 512 })),
  externalId: Type.Optional(Type.String()),
  entitlements: Type.Optional(Entitlements),
};

export const UserSpec = Type.Object({
  ...common,
  userName: Type.String({ minLength: 1, maxLength: 512 }),
  active: Type.Boolean(),
  emails: Type.Optional(Type.Array(Email)),
  name: Type.Optional(
    Type.Object({ givenName: Type.Optional(Type.String()), familyName: Type.Optional(Type.String()) }),
  ),
});
export type UserSpec = Static<typeof UserSpec>;

export const ServicePrincipalSpec = Type.Object({
  ...common,
  /** The OAuth client id and the name tokens and permissions know the principal by. */
  applicationId: Type.String({ minLength: 1 }),
  active: Type.Boolean(),
});
export type ServicePrincipalSpec = Static<typeof ServicePrincipalSpec>;

/** A member of a group: a user, a service principal or another group, by SCIM id. */
const GroupMember = Type.Object({ value: Type.String(), display: Type.Optional(Type.String()) });

export const GroupSpec = Type.Object({
  ...common,
  displayName: Type.String({ minLength: 1, maxLength: 512 }),
  members: Type.Optional(Type.Array(GroupMember)),
});
export type GroupSpec = Static<typeof GroupSpec>;

/** No controller acts on identities: the API is their only writer. */
export const IdentityStatus = Type.Object({});
export type IdentityStatus = Static<typeof IdentityStatus>;
