import type { CatalogResource, SchemaResource, TableResource, VolumeResource } from '@brickyard/common/crd';
import { PRIVILEGES } from '@brickyard/common/schema';
import type { Principal } from '../../auth/principal.js';
import { permissionDenied } from '../../errors/databricks-error.js';
import { holds, holdsAny, ownsAny, type Privilege, type Securable } from './privileges.js';

type UnityCatalogResource = CatalogResource | SchemaResource | TableResource | VolumeResource;

function securable(resource: UnityCatalogResource): Securable {
  return { owner: resource.spec.owner, privilegeAssignments: resource.spec.privilegeAssignments };
}

const words = (privilege: Privilege) => privilege.replaceAll('_', ' ');

/** Privileges that let a caller see a table or a volume (its metadata, in lists and by name). */
const SEES_TABLE: Privilege[] = ['SELECT', 'MODIFY', 'BROWSE', 'MANAGE'];
const SEES_VOLUME: Privilege[] = ['READ_VOLUME', 'WRITE_VOLUME', 'BROWSE', 'MANAGE'];

/**
 * What the caller may do in its metastore, as Unity Catalog decides it: USE CATALOG and USE
 * SCHEMA to reach anything inside, then the object's own privilege (SELECT to read a table,
 * MODIFY to write it, CREATE TABLE on a schema to make one...), inherited from above, held by
 * owners of the object or of anything above it and by workspace admins (the metastore's admins).
 * Objects the caller may not see are refused with PERMISSION_DENIED and left out of lists.
 */
export class MetastoreAccess {
  constructor(private readonly principal: Principal) {}

  private holds(chain: UnityCatalogResource[], privilege: Privilege): boolean {
    return holds(this.principal, chain.map(securable), privilege);
  }

  private refuse(privilege: Privilege, kind: string, fullName: string): never {
    throw permissionDenied(
      `${this.principal.userName} does not have ${words(privilege)} on ${kind} '${fullName}'`,
    );
  }

  seesCatalog(catalog: CatalogResource): boolean {
    return holdsAny(this.principal, [securable(catalog)], PRIVILEGES);
  }

  requireUseCatalog(catalog: CatalogResource): void {
    if (!this.holds([catalog], 'USE_CATALOG')) this.refuse('USE_CATALOG', 'Catalog', catalog.spec.name);
  }

  seesSchema(catalog: CatalogResource, schema: SchemaResource): boolean {
    return this.holds([catalog], 'USE_CATALOG') && this.holds([catalog, schema], 'USE_SCHEMA');
  }

  requireUseSchema(catalog: CatalogResource, schema: SchemaResource): void {
    this.requireUseCatalog(catalog);
    if (!this.holds([catalog, schema], 'USE_SCHEMA'))
      this.refuse('USE_SCHEMA', 'Schema', schema.spec.fullName);
  }

  seesTable(catalog: CatalogResource, schema: SchemaResource, table: TableResource): boolean {
    return (
      this.seesSchema(catalog, schema) &&
      holdsAny(this.principal, [catalog, schema, table].map(securable), SEES_TABLE)
    );
  }

  seesVolume(catalog: CatalogResource, schema: SchemaResource, volume: VolumeResource): boolean {
    return (
      this.seesSchema(catalog, schema) &&
      holdsAny(this.principal, [catalog, schema, volume].map(securable), SEES_VOLUME)
    );
  }

  /** USE CATALOG and USE SCHEMA on the way, then `privilege` on the table or volume itself. */
  require(
    path: { catalog: CatalogResource; schema: SchemaResource; object: TableResource | VolumeResource },
    privilege: Privilege,
  ): void {
    const { catalog, schema, object } = path;
    this.requireUseSchema(catalog, schema);
    const kind = object.kind === 'Volume' ? 'Volume' : 'Table';
    if (!this.holds([catalog, schema, object], privilege)) this.refuse(privilege, kind, object.spec.fullName);
  }

  /** To see a table or volume by name: any privilege that shows it. */
  requireVisible(path: {
    catalog: CatalogResource;
    schema: SchemaResource;
    object: TableResource | VolumeResource;
  }): void {
    const { catalog, schema, object } = path;
    this.requireUseSchema(catalog, schema);
    const seen = object.kind === 'Volume' ? SEES_VOLUME : SEES_TABLE;
    if (!holdsAny(this.principal, [catalog, schema, object].map(securable), seen)) {
      this.refuse(seen[0] as Privilege, object.kind === 'Volume' ? 'Volume' : 'Table', object.spec.fullName);
    }
  }

  /** CREATE SCHEMA on a catalog, or CREATE TABLE / CREATE VOLUME on a schema. */
  requireCreate(catalog: CatalogResource, schema: SchemaResource | undefined, privilege: Privilege): void {
    if (!schema) {
      this.requireUseCatalog(catalog);
      if (!this.holds([catalog], privilege)) this.refuse(privilege, 'Catalog', catalog.spec.name);
      return;
    }
    this.requireUseSchema(catalog, schema);
    if (!this.holds([catalog, schema], privilege)) this.refuse(privilege, 'Schema', schema.spec.fullName);
  }

  /** To see an object given as the chain from its catalog down: what get asks of each kind. */
  requireSees(chain: UnityCatalogResource[]): void {
    const [catalog, schema, object] = chain as [
      CatalogResource,
      SchemaResource?,
      (TableResource | VolumeResource)?,
    ];
    if (object && schema) this.requireVisible({ catalog, schema, object });
    else if (schema) this.requireUseSchema(catalog, schema);
    else if (!this.seesCatalog(catalog)) this.requireUseCatalog(catalog);
  }

  /** Changing, deleting or granting on an object: its owners (or an owner above) and admins, or MANAGE. */
  requireOwnership(chain: UnityCatalogResource[]): void {
    if (ownsAny(this.principal, chain.map(securable)) || this.holds(chain, 'MANAGE')) return;
    const object = chain.at(-1) as UnityCatalogResource;
    const fullName =
      object.kind === 'Catalog' ? object.spec.name : (object.spec as { fullName: string }).fullName;
    throw permissionDenied(`${this.principal.userName} is not an owner of ${object.kind} '${fullName}'`);
  }
}
