import type { WorkspaceResource } from '@brickyard/common/crd';
import { workspaceResourceName } from '@brickyard/common/vocabulary';
import { temporarilyUnavailable } from '../errors/databricks-error.js';
import type { CustomResourceStore } from './custom-resource-store.js';

/** Workspaces by numeric id; one being deleted no longer counts as existing. */
export class WorkspaceDirectory {
  constructor(readonly store: CustomResourceStore<WorkspaceResource>) {}

  find(workspaceId: number): WorkspaceResource | undefined {
    const workspace = this.store.get(undefined, workspaceResourceName(workspaceId));
    return workspace && !workspace.metadata.deletionTimestamp ? workspace : undefined;
  }
}

/**
 * Objects can be created in a workspace once the operator has provisioned it (its namespace
 * exists); until then clients are told to retry, which the SDKs do on 503.
 */
export function assertProvisioned(workspace: WorkspaceResource): void {
  if (workspace.status?.workspaceStatus !== 'RUNNING') {
    throw temporarilyUnavailable(
      `Workspace ${workspace.spec.workspaceId} is still being provisioned; retry shortly`,
    );
  }
}
