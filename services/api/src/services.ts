import {
  ClusterKind,
  type ClusterResource,
  JobKind,
  type JobResource,
  WorkspaceKind,
  type WorkspaceResource,
} from '@brickyard/common/crd';
import { loadKubeConfig } from '@brickyard/common/kube';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { RunStore } from '@brickyard/common/runs';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { TokenStore } from './auth/token-store.js';
import type { ApiConfig } from './config.js';
import { CustomResourceStore } from './store/custom-resource-store.js';
import { WorkspaceDirectory } from './store/workspace-directory.js';

/** What the routes work with; built once by createApiServices, passed to every route plugin. */
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

/** The services of one API process and their lifecycle (main.ts and the in-process API tests). */
export interface ApiRuntime {
  services: ApiServices;
  /** Starts every informer cache and waits for Redis; readiness follows once the caches are filled. */
  start: () => Promise<void>;
  /** Resolves once every cache has delivered its first list. */
  synced: () => Promise<void>;
  /** Stops the caches and closes the Redis and S3 connections. */
  stop: () => Promise<void>;
}

/** The stores of the API on the Kubernetes apiserver, Redis and S3 that `config` names. */
export function createApiServices(config: ApiConfig, logger: Logger, registry = new Registry()): ApiRuntime {
  const kubeConfig = loadKubeConfig(config.kubeconfig);
  const tokens = new TokenStore(kubeConfig, logger);
  const workspaces = new WorkspaceDirectory(
    new CustomResourceStore<WorkspaceResource>(WorkspaceKind, kubeConfig, logger),
  );
  // Cluster creates are accepted into Redis and stored in the apiserver just after (PendingCreates):
  // a burst of creates is answered at Redis speed, not at the apiserver's.
  const clusters = new CustomResourceStore<ClusterResource>(ClusterKind, kubeConfig, logger, {
    redis: createRedisConnection(config.redisUrl),
  });
  const jobs = new CustomResourceStore<JobResource>(JobKind, kubeConfig, logger);
  const runs = new RunStore(createRedisConnection(config.redisUrl));
  const s3 = createS3Client(config.s3);
  const storage = new ObjectStore(s3, config.s3.bucket);
  const caches = [tokens, workspaces.store, clusters, jobs];

  let ready = false;
  const synced = async () => {
    await Promise.all(caches.map((cache) => cache.synced));
  };
  return {
    services: {
      config,
      tokens,
      workspaces,
      clusters,
      jobs,
      runs,
      storage,
      registry,
      isReady: () => ready,
    },
    start: async () => {
      await Promise.all([...caches.map((cache) => cache.start()), runs.start()]);
      void synced().then(() => {
        ready = true;
      });
    },
    synced,
    stop: async () => {
      await Promise.all([...caches.map((cache) => cache.stop()), runs.stop()]);
      s3.destroy();
    },
  };
}
