import { toCamelCase, toSnakeCase } from '@brickyard/common/crd';
import type { SubmitResult } from '@brickyard/common/runs';
import {
  isActiveRun,
  type NewRun,
  newRunRecord,
  RUN_TYPES,
  type RunParameters as RunParametersRecord,
  type RunSettings,
  resolveJobParameters,
} from '@brickyard/common/runs';
import {
  FreeForm,
  JobCluster,
  type JobSettings,
  StringEnum,
  StringMap,
  Task,
} from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { invalidParameter, invalidState } from '../../errors/databricks-error.js';
import type { RouteOptions } from '../../services.js';
import { decodePageToken, encodePageToken } from '../paging.js';
import { validateTasks } from './job-settings-rules.js';
import { findJob, JobId, jobSpecOf } from './job-view.js';
import { cancelRun, cancelRuns, findRun, findRunOrTaskRun } from './run-actions.js';
import { pickOutput, Run, RunOutput, RunParameters, toRunView, toTaskRunMetadata } from './run-view.js';

const Empty = Type.Object({});
const RunId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const RunIdBody = Type.Object({ run_id: RunId });
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

const ListQuery = Type.Object({
  job_id: Type.Optional(JobId),
  active_only: Type.Optional(Type.Boolean()),
  completed_only: Type.Optional(Type.Boolean()),
  run_type: Type.Optional(StringEnum(RUN_TYPES)),
  start_time_from: Type.Optional(Type.Integer({ minimum: 0 })),
  start_time_to: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 25 })),
  offset: Type.Optional(Type.Integer({ minimum: 0 })),
  page_token: Type.Optional(Type.String()),
  expand_tasks: Type.Optional(Type.Boolean()),
});

const LEGACY_PARAMETERS = Object.keys(RunParameters.properties) as (keyof RunParametersRecord)[];

/** Where the client reached the API, for run_page_url. */
function hostOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** The settings a run executes with: everything but what the run object carries itself. */
function runSettingsOf(settings: JobSettings): RunSettings {
  const { name: _name, tasks: _tasks, job_clusters: _clusters, ...rest } = settings;
  return rest;
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

/** run-now, runs/submit and the runs endpoints: runs live in Redis (the run store). */
export const runsRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services, hidden }) => {
  const { runs } = services;
  const schema = <B extends object, R extends object>(summary: string, body: B, response: R) => ({
    tags: ['jobs'],
    summary,
    hide: hidden ?? false,
    body,
    response: { 200: response },
  });

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
      const body = request.body;
      const job = jobSpecOf(findJob(services, request, body.job_id));
      const tasks = selectTasks(job.settings.tasks ?? [], body.only);
      if (tasks.length === 0) throw invalidParameter(`Job ${body.job_id} has no tasks to run`);
      const overriding: RunParametersRecord = {};
      for (const field of LEGACY_PARAMETERS) {
        if (body[field] !== undefined) (overriding as Record<string, unknown>)[field] = body[field];
      }
      const jobParameters = resolveJobParameters(job.settings.parameters, body.job_parameters);
      const settings = runSettingsOf(job.settings);
      const { workspaceId } = request.workspace;
      const result = await runs.submit(tasks.length, (runId, taskRunIds) => {
        const input: NewRun = {
          workspaceId,
          host: hostOf(request),
          runId,
          taskRunIds,
          now: Date.now(),
          creatorUserName: request.principal.userName,
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
      });
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
      const {
        run_name,
        tasks,
        job_clusters,
        idempotency_token,
        access_control_list: _acl,
        ...rest
      } = request.body;
      validateTasks(tasks, { job_clusters, environments: rest.environments });
      // What is stored is what the schemas know, at every depth, as for saved jobs.
      const knownTasks = tasks.map((task) => toSnakeCase(toCamelCase(task, Task), Task));
      const knownClusters = job_clusters?.map((cluster) =>
        toSnakeCase(toCamelCase(cluster, JobCluster), JobCluster),
      );
      const settings = Object.fromEntries(
        Object.entries(rest).filter(([field, value]) => SUBMIT_FIELDS.has(field) && value !== undefined),
      ) as RunSettings;
      const { workspaceId } = request.workspace;
      const result = await runs.submit(knownTasks.length, (runId, taskRunIds) =>
        newRunRecord({
          workspaceId,
          host: hostOf(request),
          runId,
          taskRunIds,
          now: Date.now(),
          creatorUserName: request.principal.userName,
          runName: run_name ?? 'Untitled',
          runType: 'SUBMIT_RUN',
          trigger: 'ONE_TIME',
          tasks: knownTasks,
          settings,
          ...(knownClusters ? { jobClusters: knownClusters } : {}),
          ...(idempotency_token !== undefined ? { idempotencyToken: idempotency_token } : {}),
        }),
      );
      const run = result.created ? result.run : idempotentAnswer(result, idempotency_token);
      return { run_id: run.run_id };
    },
  );

  app.get(
    '/runs/get',
    {
      schema: {
        tags: ['jobs'],
        summary: 'A run, with its tasks',
        hide: hidden ?? false,
        querystring: Type.Object({
          run_id: RunId,
          include_history: Type.Optional(Type.Boolean()),
          include_resolved_values: Type.Optional(Type.Boolean()),
          page_token: Type.Optional(Type.String()),
        }),
        response: { 200: Run },
      },
    },
    async (request) => toRunView((await findRun(services, request, request.query.run_id)).record),
  );

  app.get(
    '/runs/list',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Runs of the workspace or of a job, newest first',
        hide: hidden ?? false,
        querystring: ListQuery,
        response: {
          200: Type.Object({
            runs: Type.Optional(Type.Array(Run)),
            has_more: Type.Boolean(),
            next_page_token: Type.Optional(Type.String()),
            prev_page_token: Type.Optional(Type.String()),
          }),
        },
      },
    },
    async (request) => {
      const query = request.query;
      if (query.active_only && query.completed_only) {
        throw invalidParameter('active_only and completed_only cannot both be true');
      }
      const { workspaceId } = request.workspace;
      const limit = query.limit ?? 20;
      const start = query.page_token ? decodePageToken(query.page_token) : (query.offset ?? 0);
      const ids = await runs.listRunIds(workspaceId, {
        ...(query.job_id !== undefined ? { jobId: query.job_id } : {}),
        ...(query.active_only ? { activeOnly: true } : {}),
        ...(query.start_time_from !== undefined ? { startTimeFrom: query.start_time_from } : {}),
        ...(query.start_time_to !== undefined ? { startTimeTo: query.start_time_to } : {}),
      });
      // Without filters on the documents, only the page is read; with them, every candidate is.
      const filtered = Boolean(query.active_only || query.completed_only || query.run_type);
      let page: Awaited<ReturnType<typeof runs.getMany>>;
      let total: number;
      if (filtered) {
        const matching = (await runs.getMany(ids)).filter(({ record }) => {
          if (record.workspace_id !== workspaceId) return false;
          if (query.job_id !== undefined && record.job_id !== query.job_id) return false;
          if (query.run_type && record.run_type !== query.run_type) return false;
          if (query.active_only && !isActiveRun(record)) return false;
          if (query.completed_only && isActiveRun(record)) return false;
          return true;
        });
        total = matching.length;
        page = matching.slice(start, start + limit);
      } else {
        total = ids.length;
        page = await runs.getMany(ids.slice(start, start + limit));
      }
      const hasMore = start + limit < total;
      const views = page.map(({ record }) => toRunView(record, query.expand_tasks ?? false));
      return {
        ...(views.length > 0 ? { runs: views } : {}),
        has_more: hasMore,
        ...(hasMore ? { next_page_token: encodePageToken(start + limit) } : {}),
        ...(start > 0 ? { prev_page_token: encodePageToken(Math.max(0, start - limit)) } : {}),
      };
    },
  );

  app.post('/runs/cancel', { schema: schema('Cancel a run', RunIdBody, Empty) }, async (request) => {
    const { run_id } = request.body;
    await findRun(services, request, run_id);
    await cancelRun(services, request, run_id);
    return {};
  });

  app.post(
    '/runs/cancel-all',
    {
      schema: schema(
        'Cancel all active runs of a job, or all queued runs',
        Type.Object({ job_id: Type.Optional(JobId), all_queued_runs: Type.Optional(Type.Boolean()) }),
        Empty,
      ),
    },
    async (request) => {
      const { job_id, all_queued_runs } = request.body;
      if (job_id === undefined && !all_queued_runs) {
        throw invalidParameter('Either job_id or all_queued_runs must be given');
      }
      if (job_id !== undefined) findJob(services, request, job_id);
      await cancelRuns(services, request, {
        ...(job_id !== undefined ? { jobId: job_id } : {}),
        ...(all_queued_runs ? { queuedOnly: true } : {}),
      });
      return {};
    },
  );

  app.post('/runs/delete', { schema: schema('Delete a finished run', RunIdBody, Empty) }, async (request) => {
    const { run_id } = request.body;
    await findRun(services, request, run_id);
    await runs.delete(run_id, (run) => {
      if (isActiveRun(run)) {
        throw invalidState(
          `Run ${run_id} is ${run.state.life_cycle_state}; only finished runs can be deleted`,
        );
      }
    });
    return {};
  });

  app.get(
    '/runs/get-output',
    {
      schema: {
        tags: ['jobs'],
        summary: 'The output and metadata of a task run',
        hide: hidden ?? false,
        querystring: Type.Object({ run_id: RunId }),
        response: { 200: RunOutput },
      },
    },
    async (request) => {
      const { run_id } = request.query;
      const { run, taskIndex } = await findRunOrTaskRun(services, request, run_id);
      const { record } = run;
      if (taskIndex === undefined && record.tasks.length > 1) {
        throw invalidParameter(
          'Retrieving the output of runs with multiple tasks is not supported. Please retrieve the output of each individual task run instead.',
        );
      }
      const task = record.tasks[taskIndex ?? 0];
      if (!task) return { metadata: toRunView(record) };
      const written = await runs.output(task.run_id);
      const output = { ...pickOutput(task), ...(written ? pickOutput(written) : {}) };
      const metadata = taskIndex === undefined ? toRunView(record) : toTaskRunMetadata(record, task);
      return { metadata, ...output };
    },
  );
};
