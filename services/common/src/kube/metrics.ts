import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Outcome of one reconcile, the `result` label of brickyard_operator_reconcile_total. */
export type ReconcileOutcome = 'success' | 'requeue_after' | 'conflict' | 'error';

/**
 * The controller-runtime metrics, one set per registry shared by every controller (labelled by
 * controller): the rows a "Controller Runtime" dashboard graphs (rate, errors, latency, depth).
 */
export interface ControllerMetrics {
  reconcileTotal: Counter<'controller' | 'result'>;
  reconcileErrors: Counter<'controller'>;
  reconcileDuration: Histogram<'controller'>;
  queueDepth: Gauge<'controller'>;
}

export function createControllerMetrics(registry: Registry): ControllerMetrics {
  const registers = [registry];
  return {
    reconcileTotal: new Counter({
      name: 'brickyard_operator_reconcile_total',
      help: 'Reconciles by controller and result (success, requeue_after, conflict, error)',
      labelNames: ['controller', 'result'],
      registers,
    }),
    reconcileErrors: new Counter({
      name: 'brickyard_operator_reconcile_errors_total',
      help: 'Reconciles that failed and were requeued with backoff',
      labelNames: ['controller'],
      registers,
    }),
    reconcileDuration: new Histogram({
      name: 'brickyard_operator_reconcile_duration_seconds',
      help: 'Time spent in one reconcile',
      labelNames: ['controller'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    queueDepth: new Gauge({
      name: 'brickyard_operator_queue_depth',
      help: 'Keys waiting for a worker',
      labelNames: ['controller'],
      registers,
    }),
  };
}
