import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useCallback, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { get, post } from '../../../rest/client';
import { Page } from '../../../ui/page';
import { ErrorNotice } from '../../../ui/states';
import { ComputeFields } from './compute-fields';
import { emptyDraft, type JobDraft, jobSettingsOf } from './job-draft';

/**
 * Create job (/workflows/create?notebook=<path>): one notebook task, as the quickstart runs a
 * notebook it imported; the job's page then has Run now.
 */
export function CreateJobPage() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<JobDraft>(() => emptyDraft(search.get('notebook') ?? ''));
  const change = useCallback(
    (patch: Partial<JobDraft>) => setDraft((current) => ({ ...current, ...patch })),
    [],
  );
  const create = useMutation({
    mutationFn: async () => post<{ job_id: number }>('/api/2.2/jobs/create', jobSettingsOf(draft)),
    onSuccess: ({ job_id }) => navigate(`/workflows/jobs/${job_id}`),
  });
  const me = useQuery({
    queryKey: ['me'],
    queryFn: () => get<{ userName: string }>('/api/2.0/preview/scim/v2/Me'),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <Page title="Create job" crumbs={[{ label: 'Workflows', to: '/workflows' }]}>
      <form className="stack card" onSubmit={submit}>
        <div className="field">
          <label htmlFor="job-name">Job name</label>
          <input
            id="job-name"
            value={draft.name}
            onChange={(e) => change({ name: e.target.value })}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="task-key">Task name</label>
          <input
            id="task-key"
            value={draft.taskKey}
            onChange={(e) => change({ taskKey: e.target.value })}
            required
          />
        </div>
        <div className="field">
          <label htmlFor="notebook-path">Notebook path</label>
          <input
            id="notebook-path"
            value={draft.notebookPath}
            placeholder={me.data ? `/Users/${me.data.userName}/My notebook` : '/Users/…/My notebook'}
            onChange={(e) => change({ notebookPath: e.target.value })}
            required
          />
          <span className="hint">A notebook in the workspace, such as one you imported.</span>
        </div>
        <ComputeFields draft={draft} change={change} />
        <div className="field">
          <label htmlFor="parameters">Parameters</label>
          <textarea
            id="parameters"
            rows={3}
            value={draft.parameters}
            placeholder="key=value, one per line"
            onChange={(e) => change({ parameters: e.target.value })}
          />
        </div>
        {create.error && <ErrorNotice error={create.error} />}
        <div>
          <button className="btn primary" type="submit" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create'}
          </button>
        </div>
      </form>
    </Page>
  );
}
