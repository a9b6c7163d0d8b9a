import { triggerOf } from './job-summary';
import type { JobSettings } from './jobs-api';

/** A job's trigger in a few words: the cron schedule and whether it is paused. */
export function TriggerText({ settings }: { settings: JobSettings }) {
  const trigger = triggerOf(settings);
  return (
    <span>
      {trigger.kind}
      {trigger.detail && (
        <>
          {' '}
          <code>{trigger.detail}</code>
        </>
      )}
      {trigger.paused && <span className="badge tone-warn wf-paused">Paused</span>}
    </span>
  );
}
