import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The scheduler's Prometheus metrics (brickyard_scheduler_*). */
export interface SchedulerMetrics {
  leader: Gauge;
  runsClaimed: Counter;
  runsFinished: Counter<'result'>;
  runDuration: Histogram<'result'>;
  runs: Gauge<'state'>;
  clusterQueueDepth: Gauge<'cluster_id'>;
  runsSkipped: Counter;
  tasksDispatched: Counter;
  taskStartLatency: Histogram;
  reconciles: Counter<'result'>;
  reconcileDuration: Histogram;
  queueDepth: Gauge;
  activeRuns: Gauge;
  periodicRuns: Counter<'result'>;
  schedules: Gauge;
}

/**
 * Results exported at zero from the start: Prometheus takes a series' first sample as its start,
 * so a run that finished as its series appeared would be missing from increase() and rate().
 */
const COMMON_RESULTS = ['SUCCESS', 'FAILED', 'TIMEDOUT', 'CANCELED', 'INTERNAL_ERROR'] as const;

export function createSchedulerMetrics(registry: Registry): SchedulerMetrics {
  const metrics = schedulerMetrics(registry);
  for (const result of COMMON_RESULTS) {
    metrics.runsFinished.inc({ result }, 0);
    metrics.runDuration.zero({ result });
  }
  return metrics;
}

function schedulerMetrics(registry: Registry): SchedulerMetrics {
  const registers = [registry];
  // In this order: the registry exports metrics in the order they were created.
  return {
    ...runMetrics(registers),
    ...taskMetrics(registers),
    ...reconcileMetrics(registers),
    ...scheduleMetrics(registers),
  };
}

/** Runs: leadership, claims, results and durations, and the cluster queues they wait in. */
function runMetrics(
  registers: Registry[],
): Pick<
  SchedulerMetrics,
  'leader' | 'runsClaimed' | 'runsFinished' | 'runDuration' | 'runs' | 'clusterQueueDepth' | 'runsSkipped'
> {
  return {
    leader: new Gauge({
      name: 'brickyard_scheduler_leader',
      help: '1 while this scheduler holds the lead',
      registers,
    }),
    runsClaimed: new Counter({
      name: 'brickyard_scheduler_runs_claimed_total',
      help: 'Runs taken out of the queue',
      registers,
    }),
    runsFinished: new Counter({
      name: 'brickyard_scheduler_runs_finished_total',
      help: 'Runs that reached a terminal state, by result',
      labelNames: ['result'],
      registers,
    }),
    runDuration: new Histogram({
      name: 'brickyard_scheduler_run_duration_seconds',
      help: 'From a run starting to it reaching a terminal state, by result',
      labelNames: ['result'],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600],
      registers,
    }),
    runs: new Gauge({
      name: 'brickyard_scheduler_runs',
      help: 'Runs not finished, by life cycle state (queued ones and those this scheduler follows)',
      labelNames: ['state'],
      registers,
    }),
    clusterQueueDepth: new Gauge({
      name: 'brickyard_scheduler_cluster_queue_depth',
      help: "Task attempts waiting in each open cluster's queue",
      labelNames: ['cluster_id'],
      registers,
    }),
    runsSkipped: new Counter({
      name: 'brickyard_scheduler_runs_skipped_total',
      help: 'Runs skipped because their job was at max_concurrent_runs',
      registers,
    }),
  };
}

/** Task attempts: dispatched, and how long they waited for a consumer. */
function taskMetrics(registers: Registry[]): Pick<SchedulerMetrics, 'tasksDispatched' | 'taskStartLatency'> {
  return {
    tasksDispatched: new Counter({
      name: 'brickyard_scheduler_tasks_dispatched_total',
      help: 'Task attempts added to a cluster queue',
      registers,
    }),
    taskStartLatency: new Histogram({
      name: 'brickyard_scheduler_task_start_latency_seconds',
      help: 'From a task being ready (dependencies met) to a consumer starting it',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
  };
}

/** The run loop: looks at runs, their duration, and the runs waiting for one. */
function reconcileMetrics(
  registers: Registry[],
): Pick<SchedulerMetrics, 'reconciles' | 'reconcileDuration' | 'queueDepth' | 'activeRuns'> {
  return {
    reconciles: new Counter({
      name: 'brickyard_scheduler_reconcile_total',
      help: 'Looks at a run, by result (success, conflict, error)',
      labelNames: ['result'],
      registers,
    }),
    reconcileDuration: new Histogram({
      name: 'brickyard_scheduler_reconcile_duration_seconds',
      help: 'Time spent in one look at a run',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'brickyard_scheduler_queue_depth',
      help: 'Runs waiting for a reconcile worker',
      registers,
    }),
    activeRuns: new Gauge({
      name: 'brickyard_scheduler_active_runs',
      help: 'Runs past QUEUED and not finished that this scheduler follows',
      registers,
    }),
  };
}

/** Job schedules and the runs they start. */
function scheduleMetrics(registers: Registry[]): Pick<SchedulerMetrics, 'periodicRuns' | 'schedules'> {
  return {
    periodicRuns: new Counter({
      name: 'brickyard_scheduler_periodic_runs_total',
      help: 'Runs started by job schedules, by result (created, duplicate, skipped)',
      labelNames: ['result'],
      registers,
    }),
    schedules: new Gauge({
      name: 'brickyard_scheduler_schedules',
      help: 'Job schedules (BullMQ job schedulers) in place',
      registers,
    }),
  };
}
