import { type Static, Type } from 'typebox';
import { EpochMillis, StringEnum, StringMap } from './primitives.js';

/**
 * Unity Catalog objects as the Catalog, Schema, Table and Volume resources store them, in the API's
 * field names (sdk-py catalog.py). Each resource is named by the object's id; its parents are
 * referred to by id, so a rename is one write. `full_name` repeats the names for `kubectl get`.
 */

/** Catalog types Brickyard makes: users' catalogs and the auto-created system ones. */
const CATALOG_TYPES = ['MANAGED_CATALOG', 'SYSTEM_CATALOG'] as const;
/** Views hold a query, not data: no format and no location. */
export const TABLE_TYPES = ['MANAGED', 'EXTERNAL', 'VIEW'] as const;
export const VOLUME_TYPES = ['MANAGED', 'EXTERNAL'] as const;
/** Managed tables are Delta; external ones may be any file format Spark reads. */
export const DATA_SOURCE_FORMATS = ['DELTA', 'PARQUET', 'CSV', 'JSON', 'AVRO', 'ORC', 'TEXT'] as const;

/** A name as Unity Catalog stores it: lower case, at most 255 characters. */
const ObjectName = Type.String({ minLength: 1, maxLength: 255 });
const Id = Type.String({ minLength: 1, maxLength: 64 });
/** catalog.schema.name: three names and two dots. */
const FullName = Type.String({ minLength: 1, maxLength: 767 });
/** A URL such as s3://bucket/key; S3 keys are at most 1024 bytes. */
const Location = Type.String({ minLength: 1, maxLength: 2048 });

/** Unity Catalog's privileges (sdk-py catalog.py `Privilege`), as grants name them. */
export const PRIVILEGES = [
  'ALL_PRIVILEGES',
  'USE_CATALOG',
  'USE_SCHEMA',
  'CREATE_SCHEMA',
  'CREATE_TABLE',
  'CREATE_VOLUME',
  'CREATE_FUNCTION',
  'SELECT',
  'MODIFY',
  'READ_VOLUME',
  'WRITE_VOLUME',
  'BROWSE',
  'EXECUTE',
  'MANAGE',
  'APPLY_TAG',
  'REFRESH',
] as const;

/** Privileges granted on an object to one principal (a user name, application id or group). */
const PrivilegeAssignment = Type.Object({
  principal: Type.String({ minLength: 1 }),
  privileges: Type.Array(StringEnum(PRIVILEGES)),
});

/** Who owns an object, who holds which privileges on it, what it says of itself, who made and last changed it. */
const Ownership = {
  owner: Type.String(),
  privilege_assignments: Type.Optional(Type.Array(PrivilegeAssignment, { maxItems: 1000 })),
  comment: Type.Optional(Type.String()),
  created_at: EpochMillis,
  created_by: Type.String(),
  updated_at: EpochMillis,
  updated_by: Type.String(),
};

const Properties = Type.Optional(StringMap('key-value properties attached to the securable'));

export const CatalogSpec = Type.Object({
  name: ObjectName,
  catalog_type: StringEnum(CATALOG_TYPES),
  properties: Properties,
  ...Ownership,
});
export type CatalogSpec = Static<typeof CatalogSpec>;

export const SchemaSpec = Type.Object({
  catalog_id: Id,
  name: ObjectName,
  full_name: FullName,
  properties: Properties,
  ...Ownership,
});
export type SchemaSpec = Static<typeof SchemaSpec>;

/** A column as Spark describes it (sdk-py ColumnInfo); type_name is Unity Catalog's ColumnTypeName. */
export const ColumnInfo = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  type_name: Type.Optional(Type.String()),
  type_text: Type.Optional(Type.String()),
  type_json: Type.Optional(Type.String()),
  type_precision: Type.Optional(Type.Integer({ minimum: 0 })),
  type_scale: Type.Optional(Type.Integer({ minimum: 0 })),
  type_interval_type: Type.Optional(Type.String()),
  position: Type.Optional(Type.Integer({ minimum: 0 })),
  nullable: Type.Optional(Type.Boolean()),
  comment: Type.Optional(Type.String()),
  partition_index: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type ColumnInfo = Static<typeof ColumnInfo>;

export const TableSpec = Type.Object({
  catalog_id: Id,
  schema_id: Id,
  name: ObjectName,
  full_name: FullName,
  table_type: StringEnum(TABLE_TYPES),
  data_source_format: Type.Optional(StringEnum(DATA_SOURCE_FORMATS)),
  storage_location: Type.Optional(Location),
  /** A view's query, as Spark SQL text. */
  view_definition: Type.Optional(Type.String({ minLength: 1, maxLength: 1_000_000 })),
  columns: Type.Optional(Type.Array(ColumnInfo, { maxItems: 10_000 })),
  properties: Properties,
  ...Ownership,
});
export type TableSpec = Static<typeof TableSpec>;

export const VolumeSpec = Type.Object({
  catalog_id: Id,
  schema_id: Id,
  name: ObjectName,
  full_name: FullName,
  volume_type: StringEnum(VOLUME_TYPES),
  storage_location: Location,
  ...Ownership,
});
export type VolumeSpec = Static<typeof VolumeSpec>;

/** Nothing reconciles Unity Catalog objects: the API's spec is the whole of them. */
export const UnityCatalogStatus = Type.Object({});
export type UnityCatalogStatus = Static<typeof UnityCatalogStatus>;
