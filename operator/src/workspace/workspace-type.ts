import { WorkspaceKind } from '@brickyard/common/crd';
import type { CustomResourceType } from '@brickyard/common/kube';
import { GROUP, VERSION } from '@brickyard/common/vocabulary';

/** Where Workspaces are served: the arguments CustomObjectsApi needs, and the watch path. */
export const WorkspaceType: CustomResourceType = {
  group: GROUP,
  version: VERSION,
  plural: WorkspaceKind.plural,
};

export const WORKSPACES_PATH = `/apis/${GROUP}/${VERSION}/${WorkspaceKind.plural}`;
