import { startSteps } from './cluster-state';
import type { ClusterDetails } from './clusters-api';

/** A cluster on its way up (or down): the steps so far, and the operator's own words. */
export function StartProgress({ cluster }: { cluster: ClusterDetails }) {
  const stopping = cluster.state === 'TERMINATING';
  const steps = stopping ? [] : startSteps(cluster);
  const done = steps.filter((step) => step.done).length;
  const current = steps.find((step) => !step.done);
  return (
    <section className="card start-progress" aria-labelledby="start-progress-title">
      <h2 id="start-progress-title">{stopping ? 'Terminating' : 'Starting'}</h2>
      {/* Without a value the bar is indeterminate: terminating has no steps to count. */}
      <progress
        aria-labelledby="start-progress-title"
        max={steps.length || undefined}
        value={stopping ? undefined : done}
      />
      {steps.length > 0 && (
        <ol className="start-steps">
          {steps.map((step) => (
            <li
              key={step.label}
              className={step.done ? 'done' : undefined}
              aria-current={step === current ? 'step' : undefined}
            >
              {step.done ? '✓ ' : ''}
              {step.label}
            </li>
          ))}
        </ol>
      )}
      {cluster.state_message && <p className="compute-subtle">{cluster.state_message}</p>}
    </section>
  );
}
