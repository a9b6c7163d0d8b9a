import { DatabricksError } from '../../errors/databricks-error.js';

/**
 * The Secrets API's errors (sdk-py workspace.py, SecretsAPI): codes as documented, statuses as
 * the SDKs map them (ResourceDoesNotExist 404, ResourceAlreadyExists 409, BadRequest 400). The
 * messages never hold a secret's value.
 */

export const scopeDoesNotExist = (scope: string) =>
  new DatabricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Scope ${scope} does not exist!`);
export const scopeAlreadyExists = (scope: string) =>
  new DatabricksError(409, 'RESOURCE_ALREADY_EXISTS', `Scope ${scope} already exists!`);
export const secretDoesNotExist = (scope: string, key: string) =>
  new DatabricksError(404, 'RESOURCE_DOES_NOT_EXIST', `Secret ${key} does not exist in scope ${scope}.`);
export const aclDoesNotExist = (scope: string, principal: string) =>
  new DatabricksError(
    404,
    'RESOURCE_DOES_NOT_EXIST',
    `Scope ${scope} has no ACL for principal ${principal}.`,
  );
export const limitExceeded = (message: string) =>
  new DatabricksError(400, 'RESOURCE_LIMIT_EXCEEDED', message);
