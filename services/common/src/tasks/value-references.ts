/**
 * Dynamic value references in task parameters ('{{job.run_id}}', '{{job.parameters.day}}', ...),
 * resolved from what the runtime knows. References it cannot resolve are left as written, so a
 * scheduler that resolves them first and this pass compose.
 */
export interface ValueReferenceScope {
  workspaceId: string;
  runId: string;
  taskRunId: string;
  jobParameters: Readonly<Record<string, string>>;
}

export function resolveValueReferences(text: string, scope: ValueReferenceScope): string {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => {
    if (name === 'job.run_id' || name === 'parent_run_id') return scope.runId;
    if (name === 'task.run_id' || name === 'run_id') return scope.taskRunId;
    if (name === 'workspace.id') return scope.workspaceId;
    if (name.startsWith('job.parameters.')) {
      const key = name.slice('job.parameters.'.length);
      return Object.hasOwn(scope.jobParameters, key) ? (scope.jobParameters[key] ?? whole) : whole;
    }
    return whole;
  });
}
