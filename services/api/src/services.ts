import { ComputeCallers } from '@brickyard/common/compute-callers';
import {
  ClusterKind,
  ClusterPolicyKind,
  type ClusterPolicyResource,
  type ClusterResource,
  InstancePoolKind,
  type InstancePoolResource,
  JobKind,
  type JobResource,
  QueryKind,
  type QueryResource,
  WarehouseKind,
  type WarehouseResource,
  WorkspaceKind,
  type WorkspaceResource,
} from '@brickyard/common/crd';
import { loadKubeConfig } from '@brickyard/common/kube';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { RunStore } from '@brickyard/common/runs';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { AuditStore } from './audit/audit-store.js';
import { RuntimeTokenReviewer } from './auth/runtime-tokens.js';
import { TokenStore } from './auth/token-store.js';
import type { ApiConfig } from './config.js';
import { IdentityDirectory } from './identity/identity-directory.js';
import { ObjectPermissions } from './permissions/object-permissions.js';
import { createStatementService } from './sql-statements/create-statement-service.js';
import type { StatementService } from './sql-statements/statement-service.js';
import { createTemporaryCredentials } from './storage-credentials/create-temporary-credentials.js';
import type { TemporaryCredentials } from './storage-credentials/temporary-credentials.js';
import { CustomResourceStore } from './store/custom-resource-store.js';
import { LibraryReports } from './store/library-reports.js';
import { createUnityCatalogStores, type UnityCatalogStores } from './store/unity-catalog-stores.js';
import { WarehouseActivity } from './store/warehouse-activity.js';
import { WorkspaceDirectory } from './store/workspace-directory.js';

/** What the routes work with; built once by createApiServices, passed to every route plugin. */
export interface ApiServices {
  config: ApiConfig;
  tokens: TokenStore;
  /** Runtime pods' service account tokens (Spark's Unity Catalog calls). */
  runtimeTokens: RuntimeTokenReviewer;
  /** Credentials naming the caller of a statement on a SQL warehouse, for its Spark's catalog calls. */
  computeCallers: ComputeCallers;
  workspaces: WorkspaceDirectory;
  /** Users, service principals and groups of every workspace (SCIM). */
  identities: IdentityDirectory;
  /** Grants on clusters, jobs and warehouses (the Permissions API), and the check routes make. */
  permissions: ObjectPermissions;
  clusters: CustomResourceStore<ClusterResource>;
  jobs: CustomResourceStore<JobResource>;
  warehouses: CustomResourceStore<WarehouseResource>;
  /** Saved queries of Databricks SQL (the Queries API), which sql_tasks run. */
  queries: CustomResourceStore<QueryResource>;
  /** Rules on the clusters users create (the Cluster Policies API). */
  clusterPolicies: CustomResourceStore<ClusterPolicyResource>;
  /** Warm instances clusters take first (the Instance Pools API). */
  instancePools: CustomResourceStore<InstancePoolResource>;
  /** What the pods of each cluster report about its libraries (the Libraries API's statuses). */
  libraryReports: LibraryReports;
  /** Statements' activity on SQL warehouses, which auto-stop counts from. */
  warehouseActivity: WarehouseActivity;
  /** Unity Catalog's catalogs, schemas, tables and volumes (each workspace is its own metastore). */
  unityCatalog: UnityCatalogStores;
  runs: RunStore;
  /** Workspace files and DBFS in the object store. */
  storage: ObjectStore;
  /** The Statement Execution API's statements and the query history. */
  statements: StatementService;
  /** Unity Catalog's temporary S3 credentials; undefined without the object store's IAM API. */
  temporaryCredentials: TemporaryCredentials | undefined;
  registry: Registry;
  /** The audit log of every workspace and of the account. */
  audit: AuditStore;
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

/** The stores of the workspace objects kept as custom resources (Unity Catalog's are apart). */
function createObjectStores(kubeConfig: KubeConfig, redisUrl: string, logger: Logger) {
  return {
    // Cluster creates are accepted into Redis and stored in the apiserver just after (PendingCreates):
    // a burst of creates is answered at Redis speed, not at the apiserver's.
    clusters: new CustomResourceStore<ClusterResource>(ClusterKind, kubeConfig, logger, {
      redis: createRedisConnection(redisUrl),
    }),
    jobs: new CustomResourceStore<JobResource>(JobKind, kubeConfig, logger),
    warehouses: new CustomResourceStore<WarehouseResource>(WarehouseKind, kubeConfig, logger),
    queries: new CustomResourceStore<QueryResource>(QueryKind, kubeConfig, logger),
    clusterPolicies: new CustomResourceStore<ClusterPolicyResource>(ClusterPolicyKind, kubeConfig, logger),
    instancePools: new CustomResourceStore<InstancePoolResource>(InstancePoolKind, kubeConfig, logger),
  };
}

/** The stores of the API on the Kubernetes apiserver, Redis and S3 that `config` names. */
export function createApiServices(config: ApiConfig, logger: Logger, registry = new Registry()): ApiRuntime {
  const kubeConfig = loadKubeConfig(config.kubeconfig);
  const tokens = new TokenStore(kubeConfig, logger);
  const runtimeTokens = new RuntimeTokenReviewer(kubeConfig, logger);
  const computeCallersRedis = createRedisConnection(config.redisUrl);
  const computeCallers = new ComputeCallers(computeCallersRedis);
  const workspaces = new WorkspaceDirectory(
    new CustomResourceStore<WorkspaceResource>(WorkspaceKind, kubeConfig, logger),
  );
  const objects = createObjectStores(kubeConfig, config.redisUrl, logger);
  const identities = new IdentityDirectory(kubeConfig, logger);
  const permissions = new ObjectPermissions(kubeConfig, logger);
  const warehouseActivity = new WarehouseActivity(config.redisUrl, logger);
  const libraryReports = new LibraryReports(config.redisUrl, logger);
  const audit = new AuditStore(config.redisUrl, config.auditRetentionDays * 86_400_000, logger);
  const unityCatalog = createUnityCatalogStores(kubeConfig, logger);
  const runs = new RunStore(createRedisConnection(config.redisUrl));
  const s3 = createS3Client(config.s3);
  const storage = new ObjectStore(s3, config.s3.bucket);
  const caches = [
    tokens,
    workspaces.store,
    ...Object.values(objects),
    ...identities.stores,
    permissions.store,
    ...Object.values(unityCatalog),
  ];

  const statements = createStatementService(config, storage, computeCallers, logger);
  const { temporaryCredentials, reaper } = createTemporaryCredentials(config, logger);

  let ready = false;
  const synced = async () => {
    await Promise.all(caches.map((cache) => cache.synced));
  };
  const services: ApiServices = {
    config,
    tokens,
    runtimeTokens,
    computeCallers,
    workspaces,
    identities,
    permissions,
    ...objects,
    warehouseActivity,
    libraryReports,
    unityCatalog,
    runs,
    storage,
    statements,
    temporaryCredentials,
    registry,
    audit,
    isReady: () => ready,
  };
  return {
    services,
    start: async () => {
      await Promise.all([
        ...caches.map((cache) => cache.start()),
        runs.start(),
        statements.start(),
        audit.start(),
      ]);
      reaper?.start();
      void synced().then(() => {
        ready = true;
      });
    },
    synced,
    stop: async () => {
      await statements.stop();
      await reaper?.stop();
      await Promise.all([...caches.map((cache) => cache.stop()), runs.stop(), audit.stop()]);
      for (const redisClient of [warehouseActivity, libraryReports]) redisClient.close();
      computeCallersRedis.disconnect();
      s3.destroy();
    },
  };
}
