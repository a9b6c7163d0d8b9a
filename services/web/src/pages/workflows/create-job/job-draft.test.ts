import { describe, expect, it } from 'vitest';
import { emptyDraft, jobSettingsOf, parseParameters } from './job-draft';

describe('the create-job form', () => {
  it('names the job after the notebook it starts from', () => {
    expect(emptyDraft('/Users/me@x.com/Quickstart').name).toBe('Quickstart');
    expect(emptyDraft().name).toBe('');
  });

  it('reads key=value lines, skipping blank ones, and names a line that is not one', () => {
    expect(parseParameters('a=1\n\n b = two words \nurl=x=y')).toEqual({
      a: '1',
      b: 'two words',
      url: 'x=y',
    });
    expect(() => parseParameters('a=1\noops')).toThrow('Parameter line 2 is not key=value: oops');
  });

  it('runs the notebook on a new job cluster', () => {
    const draft = { ...emptyDraft('/Shared/nb'), sparkVersion: '19.3.x-scala2.13', nodeTypeId: 'i3.xlarge' };
    expect(jobSettingsOf({ ...draft, parameters: 'day=mon' })).toEqual({
      name: 'nb',
      job_clusters: [
        {
          job_cluster_key: 'job_cluster',
          new_cluster: { spark_version: '19.3.x-scala2.13', node_type_id: 'i3.xlarge', num_workers: 0 },
        },
      ],
      tasks: [
        {
          task_key: 'main',
          job_cluster_key: 'job_cluster',
          notebook_task: {
            notebook_path: '/Shared/nb',
            source: 'WORKSPACE',
            base_parameters: { day: 'mon' },
          },
        },
      ],
    });
  });

  it('runs the notebook on an existing cluster', () => {
    const draft = { ...emptyDraft('/Shared/nb'), compute: 'existing' as const, existingClusterId: 'c-1' };
    expect(jobSettingsOf(draft)).toEqual({
      name: 'nb',
      tasks: [
        {
          task_key: 'main',
          existing_cluster_id: 'c-1',
          notebook_task: { notebook_path: '/Shared/nb', source: 'WORKSPACE' },
        },
      ],
    });
  });
});
