import { WorkspaceKind } from '@brickyard/common/crd';
import type { CustomResourceType } from '@brickyard/common/kube';
import { GROUP, VERSION } from '@brickyard/common/vocabulary';

/** Where Workspaces are served: the arguments CustomObjectsApi and customResourceInformer need. */
export const WorkspaceType: CustomResourceType = {
  group: GROUP,
  version: VERSION,
  plural: WorkspaceKind.plural,
};
