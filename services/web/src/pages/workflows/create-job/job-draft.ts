/**
 * The "Create job" form's fields and the Jobs API settings they become: one notebook task on an
 * existing all-purpose cluster or on a new job cluster, as the quickstart has it.
 */
export interface JobDraft {
  name: string;
  taskKey: string;
  notebookPath: string;
  compute: 'existing' | 'new';
  existingClusterId: string;
  sparkVersion: string;
  nodeTypeId: string;
  numWorkers: number;
  /** `key=value` per line: the notebook's widgets (base_parameters). */
  parameters: string;
}

export function emptyDraft(notebookPath = ''): JobDraft {
  const name = notebookPath.split('/').filter(Boolean).at(-1) ?? '';
  return {
    name,
    taskKey: 'main',
    notebookPath,
    compute: 'new',
    existingClusterId: '',
    sparkVersion: '',
    nodeTypeId: '',
    numWorkers: 0,
    parameters: '',
  };
}

/** `key=value` lines into a map; a line without `=` is an error that names it. */
export function parseParameters(text: string): Record<string, string> {
  const parameters: Record<string, string> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const equals = line.indexOf('=');
    if (equals <= 0) throw new Error(`Parameter line ${index + 1} is not key=value: ${line}`);
    parameters[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  return parameters;
}

const JOB_CLUSTER_KEY = 'job_cluster';

/** The body of POST /api/2.2/jobs/create; the API validates the rest and its messages are shown. */
export function jobSettingsOf(draft: JobDraft): Record<string, unknown> {
  const baseParameters = parseParameters(draft.parameters);
  const task: Record<string, unknown> = {
    task_key: draft.taskKey.trim(),
    notebook_task: {
      notebook_path: draft.notebookPath.trim(),
      source: 'WORKSPACE',
      ...(Object.keys(baseParameters).length ? { base_parameters: baseParameters } : {}),
    },
  };
  if (draft.compute === 'existing') {
    return { name: draft.name.trim(), tasks: [{ ...task, existing_cluster_id: draft.existingClusterId }] };
  }
  return {
    name: draft.name.trim(),
    job_clusters: [
      {
        job_cluster_key: JOB_CLUSTER_KEY,
        new_cluster: {
          spark_version: draft.sparkVersion,
          node_type_id: draft.nodeTypeId,
          num_workers: draft.numWorkers,
        },
      },
    ],
    tasks: [{ ...task, job_cluster_key: JOB_CLUSTER_KEY }],
  };
}
