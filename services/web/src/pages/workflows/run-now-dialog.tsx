import { type FormEvent, useState } from 'react';
import { ModalDialog } from '../../ui/dialog';
import { ErrorNotice } from '../../ui/states';
import { parseParameters } from './create-job/job-draft';
import type { Job, RunNowRequest } from './jobs-api';

/**
 * "Run now with different parameters": the job's parameters with their defaults to change, or,
 * for a job without any, notebook parameters (`key=value` lines) for its notebook tasks.
 */
export function RunNowDialog({
  job,
  busy,
  error,
  onRun,
  onClose,
}: {
  job: Job;
  busy: boolean;
  error: unknown;
  onRun: (request: RunNowRequest) => void;
  onClose: () => void;
}) {
  const definitions = job.settings.parameters ?? [];
  const [values, setValues] = useState(() => Object.fromEntries(definitions.map((p) => [p.name, p.default])));
  const [notebookParams, setNotebookParams] = useState('');
  const [formError, setFormError] = useState<unknown>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(undefined);
    if (definitions.length > 0) return onRun({ job_id: job.job_id, job_parameters: values });
    try {
      const params = parseParameters(notebookParams);
      onRun({ job_id: job.job_id, ...(Object.keys(params).length ? { notebook_params: params } : {}) });
    } catch (failure) {
      setFormError(failure);
    }
  };

  return (
    <ModalDialog title="Run now with different parameters" onClose={onClose}>
      <form className="stack" onSubmit={submit}>
        {definitions.length > 0 ? (
          <fieldset className="stack wf-fieldset">
            <legend>Job parameters</legend>
            {definitions.map((definition) => (
              <div className="field" key={definition.name}>
                <label htmlFor={`job-parameter-${definition.name}`}>{definition.name}</label>
                <input
                  id={`job-parameter-${definition.name}`}
                  value={values[definition.name] ?? ''}
                  onChange={(event) => setValues({ ...values, [definition.name]: event.target.value })}
                />
              </div>
            ))}
          </fieldset>
        ) : (
          <div className="field">
            <label htmlFor="notebook-params">Notebook parameters</label>
            <textarea
              id="notebook-params"
              rows={4}
              value={notebookParams}
              placeholder="key=value, one per line"
              onChange={(event) => setNotebookParams(event.target.value)}
            />
            <span className="hint">
              Set the notebooks' widgets of this run; the job itself does not change.
            </span>
          </div>
        )}
        {formError !== undefined && <ErrorNotice error={formError} />}
        {Boolean(error) && <ErrorNotice error={error} />}
        <div className="row dialog-actions">
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={busy}>
            {busy ? 'Starting…' : 'Run'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
