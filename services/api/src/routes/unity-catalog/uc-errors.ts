import { DatabricksError, permissionDenied } from '../../errors/databricks-error.js';

/**
 * Unity Catalog's own error codes (Databricks' ErrorCode enum) with the statuses the SDKs map to
 * NotFound (404), ResourceConflict (409) and BadRequest (400). Volumes have no codes of their own.
 */

export const metastoreDoesNotExist = (id: string) =>
  new DatabricksError(404, 'METASTORE_DOES_NOT_EXIST', `Metastore '${id}' does not exist.`);
export const catalogDoesNotExist = (name: string) =>
  new DatabricksError(404, 'CATALOG_DOES_NOT_EXIST', `Catalog '${name}' does not exist.`);
export const schemaDoesNotExist = (fullName: string) =>
  new DatabricksError(404, 'SCHEMA_DOES_NOT_EXIST', `Schema '${fullName}' does not exist.`);
export const tableDoesNotExist = (fullName: string) =>
  new DatabricksError(404, 'TABLE_DOES_NOT_EXIST', `Table '${fullName}' does not exist.`);
export const volumeDoesNotExist = (fullName: string) =>
  new DatabricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Volume '${fullName}' does not exist.`);

export const catalogAlreadyExists = (name: string) =>
  new DatabricksError(409, 'CATALOG_ALREADY_EXISTS', `Catalog '${name}' already exists`);
export const schemaAlreadyExists = (fullName: string) =>
  new DatabricksError(409, 'SCHEMA_ALREADY_EXISTS', `Schema '${fullName}' already exists`);
export const tableAlreadyExists = (fullName: string) =>
  new DatabricksError(409, 'TABLE_ALREADY_EXISTS', `Table '${fullName}' already exists`);
export const volumeAlreadyExists = (fullName: string) =>
  new DatabricksError(409, 'RESOURCE_ALREADY_EXISTS', `Volume '${fullName}' already exists`);

export const catalogNotEmpty = (name: string) =>
  new DatabricksError(
    400,
    'CATALOG_NOT_EMPTY',
    `Catalog '${name}' is not empty; delete it with force=true to delete what it contains too.`,
  );
export const schemaNotEmpty = (fullName: string) =>
  new DatabricksError(
    400,
    'SCHEMA_NOT_EMPTY',
    `Schema '${fullName}' is not empty; delete it with force=true to delete what it contains too.`,
  );

/** The system catalogs and every information_schema belong to the system user. */
export const systemOwned = (what: string) =>
  permissionDenied(`${what} is managed by the system and cannot be changed.`);
