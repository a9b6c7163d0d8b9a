import type { StorageError } from '@brickyard/common/storage';
import { DatabricksError, invalidParameter, temporarilyUnavailable } from '../../errors/databricks-error.js';

/**
 * The Files API's errors: its own codes (NOT_FOUND, ALREADY_EXISTS), in the words Databricks
 * answers with where they are known.
 */

export const invalidPath = (reason: string) => invalidParameter(`Invalid path: ${reason}`);

export const fileNotFound = () =>
  new DatabricksError(404, 'NOT_FOUND', 'The file being accessed is not found.');

export const directoryNotFound = () =>
  new DatabricksError(404, 'NOT_FOUND', 'The directory being accessed is not found.');

export const fileAlreadyExists = () =>
  new DatabricksError(409, 'ALREADY_EXISTS', 'The file being created already exists.');

/** A file where a directory is wanted, or the other way round: a conflict with what is there. */
export const pathConflict = (message: string) => new DatabricksError(409, 'ALREADY_EXISTS', message);

export const directoryNotEmpty = (path: string) =>
  invalidParameter(`The directory ${path} is not empty: delete what it contains first`);

/** If-Unmodified-Since failed: the file changed since the client's first look at it. */
export const fileModified = () =>
  new DatabricksError(
    412,
    'FAILED_PRECONDITION',
    'The file has been modified since the time given in If-Unmodified-Since',
  );

export const rangeNotSatisfiable = (size: number) =>
  new DatabricksError(
    416,
    'INVALID_PARAMETER_VALUE',
    `The requested range is outside the file of ${size} bytes`,
  );

/** Files are served from the platform's object store only. */
export const volumeNotServed = (fullName: string, location: string, bucket: string) =>
  new DatabricksError(
    501,
    'NOT_IMPLEMENTED',
    `Volume ${fullName} is stored at ${location}: Brickyard serves the files of volumes in s3://${bucket} only`,
  );

/** A storage failure that no operation turned into one of the errors above: the store's trouble. */
export function filesError(error: StorageError): DatabricksError {
  if (error.kind !== 'UNAVAILABLE') return invalidParameter(error.message);
  const unavailable = temporarilyUnavailable(error.message);
  unavailable.cause = error.cause; // logged by the error handler, never sent
  return unavailable;
}
