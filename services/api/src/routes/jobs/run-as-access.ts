import { runAsUserName } from '@brickyard/common/runs';
import type { JobSettings } from '@brickyard/common/schema';
import type { FastifyRequest } from 'fastify';
import { invalidParameter, permissionDenied } from '../../errors/databricks-error.js';
import type { ApiServices } from '../../services.js';

/**
 * A job's work acts with the grants of whom `run_as` names, so only a workspace admin may name
 * someone other than themselves (Databricks also lets holders of a service principal's User role
 * name it; Brickyard has no such role), and only a user or service principal of the workspace.
 * Checked when a job is saved or a run submitted.
 */
export function assertRunAsAllowed(
  services: ApiServices,
  request: FastifyRequest,
  runAs: JobSettings['run_as'] | undefined,
): void {
  const named = runAsUserName(runAs, undefined);
  if (named === undefined) return;
  const { principal, workspace } = request;
  if (named.toLowerCase() === principal.userName.toLowerCase()) return;
  if (!principal.isAdmin) {
    throw permissionDenied(
      `Only workspace admins may set run_as to someone else: ${principal.userName} may not run as ${named}`,
    );
  }
  if (!services.identities.principalNamed(workspace.workspaceId, named)) {
    throw invalidParameter(`run_as names ${named}, who is not a user or service principal of this workspace`);
  }
}
