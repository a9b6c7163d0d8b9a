import { ObjectPermissionsKind, type ObjectPermissionsResource } from '@brickyard/common/crd';
import { API_VERSION, Labels, MANAGED_BY, ObjectPermissionsAnnotations } from '@brickyard/common/vocabulary';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.js';
import { permissionDenied } from '../errors/databricks-error.js';
import { CustomResourceStore } from '../store/custom-resource-store.js';
import { effectiveLevel, type Grant } from './effective-level.js';
import type { GovernedObject } from './governed-objects.js';
import { isAtLeast, levelWords, ownershipIsGranted } from './object-types.js';

/** The ObjectPermissions resource of an object: `<type>-<id>`, both DNS-safe already. */
function resourceName(object: GovernedObject): string {
  return `${object.rules.requestType}-${object.id}`.toLowerCase();
}

/**
 * Direct grants on clusters, jobs and warehouses (ObjectPermissions resources, read from an
 * informer cache), and the one check every route makes before it acts on such an object.
 */
export class ObjectPermissions {
  readonly store: CustomResourceStore<ObjectPermissionsResource>;

  constructor(kubeConfig: KubeConfig, log: Logger) {
    this.store = new CustomResourceStore<ObjectPermissionsResource>(ObjectPermissionsKind, kubeConfig, log);
  }

  grantsOf(object: GovernedObject): Grant[] {
    const stored = this.store.get(object.namespace, resourceName(object));
    return (stored?.spec.accessControlList ?? []).map((entry) => ({
      user_name: entry.userName,
      group_name: entry.groupName,
      service_principal_name: entry.servicePrincipalName,
      permission_level: entry.permissionLevel,
    }));
  }

  /** The owner: whoever holds IS_OWNER by grant (jobs and warehouses), else the creator. */
  ownerOf(object: GovernedObject): string | undefined {
    if (!ownershipIsGranted(object.rules)) return object.creator;
    const owned = this.grantsOf(object).find((grant) => grant.permission_level === object.rules.ownerLevel);
    return owned?.user_name ?? owned?.service_principal_name ?? object.creator;
  }

  levelOf(principal: Principal, object: GovernedObject): string | undefined {
    return effectiveLevel(object.rules, principal, this.grantsOf(object), this.ownerOf(object));
  }

  can(principal: Principal, object: GovernedObject, needed: string): boolean {
    return isAtLeast(object.rules, this.levelOf(principal, object), needed);
  }

  /** Throws PERMISSION_DENIED unless the principal holds `needed` on the object. */
  require(principal: Principal, object: GovernedObject, needed: string): void {
    if (this.can(principal, object, needed)) return;
    throw permissionDenied(
      `${principal.userName} does not have ${levelWords(needed)} permissions on ${object.rules.noun} ${object.id}`,
    );
  }

  /** Replaces the object's direct grants. */
  async replace(object: GovernedObject, grants: readonly Grant[]): Promise<void> {
    const accessControlList = grants.map((grant) => ({
      ...(grant.user_name !== undefined ? { userName: grant.user_name } : {}),
      ...(grant.group_name !== undefined ? { groupName: grant.group_name } : {}),
      ...(grant.service_principal_name !== undefined
        ? { servicePrincipalName: grant.service_principal_name }
        : {}),
      permissionLevel: grant.permission_level,
    }));
    const name = resourceName(object);
    const updated = await this.store.update(object.namespace, name, (current) => ({
      ...current,
      spec: { ...current.spec, accessControlList },
    }));
    if (updated) return;
    await this.store.create({
      apiVersion: API_VERSION,
      kind: 'ObjectPermissions',
      metadata: {
        name,
        namespace: object.namespace,
        labels: { [Labels.managedBy]: MANAGED_BY },
        ...(object.owner ? { ownerReferences: [object.owner] } : {}),
        ...(object.path !== undefined
          ? { annotations: { [ObjectPermissionsAnnotations.workspacePath]: object.path } }
          : {}),
      },
      spec: { objectType: object.rules.requestType, objectId: object.id, accessControlList },
    });
  }
}
