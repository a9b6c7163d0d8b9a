import { WarehouseKind, type WarehouseResource } from '@brickyard/common/crd';
import type { CustomResourceType } from '@brickyard/common/kube';
import { GROUP, VERSION } from '@brickyard/common/vocabulary';

/** Where Warehouses are served: the arguments CustomObjectsApi and customResourceInformer need. */
export const WarehouseType: CustomResourceType = {
  group: GROUP,
  version: VERSION,
  plural: WarehouseKind.plural,
};

export type WarehouseStatus = NonNullable<WarehouseResource['status']>;
