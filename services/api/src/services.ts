import type { ClusterResource, JobResource } from '@brickyard/common/crd';
import type { RunStore } from '@brickyard/common/runs';
import type { ObjectStore } from '@brickyard/common/storage';
import type { Registry } from 'prom-client';
import type { TokenStore } from './auth/token-store.js';
import type { ApiConfig } from './config.js';
import type { CustomResourceStore } from './store/custom-resource-store.js';
import type { WorkspaceDirectory } from './store/workspace-directory.js';

/** What the routes work with; built once in main.ts, passed to every route plugin. */
export interface ApiServices {
  config: ApiConfig;
  tokens: TokenStore;
  workspaces: WorkspaceDirectory;
  clusters: CustomResourceStore<ClusterResource>;
  jobs: CustomResourceStore<JobResource>;
  runs: RunStore;
  /** Workspace files and DBFS in the object store. */
  storage: ObjectStore;
  registry: Registry;
  /** True once every informer has delivered its first list. */
  isReady: () => boolean;
}

export interface RouteOptions {
  services: ApiServices;
  /** Older version prefixes serve the same handlers but stay out of the OpenAPI document. */
  hidden?: boolean;
}
