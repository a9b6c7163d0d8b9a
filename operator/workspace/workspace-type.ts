import { WorkspaceKind } from '../../services/common/src/crd/resource-kinds.js';
import { GROUP, VERSION } from '../../services/common/src/vocabulary.js';
import type { CustomResourceType } from '../runtime/status-writer.js';

/** Where Workspaces are served: the arguments CustomObjectsApi needs, and the watch path. */
export const WorkspaceType: CustomResourceType = {
  group: GROUP,
  version: VERSION,
  plural: WorkspaceKind.plural,
};

export const WORKSPACES_PATH = `/apis/${GROUP}/${VERSION}/${WorkspaceKind.plural}`;
