import { get, post } from '../../rest/client';

/** MLflow's tracking API through the workspace host (the platform's MLflow server behind it). */

export interface Experiment {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage?: string;
  creation_time?: number;
  last_update_time?: number;
}

interface KeyValue {
  key: string;
  value: string;
}

interface Metric {
  key: string;
  value: number;
  step?: number;
}

export interface Run {
  info: {
    run_id: string;
    run_name?: string;
    status?: string;
    start_time?: number;
    end_time?: number;
    artifact_uri?: string;
  };
  data: { params?: KeyValue[]; metrics?: Metric[] };
}

/** Most recent first, as the Experiments page lists them. */
const PAGE_SIZE = 100;

export const experimentKeys = {
  list: ['experiments'] as const,
  one: (id: string) => ['experiments', id] as const,
  runs: (id: string) => ['experiments', id, 'runs'] as const,
};

export const searchExperiments = async () =>
  (
    await post<{ experiments?: Experiment[] }>('/api/2.0/mlflow/experiments/search', {
      max_results: PAGE_SIZE,
      order_by: ['last_update_time DESC'],
    })
  ).experiments ?? [];

export const getExperiment = async (id: string) =>
  (await get<{ experiment: Experiment }>('/api/2.0/mlflow/experiments/get', { experiment_id: id }))
    .experiment;

export const searchRuns = async (experimentId: string) =>
  (
    await post<{ runs?: Run[] }>('/api/2.0/mlflow/runs/search', {
      experiment_ids: [experimentId],
      max_results: PAGE_SIZE,
      order_by: ['attributes.start_time DESC'],
    })
  ).runs ?? [];
