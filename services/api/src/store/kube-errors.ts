import { errorMessage, isBusy, isInvalid, isUnreachable } from '@brickyard/common/kube';
import { DatabricksError, invalidParameter, temporarilyUnavailable } from '../errors/databricks-error.js';

/**
 * Maps an apiserver refusal to the Databricks error a client should see: schema and CEL
 * validation failures are the client's (400), a busy or unreachable apiserver is temporary (503).
 * Anything else is returned as the internal error it is. The classification is the controller
 * runtime's (@brickyard/common/kube); only the Databricks side of the mapping lives here.
 */
export function toDatabricksError(error: unknown): unknown {
  if (error instanceof DatabricksError) return error;
  if (isInvalid(error)) return invalidParameter(errorMessage(error));
  if (isBusy(error)) return temporarilyUnavailable('The control plane is busy; retry');
  if (isUnreachable(error)) return temporarilyUnavailable('The control plane is unreachable; retry');
  return error;
}
