import { formatDuration, formatTime } from '../../ui/format';
import type { Job } from './jobs-api';
import { TriggerText } from './trigger-text';

/** The job's schedule and the settings that shape its runs. */
export function JobSettingsCard({ job }: { job: Job }) {
  const { settings } = job;
  const parameters = settings.parameters ?? [];
  const tags = Object.entries(settings.tags ?? {});
  return (
    <section className="card" aria-labelledby="job-settings-title">
      <h2 id="job-settings-title">Schedule and settings</h2>
      <dl className="facts">
        <dt>Trigger</dt>
        <dd>
          <TriggerText settings={settings} />
        </dd>
        <dt>Job ID</dt>
        <dd className="mono">{job.job_id}</dd>
        <dt>Created by</dt>
        <dd>{job.creator_user_name ?? '—'}</dd>
        <dt>Run as</dt>
        <dd>{job.run_as_user_name ?? '—'}</dd>
        <dt>Created</dt>
        <dd>{formatTime(job.created_time)}</dd>
        <dt>Maximum concurrent runs</dt>
        <dd>{settings.max_concurrent_runs ?? 1}</dd>
        <dt>Timeout</dt>
        <dd>{settings.timeout_seconds ? formatDuration(settings.timeout_seconds * 1000) : 'None'}</dd>
        <dt>Queue</dt>
        <dd>{settings.queue?.enabled === false ? 'Disabled' : 'Enabled'}</dd>
        <dt>Job parameters</dt>
        <dd>
          {parameters.length === 0
            ? 'None'
            : parameters.map((p) => (
                <code key={p.name} className="wf-chip">
                  {p.name}={p.default}
                </code>
              ))}
        </dd>
        {tags.length > 0 && (
          <>
            <dt>Tags</dt>
            <dd>
              {tags.map(([key, value]) => (
                <code key={key} className="wf-chip">
                  {value ? `${key}: ${value}` : key}
                </code>
              ))}
            </dd>
          </>
        )}
        {settings.description && (
          <>
            <dt>Description</dt>
            <dd>{settings.description}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
