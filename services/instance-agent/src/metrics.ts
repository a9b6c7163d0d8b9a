import { Counter, Gauge, type Registry } from 'prom-client';
import type { PodPhase } from './pods/pod-status.js';

export interface AgentMetrics {
  containerRestarts: Counter;
  processStarts: Counter;
  statusWrites: Counter<'result'>;
}

const PHASES: readonly PodPhase[] = ['Pending', 'Running', 'Succeeded', 'Failed'];

/** The agent's metrics; the pod gauge is read from `podPhases` at each scrape. */
export function createAgentMetrics(registry: Registry, podPhases: () => Iterable<PodPhase>): AgentMetrics {
  const registers = [registry];
  new Gauge({
    name: 'brickyard_agent_pods',
    help: 'Pods bound to the Nodes of this instance agent, by phase',
    labelNames: ['phase'],
    registers,
    collect() {
      const counts = new Map<PodPhase, number>(PHASES.map((phase) => [phase, 0]));
      for (const phase of podPhases()) counts.set(phase, (counts.get(phase) ?? 0) + 1);
      for (const [phase, count] of counts) this.set({ phase }, count);
    },
  });
  return {
    containerRestarts: new Counter({
      name: 'brickyard_agent_container_restarts_total',
      help: 'Containers started again after their process exited (restartCount increments)',
      registers,
    }),
    processStarts: new Counter({
      name: 'brickyard_agent_process_starts_total',
      help: 'Container processes started',
      registers,
    }),
    statusWrites: new Counter({
      name: 'brickyard_agent_pod_status_writes_total',
      help: 'Writes of pod status through the pods/status subresource, by result',
      labelNames: ['result'],
      registers,
    }),
  };
}
