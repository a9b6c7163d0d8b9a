import { get, post } from '../../rest/client';

/** The Command Execution API 1.2 (databricks-sdk compute.py CommandExecutionAPI): code on a running cluster. */

export interface CommandResults {
  resultType?: 'error' | 'image' | 'images' | 'table' | 'text';
  data?: unknown;
  schema?: { name?: string; type?: string }[];
  truncated?: boolean;
  summary?: string;
  cause?: string;
}

export interface CommandStatus {
  id: string;
  status: 'Queued' | 'Running' | 'Cancelling' | 'Finished' | 'Cancelled' | 'Error';
  results?: CommandResults;
}

export interface Cluster {
  cluster_id: string;
  cluster_name: string;
  state: string;
}

export const listRunningClusters = async () =>
  ((await get<{ clusters?: Cluster[] }>('/api/2.1/clusters/list')).clusters ?? []).filter(
    (cluster) => cluster.state === 'RUNNING',
  );

export const createContext = (clusterId: string, language: string) =>
  post<{ id: string }>('/api/1.2/contexts/create', { clusterId, language });

export const contextStatus = (clusterId: string, contextId: string) =>
  get<{ id: string; status: 'Pending' | 'Running' | 'Error' }>('/api/1.2/contexts/status', {
    clusterId,
    contextId,
  });

export const destroyContext = (clusterId: string, contextId: string) =>
  post<{ id: string }>('/api/1.2/contexts/destroy', { clusterId, contextId });

export const executeCommand = (clusterId: string, contextId: string, language: string, command: string) =>
  post<{ id: string }>('/api/1.2/commands/execute', { clusterId, contextId, language, command });

export const commandStatus = (clusterId: string, contextId: string, commandId: string) =>
  get<CommandStatus>('/api/1.2/commands/status', { clusterId, contextId, commandId });
