import { isActiveRun, RUN_TYPES, type RunRecord, type RunStore } from '@brickyard/common/runs';
import { StringEnum } from '@brickyard/common/schema';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { invalidParameter, invalidState } from '../../errors/databricks-error.js';
import type { ApiServices, RouteOptions } from '../../services.js';
import { decodePageToken, offsetPageTokens } from '../paging.js';
import { findJob, JobId } from './job-view.js';
import { jobsGetSchema, jobsPostSchema } from './route-schema.js';
import { canAccessRun, cancelRun, cancelRuns, findRun, findRunOrTaskRun } from './run-actions.js';
import { pickOutput, Run, RunOutput, toRunView, toTaskRunMetadata } from './run-view.js';
import { sqlOutputOf } from './sql-output.js';

const Empty = Type.Object({});
const RunId = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const RunIdBody = Type.Object({ run_id: RunId });

const GetQuery = Type.Object({
  run_id: RunId,
  include_history: Type.Optional(Type.Boolean()),
  include_resolved_values: Type.Optional(Type.Boolean()),
  page_token: Type.Optional(Type.String()),
});

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

const ListResponse = Type.Object({
  runs: Type.Optional(Type.Array(Run)),
  has_more: Type.Boolean(),
  next_page_token: Type.Optional(Type.String()),
  prev_page_token: Type.Optional(Type.String()),
});

const CancelAllBody = Type.Object({
  job_id: Type.Optional(JobId),
  all_queued_runs: Type.Optional(Type.Boolean()),
});

/** The runs endpoints besides starting one: runs live in Redis (the run store). */
export const runsRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services, hidden }) => {
  const { runs } = services;
  const schema = <B extends object, R extends object>(summary: string, body: B, response: R) =>
    jobsPostSchema(hidden, summary, body, response);

  app.get(
    '/runs/get',
    { schema: jobsGetSchema(hidden, 'A run, with its tasks', GetQuery, Run) },
    async (request) => toRunView((await findRun(services, request, request.query.run_id, 'CAN_VIEW')).record),
  );

  app.get(
    '/runs/list',
    {
      schema: jobsGetSchema(
        hidden,
        'Runs of the workspace or of a job, newest first',
        ListQuery,
        ListResponse,
      ),
    },
    async (request) => {
      const { job_id } = request.query;
      if (job_id !== undefined) findJob(services, request, job_id, 'CAN_VIEW');
      // An admin sees every run; anyone else the runs of jobs they may view, and their own.
      const visible = request.principal.isAdmin
        ? undefined
        : (record: RunRecord) => canAccessRun(services, request, record, 'CAN_VIEW');
      return listRuns(runs, request.workspace.workspaceId, request.query, visible);
    },
  );

  app.post('/runs/cancel', { schema: schema('Cancel a run', RunIdBody, Empty) }, async (request) => {
    const { run_id } = request.body;
    await findRun(services, request, run_id, 'CAN_MANAGE_RUN');
    await cancelRun(services, request, run_id);
    return {};
  });

  app.post(
    '/runs/cancel-all',
    { schema: schema('Cancel all active runs of a job, or all queued runs', CancelAllBody, Empty) },
    async (request) => {
      const { job_id, all_queued_runs } = request.body;
      if (job_id === undefined && !all_queued_runs) {
        throw invalidParameter('Either job_id or all_queued_runs must be given');
      }
      if (job_id !== undefined) findJob(services, request, job_id, 'CAN_MANAGE_RUN');
      await cancelRuns(services, request, {
        ...(job_id !== undefined ? { jobId: job_id } : {}),
        ...(all_queued_runs ? { queuedOnly: true } : {}),
      });
      return {};
    },
  );

  app.post('/runs/delete', { schema: schema('Delete a finished run', RunIdBody, Empty) }, async (request) => {
    const { run_id } = request.body;
    await findRun(services, request, run_id, 'CAN_MANAGE_RUN');
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
      schema: jobsGetSchema(
        hidden,
        'The output and metadata of a task run',
        Type.Object({ run_id: RunId }),
        RunOutput,
      ),
    },
    async (request) =>
      runOutput(
        services,
        request.workspace.namespace,
        await findRunOrTaskRun(services, request, request.query.run_id),
      ),
  );
};

/**
 * The output of a task run with the metadata of its run, or of a run of one task; the output the
 * worker wrote separately overrides what the run record holds.
 */
async function runOutput(
  services: ApiServices,
  namespace: string,
  { run, taskIndex }: Awaited<ReturnType<typeof findRunOrTaskRun>>,
) {
  const { runs } = services;
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
  const queryId = task.sql_task?.query?.query_id;
  const query = typeof queryId === 'string' ? services.queries.get(namespace, queryId) : undefined;
  const sqlOutput = sqlOutputOf(task, query?.spec.queryText);
  if (sqlOutput && !output.sql_output) output.sql_output = sqlOutput;
  const metadata = taskIndex === undefined ? toRunView(record) : toTaskRunMetadata(record, task);
  return { metadata, ...output };
}

/**
 * A page of the workspace's runs, newest first. Without filters on the documents only the page is
 * read; with them (active or completed only, a run type), every candidate is.
 */
async function listRuns(
  runs: RunStore,
  workspaceId: number,
  query: Static<typeof ListQuery>,
  visible: ((record: RunRecord) => boolean) | undefined,
) {
  if (query.active_only && query.completed_only) {
    throw invalidParameter('active_only and completed_only cannot both be true');
  }
  const limit = query.limit ?? 20;
  const start = query.page_token ? decodePageToken(query.page_token) : (query.offset ?? 0);
  const ids = await runs.listRunIds(workspaceId, {
    ...(query.job_id !== undefined ? { jobId: query.job_id } : {}),
    ...(query.active_only ? { activeOnly: true } : {}),
    ...(query.start_time_from !== undefined ? { startTimeFrom: query.start_time_from } : {}),
    ...(query.start_time_to !== undefined ? { startTimeTo: query.start_time_to } : {}),
  });
  const filtered = Boolean(query.active_only || query.completed_only || query.run_type || visible);
  let page: Awaited<ReturnType<typeof runs.getMany>>;
  let total: number;
  if (filtered) {
    const matching = (await runs.getMany(ids)).filter(({ record }) => {
      if (record.workspace_id !== workspaceId) return false;
      if (query.job_id !== undefined && record.job_id !== query.job_id) return false;
      if (query.run_type && record.run_type !== query.run_type) return false;
      if (query.active_only && !isActiveRun(record)) return false;
      if (query.completed_only && isActiveRun(record)) return false;
      return visible?.(record) ?? true;
    });
    total = matching.length;
    page = matching.slice(start, start + limit);
  } else {
    total = ids.length;
    page = await runs.getMany(ids.slice(start, start + limit));
  }
  const views = page.map(({ record }) => toRunView(record, query.expand_tasks ?? false));
  return { ...(views.length > 0 ? { runs: views } : {}), ...offsetPageTokens(start, limit, total) };
}
