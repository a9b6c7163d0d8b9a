import { CatalogKind, SchemaKind } from '@brickyard/common/crd';
import { nameBasedUuid } from '@brickyard/common/ids';
import { isAlreadyExists } from '@brickyard/common/kube';
import type { CatalogSpec } from '@brickyard/common/schema';
import type { ApiServices } from '../../services.js';
import { toDatabricksError } from '../../store/kube-errors.js';
import { DEFAULT_CATALOG, type Metastore, SYSTEM_USER } from './metastore.js';
import { createdBy } from './ownership-info.js';
import type { Privilege } from './privileges.js';
import { unityCatalogResource } from './resources.js';
import { INFORMATION_SCHEMA } from './schema-info.js';

type Grants = { principal: string; privileges: Privilege[] }[];

interface DefaultCatalog {
  name: string;
  type: CatalogSpec['catalog_type'];
  comment: string;
  grants: Grants;
  /** Besides information_schema, which every catalog has. */
  schemas: { name: string; comment?: string; grants?: Grants }[];
}

/** The workspace's everyone: what every user may do with the default objects. */
const EVERYONE = 'users';

/**
 * What every metastore starts with, as in a Databricks workspace: `main` with its `default`
 * schema, and the system-owned `samples` and `system` catalogs. Those two are listed with their
 * schemas only: Brickyard has no sample data sets or system tables to put in them.
 */
const DEFAULT_CATALOGS: DefaultCatalog[] = [
  {
    name: DEFAULT_CATALOG,
    type: 'MANAGED_CATALOG',
    comment: 'Main catalog (auto-created)',
    // As in a new Databricks workspace: everyone may use `main` and make tables in `main.default`.
    grants: [{ principal: EVERYONE, privileges: ['USE_CATALOG'] }],
    schemas: [
      {
        name: 'default',
        comment: 'Default schema (auto-created)',
        grants: [{ principal: EVERYONE, privileges: ['USE_SCHEMA', 'CREATE_TABLE', 'CREATE_VOLUME'] }],
      },
    ],
  },
  {
    name: 'samples',
    type: 'SYSTEM_CATALOG',
    comment: 'Sample data sets (auto-created); Brickyard provides their schemas without data',
    grants: [{ principal: EVERYONE, privileges: ['USE_CATALOG', 'USE_SCHEMA', 'SELECT'] }],
    schemas: [{ name: 'nyctaxi' }, { name: 'tpch' }],
  },
  // Last: its presence says that everything before it exists (it cannot be deleted).
  {
    name: 'system',
    type: 'SYSTEM_CATALOG',
    comment: 'System catalog (auto-created)',
    grants: [{ principal: EVERYONE, privileges: ['USE_CATALOG', 'USE_SCHEMA'] }],
    schemas: ['access', 'billing', 'compute', 'query', 'storage'].map((name) => ({ name })),
  },
];

const SYSTEM_CATALOG_NAME = 'system';

/** The id of a default object: the same in every process, so concurrent creates collide. */
function defaultObjectId(metastore: Metastore, kind: string, fullName: string): string {
  return nameBasedUuid(`${metastore.id}/${kind}/${fullName}`);
}

/**
 * The information_schema every catalog has, owned by the system and open to whoever may use the
 * catalog (its views show what each reader may see).
 */
export function informationSchemaSpec(catalogId: string, catalogName: string, now = Date.now()) {
  return {
    privilege_assignments: [{ principal: EVERYONE, privileges: ['USE_SCHEMA', 'SELECT'] as Privilege[] }],
    catalog_id: catalogId,
    name: INFORMATION_SCHEMA,
    full_name: `${catalogName}.${INFORMATION_SCHEMA}`,
    comment: 'Information schema (auto-created)',
    ...createdBy(SYSTEM_USER, now),
  };
}

/**
 * Creates each metastore's default objects on its first Unity Catalog request (once per workspace
 * and process; concurrent first requests wait for the same work). Creates that lose a race with
 * another process are AlreadyExists and ignored. A default deleted later stays deleted: the
 * system catalog, created last, marks the work as done.
 */
export class DefaultObjects {
  private readonly ensured = new Map<string, Promise<void>>();

  constructor(private readonly services: ApiServices) {}

  ensure(metastore: Metastore): Promise<void> {
    const systemId = defaultObjectId(metastore, 'catalog', SYSTEM_CATALOG_NAME);
    if (this.services.unityCatalog.catalogs.get(metastore.namespace, systemId)) return Promise.resolve();
    let ensuring = this.ensured.get(metastore.namespace);
    if (!ensuring) {
      ensuring = this.create(metastore).catch((error: unknown) => {
        this.ensured.delete(metastore.namespace);
        throw toDatabricksError(error);
      });
      this.ensured.set(metastore.namespace, ensuring);
    }
    return ensuring;
  }

  private async create(metastore: Metastore): Promise<void> {
    const { catalogs, schemas } = this.services.unityCatalog;
    const ignoreExisting = (error: unknown) => {
      if (!isAlreadyExists(error)) throw error;
    };
    for (const catalog of DEFAULT_CATALOGS) {
      const owner = createdBy(SYSTEM_USER);
      const catalogId = defaultObjectId(metastore, 'catalog', catalog.name);
      const schemaSpecs = [
        informationSchemaSpec(catalogId, catalog.name),
        ...catalog.schemas.map(({ name, comment, grants }) => ({
          catalog_id: catalogId,
          name,
          full_name: `${catalog.name}.${name}`,
          ...(comment === undefined ? {} : { comment }),
          ...(grants === undefined ? {} : { privilege_assignments: grants }),
          ...owner,
        })),
      ];
      for (const spec of schemaSpecs) {
        const id = defaultObjectId(metastore, 'schema', spec.full_name);
        await schemas
          .create(unityCatalogResource(SchemaKind, metastore, id, spec), { raw: true })
          .catch(ignoreExisting);
      }
      const spec = {
        name: catalog.name,
        catalog_type: catalog.type,
        comment: catalog.comment,
        privilege_assignments: catalog.grants,
        ...owner,
      };
      await catalogs
        .create(unityCatalogResource(CatalogKind, metastore, catalogId, spec), { raw: true })
        .catch(ignoreExisting);
    }
  }
}
