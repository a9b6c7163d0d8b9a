import type { StorageError } from '@brickyard/common/storage';
import {
  DatabricksError,
  invalidParameter,
  resourceDoesNotExist,
  temporarilyUnavailable,
} from '../../errors/databricks-error.js';

/**
 * A storage failure as the Workspace API reports it: 'Path (<path>) already exists.' with 400
 * (the CLI matches that message), DIRECTORY_NOT_EMPTY for a non-empty folder.
 */
export function workspaceError(error: StorageError): DatabricksError {
  const path = error.path;
  switch (error.kind) {
    case 'INVALID_PATH':
    case 'INVALID_ARGUMENT':
    case 'IS_A_DIRECTORY':
      return invalidParameter(error.message);
    case 'NOT_FOUND':
      return resourceDoesNotExist(path ? `Path (${path}) doesn't exist.` : error.message);
    case 'PARENT_NOT_FOUND':
      return resourceDoesNotExist(path ? `The parent folder (${path}) does not exist.` : error.message);
    case 'ALREADY_EXISTS':
      return new DatabricksError(
        400,
        'RESOURCE_ALREADY_EXISTS',
        path ? `Path (${path}) already exists.` : error.message,
      );
    case 'NOT_A_DIRECTORY':
      return new DatabricksError(
        400,
        'RESOURCE_ALREADY_EXISTS',
        path ? `Path (${path}) already exists and is not a folder.` : error.message,
      );
    case 'DIRECTORY_NOT_EMPTY':
      return new DatabricksError(
        400,
        'DIRECTORY_NOT_EMPTY',
        `Folder (${path ?? ''}) is not empty; delete it with recursive=true`,
      );
    case 'UNAVAILABLE': {
      const unavailable = temporarilyUnavailable(error.message);
      unavailable.cause = error.cause; // logged by the error handler, never sent
      return unavailable;
    }
  }
}
