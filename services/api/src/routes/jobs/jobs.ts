import type { JobResource } from '@brickyard/common/crd';
import { toCamelCase } from '@brickyard/common/crd';
import { isAlreadyExists } from '@brickyard/common/kube';
import { JobSettings, JobSpec } from '@brickyard/common/schema';
import { API_VERSION, Labels, MANAGED_BY } from '@brickyard/common/vocabulary';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import {
  jobDoesNotExist,
  resourceLimitExceeded,
  temporarilyUnavailable,
} from '../../errors/databricks-error.js';
import { governedJob } from '../../permissions/governed-objects.js';
import { rulesOf } from '../../permissions/object-types.js';
import type { ApiServices, RouteOptions } from '../../services.js';
import { decodePageToken, offsetPageTokens } from '../paging.js';
import { validateGrants } from '../permissions/access-control-list.js';
import { AccessControlBody } from '../permissions/permission-schemas.js';
import { assertClustersAttachable, assertJobClustersMeetPolicies } from './cluster-access.js';
import { jobResourceName, newJobId } from './job-id.js';
import { mergeJobSettings, normalizeJobSettings } from './job-settings-rules.js';
import { createdTimeOf, findJob, Job, JobId, jobSpecOf, toJobView } from './job-view.js';
import { assertNotebooksReadable } from './notebook-access.js';
import { jobsGetSchema, jobsPostSchema } from './route-schema.js';
import { cancelRuns } from './run-actions.js';
import { assertRunAsAllowed } from './run-as-access.js';

/** Databricks allows 12,000 saved jobs per workspace. */
const MAX_JOBS_PER_WORKSPACE = 12_000;
const MAX_ID_ATTEMPTS = 5;
const SETTINGS_FIELDS: ReadonlySet<string> = new Set(Object.keys(JobSettings.properties));

const Empty = Type.Object({});
const JobIdBody = Type.Object({ job_id: JobId });

/** Only the settings Brickyard knows: unknown fields are ignored, as Databricks ignores them. */
function pickSettings(body: Record<string, unknown>): JobSettings {
  return Object.fromEntries(
    Object.entries(body).filter(([field, value]) => SETTINGS_FIELDS.has(field) && value !== undefined),
  ) as JobSettings;
}

const CreateBody = Type.Object({
  ...JobSettings.properties,
  access_control_list: Type.Optional(AccessControlBody.properties.access_control_list),
});
const CreateResponse = Type.Object({ job_id: Type.Integer() });
const GetQuery = Type.Object({ job_id: JobId, page_token: Type.Optional(Type.String()) });
const ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  page_token: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  expand_tasks: Type.Optional(Type.Boolean()),
});
const ListResponse = Type.Object({
  jobs: Type.Optional(Type.Array(Job)),
  has_more: Type.Boolean(),
  next_page_token: Type.Optional(Type.String()),
  prev_page_token: Type.Optional(Type.String()),
});
const ResetBody = Type.Object({ job_id: JobId, new_settings: JobSettings });
const UpdateBody = Type.Object({
  job_id: JobId,
  new_settings: Type.Optional(JobSettings),
  fields_to_remove: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
});

type Jobs = ApiServices['jobs'];

/** Jobs as Job resources in the workspace namespace: create, get, list, reset, update, delete. */
export const jobsRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services, hidden }) => {
  const { jobs } = services;
  const schema = <B extends object, R extends object>(summary: string, body: B, response: R) =>
    jobsPostSchema(hidden, summary, body, response);
  const querySchema = <Q extends object, R extends object>(summary: string, querystring: Q, response: R) =>
    jobsGetSchema(hidden, summary, querystring, response);

  app.post('/create', { schema: schema('Create a job', CreateBody, CreateResponse) }, async (request) => {
    const { access_control_list, ...requested } = request.body;
    const settings = normalizeJobSettings(pickSettings(requested));
    assertRunAsAllowed(services, request, settings.run_as);
    assertClustersAttachable(services, request, settings.tasks);
    await assertNotebooksReadable(services, request, settings.tasks);
    assertJobClustersMeetPolicies(services, request, settings);
    const grants = access_control_list ?? [];
    validateGrants(grants, rulesOf('jobs'), services.identities, request.workspace.workspaceId);
    const jobId = await createJob(jobs, request.workspace, request.principal.userName, settings);
    const created = jobs.get(request.workspace.namespace, jobResourceName(jobId));
    if (grants.length > 0 && created) await services.permissions.replace(governedJob(created), grants);
    return { job_id: jobId };
  });

  app.get('/get', { schema: querySchema('A job and its settings', GetQuery, Job) }, async (request) =>
    toJobView(findJob(services, request, request.query.job_id, 'CAN_VIEW')),
  );

  app.get(
    '/list',
    { schema: querySchema('Jobs of the workspace, oldest first', ListQuery, ListResponse) },
    async (request) => listJobs(services, request, request.query),
  );

  app.post(
    '/reset',
    { schema: schema('Replace all settings of a job', ResetBody, Empty) },
    async (request) => {
      const { job_id, new_settings } = request.body;
      findJob(services, request, job_id, 'CAN_MANAGE');
      const settings = pickSettings(new_settings);
      assertRunAsAllowed(services, request, settings.run_as);
      assertClustersAttachable(services, request, settings.tasks);
      await assertNotebooksReadable(services, request, settings.tasks);
      assertJobClustersMeetPolicies(services, request, settings);
      return changeSettings(jobs, request.workspace.namespace, job_id, () => settings);
    },
  );

  app.post(
    '/update',
    { schema: schema('Change some settings of a job', UpdateBody, Empty) },
    async (request) => {
      const { job_id, new_settings, fields_to_remove } = request.body;
      findJob(services, request, job_id, 'CAN_MANAGE');
      const changes = pickSettings(new_settings ?? {});
      assertRunAsAllowed(services, request, changes.run_as);
      assertClustersAttachable(services, request, changes.tasks);
      await assertNotebooksReadable(services, request, changes.tasks);
      assertJobClustersMeetPolicies(services, request, changes);
      return changeSettings(jobs, request.workspace.namespace, job_id, (current) =>
        mergeJobSettings(current, changes, fields_to_remove ?? [], SETTINGS_FIELDS),
      );
    },
  );

  app.post('/delete', { schema: schema('Delete a job', JobIdBody, Empty) }, async (request) => {
    const { job_id } = request.body;
    findJob(services, request, job_id, 'CAN_MANAGE');
    if (!(await jobs.delete(request.workspace.namespace, jobResourceName(job_id))))
      throw jobDoesNotExist(job_id);
    // Runs of a deleted job stay readable, but none of them starts any more. The job is gone
    // either way, so a failure here is logged rather than reported.
    try {
      await cancelRuns(services, request, { jobId: job_id });
    } catch (error) {
      request.log.warn({ err: error, jobId: job_id }, 'Could not cancel the runs of a deleted job');
    }
    return {};
  });
};

/**
 * Creates the Job resource of a new job and returns its id: a random id, drawn again if it is
 * taken (a 409), a few times at most.
 */
async function createJob(
  jobs: Jobs,
  workspace: { namespace: string; workspaceId: number },
  userName: string,
  settings: JobSettings,
): Promise<number> {
  const { namespace, workspaceId } = workspace;
  if (jobs.list(namespace).length >= MAX_JOBS_PER_WORKSPACE) {
    throw resourceLimitExceeded(`The workspace allows at most ${MAX_JOBS_PER_WORKSPACE} jobs`);
  }
  for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
    const jobId = newJobId();
    const spec: JobSpec = { job_id: jobId, creator_user_name: userName, settings };
    const resource: JobResource = {
      apiVersion: API_VERSION,
      kind: 'Job',
      metadata: {
        name: jobResourceName(jobId),
        namespace,
        labels: { [Labels.managedBy]: MANAGED_BY, [Labels.workspaceId]: String(workspaceId) },
      },
      spec: toCamelCase(spec, JobSpec),
    };
    try {
      await jobs.create(resource);
      return jobId;
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }
  throw temporarilyUnavailable('Could not allocate a job id; retry');
}

/** A page of the workspace's jobs, oldest first, optionally only those of one name. */
/** The jobs the caller may view (CAN_VIEW), as Databricks lists them. */
function listJobs(services: ApiServices, request: FastifyRequest, query: Static<typeof ListQuery>) {
  const { limit = 20, offset, page_token, name, expand_tasks = false } = query;
  const wanted = name?.toLowerCase();
  const visible = services.jobs
    .list(request.workspace.namespace)
    .filter((job) => !job.metadata.deletionTimestamp)
    .filter((job) => services.permissions.can(request.principal, governedJob(job), 'CAN_VIEW'))
    .filter((job) => wanted === undefined || (job.spec.settings.name ?? '').toLowerCase() === wanted)
    .map((job) => ({ job, created: createdTimeOf(job) }))
    .sort((a, b) => a.created - b.created || a.job.spec.jobId - b.job.spec.jobId);
  const start = page_token ? decodePageToken(page_token) : (offset ?? 0);
  const page = visible.slice(start, start + limit).map(({ job }) => toJobView(job, expand_tasks));
  return {
    ...(page.length > 0 ? { jobs: page } : {}),
    ...offsetPageTokens(start, limit, visible.length),
  };
}

/** Replaces the settings of a job of the caller's workspace with what `change` makes of them. */
async function changeSettings(
  jobs: Jobs,
  namespace: string,
  jobId: number,
  change: (current: JobSettings) => JobSettings,
): Promise<Record<string, never>> {
  const updated = await jobs.update(namespace, jobResourceName(jobId), (current) => {
    const spec = jobSpecOf(current);
    if (current.metadata.deletionTimestamp || spec.job_id !== jobId) throw jobDoesNotExist(jobId);
    const next: JobSpec = { ...spec, settings: normalizeJobSettings(change(spec.settings)) };
    return { ...current, spec: toCamelCase(next, JobSpec) };
  });
  if (!updated) throw jobDoesNotExist(jobId);
  return {};
}
