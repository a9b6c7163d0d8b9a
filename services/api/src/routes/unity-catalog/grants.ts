import { PRIVILEGES, StringEnum } from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalidParameter } from '../../errors/databricks-error.js';
import type { IdentityDirectory } from '../../identity/identity-directory.js';
import { applyChanges } from './grant-changes.js';
import { type MetastoreContext, metastoreContext } from './metastore-context.js';
import type { Privilege } from './privileges.js';
import { type UnityCatalogRouteOptions, ucSchema } from './route-options.js';
import { type Assignments, type FoundSecurable, findSecurable, storeAssignments } from './securables.js';

const PrivilegeName = StringEnum(PRIVILEGES);
const SecurableParams = Type.Object({ securable_type: Type.String(), full_name: Type.String() });
const PrincipalQuery = Type.Object({ principal: Type.Optional(Type.String()) });
const Assignment = Type.Object({ principal: Type.String(), privileges: Type.Array(PrivilegeName) });
const PermissionsList = Type.Object({ privilege_assignments: Type.Array(Assignment) });
const UpdateBody = Type.Object({
  changes: Type.Array(
    Type.Object({
      principal: Type.String({ minLength: 1 }),
      add: Type.Optional(Type.Array(PrivilegeName)),
      remove: Type.Optional(Type.Array(PrivilegeName)),
    }),
    { maxItems: 1000 },
  ),
});
const EffectivePermissionsList = Type.Object({
  privilege_assignments: Type.Array(
    Type.Object({
      principal: Type.String(),
      privileges: Type.Array(
        Type.Object({
          privilege: PrivilegeName,
          inherited_from_type: Type.Optional(Type.String()),
          inherited_from_name: Type.Optional(Type.String()),
        }),
      ),
    }),
  ),
});

const EVERYONE = ['account users', 'users'];

/** A grantee must be someone of the workspace: a user, a service principal's application id, a group. */
function assertPrincipal(identities: IdentityDirectory, workspaceId: number, principal: string): void {
  const known =
    EVERYONE.includes(principal.toLowerCase()) ||
    identities.principalNamed(workspaceId, principal) !== undefined ||
    identities.groupNamed(workspaceId, principal) !== undefined;
  if (!known) throw invalidParameter(`Could not find principal with name ${principal}`);
}

function assignmentsOf(found: FoundSecurable): Assignments {
  return found.object.spec.privilegeAssignments ?? [];
}

const nameOf = (object: FoundSecurable['object']) =>
  object.kind === 'Catalog' ? object.spec.name : (object.spec as { fullName: string }).fullName;

/** Every privilege each principal holds on the securable, and the object above it holds it on. */
function effective(found: FoundSecurable, principal: string | undefined) {
  const byPrincipal = new Map<
    string,
    { privilege: Privilege; inherited_from_type?: string; inherited_from_name?: string }[]
  >();
  for (const holder of found.chain) {
    const inherited = holder !== found.object;
    for (const assignment of holder.spec.privilegeAssignments ?? []) {
      if (principal !== undefined && assignment.principal !== principal) continue;
      const list = byPrincipal.get(assignment.principal) ?? [];
      for (const privilege of assignment.privileges) {
        list.push(
          inherited
            ? {
                privilege,
                inherited_from_type: holder.kind.toUpperCase(),
                inherited_from_name: nameOf(holder),
              }
            : { privilege },
        );
      }
      byPrincipal.set(assignment.principal, list);
    }
  }
  return [...byPrincipal].map(([holder, privileges]) => ({ principal: holder, privileges }));
}

function visible(ctx: MetastoreContext, rawType: string, fullName: string): FoundSecurable {
  const found = findSecurable(ctx, rawType, fullName);
  ctx.access.requireSees(found.chain);
  return found;
}

/**
 * Unity Catalog grants (/api/2.1/unity-catalog/permissions and /effective-permissions) on
 * catalogs, schemas, tables and volumes: read by whoever sees the object, changed by its owners
 * (or an owner above it, or MANAGE) and workspace admins.
 */
export const grantRoutes: FastifyPluginAsyncTypebox<UnityCatalogRouteOptions> = async (
  app,
  { services, writes },
) => {
  app.get(
    '/permissions/:securable_type/:full_name',
    {
      schema: ucSchema('Privileges granted on a securable', {
        params: SecurableParams,
        querystring: PrincipalQuery,
        response: { 200: PermissionsList },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      const found = visible(ctx, request.params.securable_type, request.params.full_name);
      const { principal } = request.query;
      return {
        privilege_assignments: assignmentsOf(found).filter(
          (a) => principal === undefined || a.principal === principal,
        ),
      };
    },
  );

  app.patch(
    '/permissions/:securable_type/:full_name',
    {
      schema: ucSchema('Grant and revoke privileges on a securable', {
        params: SecurableParams,
        body: UpdateBody,
        response: { 200: PermissionsList },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      return writes.run(ctx.metastore.namespace, async () => {
        const found = findSecurable(ctx, request.params.securable_type, request.params.full_name);
        ctx.access.requireOwnership(found.chain);
        const { changes } = request.body;
        for (const change of changes) {
          if (change.add?.length)
            assertPrincipal(services.identities, request.workspace.workspaceId, change.principal);
        }
        const assignments = applyChanges(assignmentsOf(found), changes);
        await storeAssignments(ctx, found, assignments);
        return { privilege_assignments: assignments };
      });
    },
  );

  app.get(
    '/effective-permissions/:securable_type/:full_name',
    {
      schema: ucSchema('Privileges held on a securable, inherited ones with where they come from', {
        params: SecurableParams,
        querystring: PrincipalQuery,
        response: { 200: EffectivePermissionsList },
      }),
    },
    async (request) => {
      const ctx = metastoreContext(services, request);
      const found = visible(ctx, request.params.securable_type, request.params.full_name);
      return { privilege_assignments: effective(found, request.query.principal) };
    },
  );
};
