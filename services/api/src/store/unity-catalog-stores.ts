import {
  CatalogKind,
  type CatalogResource,
  SchemaKind,
  type SchemaResource,
  TableKind,
  type TableResource,
  VolumeKind,
  type VolumeResource,
} from '@brickyard/common/crd';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { CustomResourceStore } from './custom-resource-store.js';

/** The metastore objects of every workspace: Catalog, Schema, Table and Volume resources. */
export interface UnityCatalogStores {
  catalogs: CustomResourceStore<CatalogResource>;
  schemas: CustomResourceStore<SchemaResource>;
  tables: CustomResourceStore<TableResource>;
  volumes: CustomResourceStore<VolumeResource>;
}

export function createUnityCatalogStores(kubeConfig: KubeConfig, log: Logger): UnityCatalogStores {
  return {
    catalogs: new CustomResourceStore<CatalogResource>(CatalogKind, kubeConfig, log),
    schemas: new CustomResourceStore<SchemaResource>(SchemaKind, kubeConfig, log),
    tables: new CustomResourceStore<TableResource>(TableKind, kubeConfig, log),
    volumes: new CustomResourceStore<VolumeResource>(VolumeKind, kubeConfig, log),
  };
}
