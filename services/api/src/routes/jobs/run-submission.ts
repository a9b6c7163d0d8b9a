import { toCamelCase, toSnakeCase } from '@brickyard/common/crd';
import type { SubmitResult } from '@brickyard/common/runs';
import {
  type NewRun,
  newRunRecord,
  type RunParameters as RunParametersRecord,
  type RunSettings,
  resolveJobParameters,
  runAsUserName,
  runSettingsOf,
} from '@brickyard/common/runs';
import { FreeForm, JobCluster, StringMap, Task } from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { type Static, Type } from 'typebox';
import { invalidParameter } from '../../errors/databricks-error.js';
import type { RouteOptions } from '../../services.js';
import { assertClustersAttachable, assertJobClustersMeetPolicies } from './cluster-access.js';
import { validateTasks } from './job-settings-rules.js';
import { findJob, JobId, jobSpecOf } from './job-view.js';
import { assertNotebooksReadable } from './notebook-access.js';
import { jobsPostSchema } from './route-schema.js';
import { assertRunAsAllowed } from './run-as-access.js';
import { RunParameters } from './run-view.js';

const IdempotencyToken = Type.String({ minLength: 1, maxLength: 64 });
const Queue = Type.Object({ enabled: Type.Boolean() });

const RunNowBody = Type.Object({
  job_id: JobId,
  job_parameters: Type.Optional(StringMap()),
  idempotency_token: Type.Optional(IdempotencyToken),
  only: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  queue: Type.Optional(Queue),
  performance_target: Type.Optional(Type.String()),
  pipeline_params: Type.Optional(FreeForm()),
  ...RunParameters.properties,
});

const SubmitBody = Type.Object({
  run_name: Type.Optional(Type.String({ maxLength: 4096 })),
  tasks: Type.Array(Task, { minItems: 1, maxItems: 1000 }),
  job_clusters: Type.Optional(Type.Array(JobCluster, { maxItems: 100 })),
  timeout_seconds: Type.Optional(Type.Integer({ minimum: 0 })),
  idempotency_token: Type.Optional(IdempotencyToken),
  git_source: Type.Optional(FreeForm()),
  environments: Type.Optional(Type.Array(FreeForm())),
  queue: Type.Optional(Queue),
  run_as: Type.Optional(FreeForm()),
  email_notifications: Type.Optional(FreeForm()),
  webhook_notifications: Type.Optional(FreeForm()),
  notification_settings: Type.Optional(FreeForm()),
  health: Type.Optional(FreeForm()),
  budget_policy_id: Type.Optional(Type.String()),
  performance_target: Type.Optional(Type.String()),
  access_control_list: Type.Optional(Type.Array(FreeForm())),
});

const SUBMIT_FIELDS: ReadonlySet<string> = new Set(Object.keys(SubmitBody.properties));

const LEGACY_PARAMETERS = Object.keys(RunParameters.properties) as (keyof RunParametersRecord)[];

/** A new run of the store, given the ids the store allocated for it and its tasks. */
type RunOf = (runId: number, taskRunIds: number[]) => ReturnType<typeof newRunRecord>;

/** run-now and runs/submit: new runs, handed to the scheduler through the run store. */
export const runSubmissionRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (
  app,
  { services, hidden },
) => {
  const { runs } = services;
  const schema = <B extends object, R extends object>(summary: string, body: B, response: R) =>
    jobsPostSchema(hidden, summary, body, response);

  app.post(
    '/run-now',
    {
      schema: schema(
        'Trigger a run of a job',
        RunNowBody,
        Type.Object({ run_id: Type.Integer(), number_in_job: Type.Integer() }),
      ),
    },
    async (request) => {
      const { body } = request;
      const job = jobSpecOf(findJob(services, request, body.job_id, 'CAN_MANAGE_RUN'));
      const tasks = selectTasks(job.settings.tasks ?? [], body.only);
      if (tasks.length === 0) throw invalidParameter(`Job ${body.job_id} has no tasks to run`);
      const result = await runs.submit(tasks.length, jobRunOf(request, job, tasks));
      const run = result.created ? result.run : idempotentAnswer(result, body.idempotency_token);
      if (!result.created)
        request.log.debug({ runId: run.run_id }, 'Idempotency token matched an existing run');
      return { run_id: run.run_id, number_in_job: run.number_in_job };
    },
  );

  app.post(
    '/runs/submit',
    { schema: schema('Submit a one-time run', SubmitBody, Type.Object({ run_id: Type.Integer() })) },
    async (request) => {
      const { body } = request;
      validateTasks(body.tasks, { job_clusters: body.job_clusters, environments: body.environments });
      assertRunAsAllowed(services, request, body.run_as);
      assertClustersAttachable(services, request, body.tasks);
      await assertNotebooksReadable(services, request, body.tasks);
      assertJobClustersMeetPolicies(services, request, body);
      const result = await runs.submit(body.tasks.length, submittedRunOf(request));
      const run = result.created ? result.run : idempotentAnswer(result, body.idempotency_token);
      return { run_id: run.run_id };
    },
  );
};

/** Where the client reached the API, for run_page_url. */
function hostOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** The tasks run-now runs: all, or those named in `only` (dependencies on the others dropped). */
export function selectTasks(tasks: readonly Task[], only: readonly string[] | undefined): Task[] {
  if (only === undefined) return [...tasks];
  const keys = new Set(tasks.map((task) => task.task_key));
  const unknown = only.filter((key) => !keys.has(key));
  if (unknown.length > 0)
    throw invalidParameter(`Tasks ${unknown.join(', ')} given in only are not tasks of the job`);
  const selected = new Set(only);
  return tasks
    .filter((task) => selected.has(task.task_key))
    .map((task) => {
      if (!task.depends_on) return task;
      return {
        ...task,
        depends_on: task.depends_on.filter((dependency) => selected.has(dependency.task_key)),
      };
    });
}

function idempotentAnswer(result: Extract<SubmitResult, { created: false }>, token: string | undefined) {
  if (!result.run) {
    throw invalidParameter(
      `The run ${result.existingRunId} created with idempotency token ${token} was deleted`,
    );
  }
  return result.run;
}

/**
 * A run of a saved job (run-now): its settings, the job parameters resolved against the job's
 * defaults, and the legacy task parameters the request overrides.
 */
function jobRunOf(
  request: FastifyRequest<{ Body: Static<typeof RunNowBody> }>,
  job: ReturnType<typeof jobSpecOf>,
  tasks: Task[],
): RunOf {
  const { body } = request;
  const overriding: RunParametersRecord = {};
  for (const field of LEGACY_PARAMETERS) {
    if (body[field] !== undefined) (overriding as Record<string, unknown>)[field] = body[field];
  }
  const jobParameters = resolveJobParameters(job.settings.parameters, body.job_parameters);
  const settings = runSettingsOf(job.settings);
  const { workspaceId } = request.workspace;
  return (runId, taskRunIds) => {
    const input: NewRun = {
      workspaceId,
      host: hostOf(request),
      runId,
      taskRunIds,
      now: Date.now(),
      creatorUserName: request.principal.userName,
      runAsUserName: runAsUserName(job.settings.run_as, job.creator_user_name ?? request.principal.userName),
      jobId: job.job_id,
      runName: job.settings.name ?? 'Untitled',
      runType: 'JOB_RUN',
      trigger: 'ONE_TIME',
      tasks,
      settings: body.queue ? { ...settings, queue: body.queue } : settings,
      ...(job.settings.job_clusters ? { jobClusters: job.settings.job_clusters } : {}),
      ...(jobParameters ? { jobParameters } : {}),
      ...(Object.keys(overriding).length > 0 ? { overridingParameters: overriding } : {}),
      ...(body.idempotency_token !== undefined ? { idempotencyToken: body.idempotency_token } : {}),
    };
    return newRunRecord(input);
  };
}

/**
 * A one-time run (runs/submit). What is stored is what the schemas know, at every depth, as for
 * saved jobs; the settings are the request's known fields besides tasks and job clusters.
 */
function submittedRunOf(request: FastifyRequest<{ Body: Static<typeof SubmitBody> }>): RunOf {
  const {
    run_name,
    tasks,
    job_clusters,
    idempotency_token,
    access_control_list: _acl,
    ...rest
  } = request.body;
  const knownTasks = tasks.map((task) => toSnakeCase(toCamelCase(task, Task), Task));
  const knownClusters = job_clusters?.map((cluster) =>
    toSnakeCase(toCamelCase(cluster, JobCluster), JobCluster),
  );
  const settings = Object.fromEntries(
    Object.entries(rest).filter(([field, value]) => SUBMIT_FIELDS.has(field) && value !== undefined),
  ) as RunSettings;
  const { workspaceId } = request.workspace;
  return (runId, taskRunIds) =>
    newRunRecord({
      workspaceId,
      host: hostOf(request),
      runId,
      taskRunIds,
      now: Date.now(),
      creatorUserName: request.principal.userName,
      runAsUserName: runAsUserName(settings.run_as, request.principal.userName),
      runName: run_name ?? 'Untitled',
      runType: 'SUBMIT_RUN',
      trigger: 'ONE_TIME',
      tasks: knownTasks,
      settings,
      ...(knownClusters ? { jobClusters: knownClusters } : {}),
      ...(idempotency_token !== undefined ? { idempotencyToken: idempotency_token } : {}),
    });
}
