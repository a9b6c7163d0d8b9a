import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ErrorNotice } from '../../ui/states';
import { attributesOf, type ClusterFormValues } from './cluster-form-values';
import type { ClusterAttributes, NodeType, SparkVersion } from './clusters-api';

function nodeTypeLabel(type: NodeType): string {
  return `${type.node_type_id} (${Math.round(type.memory_mb / 1024)} GB, ${type.num_cores} cores)`;
}

/**
 * The compute form of create and edit, in the words of Databricks' own: the API checks what is
 * sent and its message is shown as it is; only text that cannot be sent is refused here.
 */
export function ClusterForm({
  initial,
  base,
  versions,
  nodeTypes,
  submitLabel,
  pending,
  error,
  cancelTo,
  onSubmit,
}: {
  initial: ClusterFormValues;
  /** The spec being edited, whose attributes the form does not show are sent again. */
  base?: ClusterAttributes;
  versions: SparkVersion[];
  nodeTypes: NodeType[];
  submitLabel: string;
  pending: boolean;
  error: unknown;
  cancelTo: string;
  onSubmit: (attributes: ClusterAttributes) => void;
}) {
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<string[]>([]);
  const set = <K extends keyof ClusterFormValues>(key: K, value: ClusterFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const outcome = attributesOf(values, base);
    setProblems(outcome.problems);
    if (outcome.problems.length === 0) onSubmit(outcome.attributes);
  };

  return (
    <form className="stack compute-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="cluster-name">Compute name</label>
        <input
          id="cluster-name"
          value={values.clusterName}
          maxLength={100}
          onChange={(event) => set('clusterName', event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="cluster-runtime">Databricks runtime version</label>
        <select
          id="cluster-runtime"
          value={values.sparkVersion}
          onChange={(event) => set('sparkVersion', event.target.value)}
        >
          {versions.map((version) => (
            <option key={version.key} value={version.key}>
              {version.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="compute-fieldset">
        <legend>Size and node types</legend>
        <div className="field">
          <label htmlFor="cluster-worker-type">Worker type</label>
          <select
            id="cluster-worker-type"
            value={values.nodeTypeId}
            onChange={(event) => set('nodeTypeId', event.target.value)}
          >
            {nodeTypes.map((type) => (
              <option key={type.node_type_id} value={type.node_type_id}>
                {nodeTypeLabel(type)}
              </option>
            ))}
          </select>
        </div>
        <div className="field inline">
          <input
            id="cluster-autoscale"
            type="checkbox"
            checked={values.autoscale}
            onChange={(event) => set('autoscale', event.target.checked)}
          />
          <label htmlFor="cluster-autoscale">Enable autoscaling</label>
        </div>
        {values.autoscale ? (
          <div className="row">
            <div className="field">
              <label htmlFor="cluster-min-workers">Min workers</label>
              <input
                id="cluster-min-workers"
                type="number"
                min={0}
                step={1}
                value={values.minWorkers}
                onChange={(event) => set('minWorkers', event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="cluster-max-workers">Max workers</label>
              <input
                id="cluster-max-workers"
                type="number"
                min={0}
                step={1}
                value={values.maxWorkers}
                onChange={(event) => set('maxWorkers', event.target.value)}
              />
            </div>
          </div>
        ) : (
          <div className="field">
            <label htmlFor="cluster-workers">Workers</label>
            <input
              id="cluster-workers"
              type="number"
              min={0}
              step={1}
              value={values.numWorkers}
              aria-describedby="cluster-workers-hint"
              onChange={(event) => set('numWorkers', event.target.value)}
            />
            <span className="hint" id="cluster-workers-hint">
              0 runs single node: Spark on the driver alone.
            </span>
          </div>
        )}
        <div className="field">
          <label htmlFor="cluster-driver-type">Driver type</label>
          <select
            id="cluster-driver-type"
            value={values.driverNodeTypeId}
            onChange={(event) => set('driverNodeTypeId', event.target.value)}
          >
            <option value="">Same as worker</option>
            {nodeTypes.map((type) => (
              <option key={type.node_type_id} value={type.node_type_id}>
                {nodeTypeLabel(type)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="cluster-autotermination">Terminate after minutes of inactivity</label>
        <input
          id="cluster-autotermination"
          type="number"
          min={0}
          step={1}
          value={values.autoterminationMinutes}
          aria-describedby="cluster-autotermination-hint"
          onChange={(event) => set('autoterminationMinutes', event.target.value)}
        />
        <span className="hint" id="cluster-autotermination-hint">
          0 never terminates; otherwise 10 to 10000 minutes.
        </span>
      </div>
      <details open={Boolean(initial.sparkConf || initial.customTags)}>
        <summary>Advanced options</summary>
        <div className="stack">
          <div className="field">
            <label htmlFor="cluster-spark-conf">Spark config</label>
            <textarea
              id="cluster-spark-conf"
              rows={4}
              value={values.sparkConf}
              aria-describedby="cluster-spark-conf-hint"
              onChange={(event) => set('sparkConf', event.target.value)}
            />
            <span className="hint" id="cluster-spark-conf-hint">
              One property a line: <code>spark.sql.shuffle.partitions 8</code>
            </span>
          </div>
          <div className="field">
            <label htmlFor="cluster-tags">Tags</label>
            <textarea
              id="cluster-tags"
              rows={3}
              value={values.customTags}
              aria-describedby="cluster-tags-hint"
              onChange={(event) => set('customTags', event.target.value)}
            />
            <span className="hint" id="cluster-tags-hint">
              One tag a line: <code>team=data</code>
            </span>
          </div>
        </div>
      </details>
      {problems.length > 0 && (
        <div className="notice error" role="alert">
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {error ? <ErrorNotice error={error} /> : null}
      <div className="row">
        <button type="submit" className="btn primary" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
        <Link className="btn" to={cancelTo}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
