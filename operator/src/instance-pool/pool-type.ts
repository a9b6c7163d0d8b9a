import { InstancePoolKind, type InstancePoolResource } from '@brickyard/common/crd';
import type { CustomResourceType } from '@brickyard/common/kube';
import { GROUP, VERSION } from '@brickyard/common/vocabulary';

/** Where InstancePools are served: the arguments CustomObjectsApi and customResourceInformer need. */
export const InstancePoolType: CustomResourceType = {
  group: GROUP,
  version: VERSION,
  plural: InstancePoolKind.plural,
};

export type InstancePoolStatus = NonNullable<InstancePoolResource['status']>;
