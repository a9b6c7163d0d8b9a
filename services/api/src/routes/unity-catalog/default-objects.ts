import { CatalogKind, SchemaKind } from '@brickyard/common/crd';
import { nameBasedUuid } from '@brickyard/common/ids';
import { isAlreadyExists } from '@brickyard/common/kube';
import type { CatalogSpec } from '@brickyard/common/schema';
import type { ApiServices } from '../../services.js';
import { toDatabricksError } from '../../store/kube-errors.js';
import { DEFAULT_CATALOG, type Metastore, SYSTEM_USER } from './metastore.js';
import { createdBy } from './ownership-info.js';
import { unityCatalogResource } from './resources.js';
import { INFORMATION_SCHEMA } from './schema-info.js';

interface DefaultCatalog {
  name: string;
  type: CatalogSpec['catalog_type'];
  comment: string;
  /** Besides information_schema, which every catalog has. */
  schemas: { name: string; comment?: string }[];
}

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
    schemas: [{ name: 'default', comment: 'Default schema (auto-created)' }],
  },
  {
    name: 'samples',
    type: 'SYSTEM_CATALOG',
    comment: 'Sample data sets (auto-created); Brickyard provides their schemas without data',
    schemas: [{ name: 'nyctaxi' }, { name: 'tpch' }],
  },
  // Last: its presence says that everything before it exists (it cannot be deleted).
  {
    name: 'system',
    type: 'SYSTEM_CATALOG',
    comment: 'System catalog (auto-created)',
    schemas: ['access', 'billing', 'compute', 'query', 'storage'].map((name) => ({ name })),
  },
];

const SYSTEM_CATALOG_NAME = 'system';

/** The id of a default object: the same in every process, so concurrent creates collide. */
function defaultObjectId(metastore: Metastore, kind: string, fullName: string): string {
  return nameBasedUuid(`${metastore.id}/${kind}/${fullName}`);
}

/** The information_schema every catalog has, owned by the system. */
export function informationSchemaSpec(catalogId: string, catalogName: string, now = Date.now()) {
  return {
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
        ...catalog.schemas.map(({ name, comment }) => ({
          catalog_id: catalogId,
          name,
          full_name: `${catalog.name}.${name}`,
          ...(comment === undefined ? {} : { comment }),
          ...owner,
        })),
      ];
      for (const spec of schemaSpecs) {
        const id = defaultObjectId(metastore, 'schema', spec.full_name);
        await schemas
          .create(unityCatalogResource(SchemaKind, metastore, id, spec), { raw: true })
          .catch(ignoreExisting);
      }
      const spec = { name: catalog.name, catalog_type: catalog.type, comment: catalog.comment, ...owner };
      await catalogs
        .create(unityCatalogResource(CatalogKind, metastore, catalogId, spec), { raw: true })
        .catch(ignoreExisting);
    }
  }
}
