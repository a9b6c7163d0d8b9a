import type { WorkspaceResource } from '@brickyard/common/crd';
import { API_VERSION } from '@brickyard/common/vocabulary';

/** A Workspace as the informer delivers it, for unit tests of pure workspace logic. */
export function testWorkspace(overrides: {
  spec?: Partial<WorkspaceResource['spec']>;
  status?: WorkspaceResource['status'];
  generation?: number;
}): WorkspaceResource {
  return {
    apiVersion: API_VERSION,
    kind: 'Workspace',
    metadata: {
      name: 'ws-1234',
      uid: 'uid-1',
      generation: overrides.generation ?? 1,
      creationTimestamp: '2026-03-01T10:00:00Z' as unknown as Date,
    },
    spec: { workspaceId: 1234, workspaceName: 'analytics', ...overrides.spec },
    ...(overrides.status ? { status: overrides.status } : {}),
  };
}
