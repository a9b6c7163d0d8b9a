import type { ClusterAttributes, NodeType, SparkVersion } from './clusters-api';
import { formatKeyValueLines, parseKeyValueLines } from './key-value-lines';

/** The compute form as typed: text for every field, turned into cluster attributes on submit. */
export interface ClusterFormValues {
  clusterName: string;
  sparkVersion: string;
  nodeTypeId: string;
  /** Empty: the driver is of the worker type. */
  driverNodeTypeId: string;
  autoscale: boolean;
  numWorkers: string;
  minWorkers: string;
  maxWorkers: string;
  autoterminationMinutes: string;
  sparkConf: string;
  customTags: string;
}

/** Databricks' defaults for new compute: the newest non-ML runtime, the smallest node, 120 min. */
export function newClusterValues(
  userName: string,
  versions: SparkVersion[],
  nodeTypes: NodeType[],
): ClusterFormValues {
  const runtime = versions.find((version) => !version.key.includes('-ml-')) ?? versions[0];
  const smallest = [...nodeTypes].sort((a, b) => a.memory_mb - b.memory_mb || a.num_cores - b.num_cores)[0];
  return {
    clusterName: `${userName.split('@')[0]}'s Cluster`,
    sparkVersion: runtime?.key ?? '',
    nodeTypeId: smallest?.node_type_id ?? '',
    driverNodeTypeId: '',
    autoscale: false,
    numWorkers: '1',
    minWorkers: '1',
    maxWorkers: '2',
    autoterminationMinutes: '120',
    sparkConf: '',
    customTags: '',
  };
}

const text = (value: number | undefined) => (value === undefined ? '' : String(value));

/** The form filled in from a cluster's spec (what its creator set), for clusters/edit. */
export function clusterValuesOf(spec: ClusterAttributes): ClusterFormValues {
  const driver = spec.driver_node_type_id;
  return {
    clusterName: spec.cluster_name ?? '',
    sparkVersion: spec.spark_version,
    nodeTypeId: spec.node_type_id ?? '',
    driverNodeTypeId: driver && driver !== spec.node_type_id ? driver : '',
    autoscale: spec.autoscale !== undefined,
    numWorkers: text(spec.num_workers ?? 0),
    minWorkers: text(spec.autoscale?.min_workers ?? 1),
    maxWorkers: text(spec.autoscale?.max_workers ?? 2),
    autoterminationMinutes: text(spec.autotermination_minutes),
    sparkConf: formatKeyValueLines(spec.spark_conf, ' '),
    customTags: formatKeyValueLines(spec.custom_tags, '='),
  };
}

export interface FormOutcome {
  attributes: ClusterAttributes;
  /** What must be fixed before anything is sent; the API checks the rest and says so. */
  problems: string[];
}

/** The fields the form owns: replaced, not merged, so that clearing one removes it. */
const FORM_FIELDS = [
  'cluster_name',
  'spark_version',
  'node_type_id',
  'driver_node_type_id',
  'num_workers',
  'autoscale',
  'autotermination_minutes',
  'spark_conf',
  'custom_tags',
] as const;

/**
 * Cluster attributes from the form, over `base` (the spec being edited, whose other attributes
 * clusters/edit must be sent again, as it replaces them all).
 */
export function attributesOf(values: ClusterFormValues, base?: ClusterAttributes): FormOutcome {
  const problems: string[] = [];
  const numberIn = (label: string, raw: string): number | undefined => {
    if (!raw.trim()) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value)) problems.push(`${label} must be a whole number`);
    return value;
  };
  const kept: Record<string, unknown> = { ...base };
  for (const field of FORM_FIELDS) delete kept[field];
  const attributes: ClusterAttributes = { ...kept, spark_version: values.sparkVersion };

  const name = values.clusterName.trim();
  if (name) attributes.cluster_name = name;
  if (values.nodeTypeId) attributes.node_type_id = values.nodeTypeId;
  if (values.driverNodeTypeId) attributes.driver_node_type_id = values.driverNodeTypeId;
  if (values.autoscale) {
    const min = numberIn('Min workers', values.minWorkers);
    const max = numberIn('Max workers', values.maxWorkers);
    if (min === undefined || max === undefined) problems.push('Autoscaling needs both min and max workers');
    else attributes.autoscale = { min_workers: min, max_workers: max };
  } else {
    attributes.num_workers = numberIn('Workers', values.numWorkers) ?? 0;
  }
  const minutes = numberIn('Terminate after', values.autoterminationMinutes);
  if (minutes !== undefined) attributes.autotermination_minutes = minutes;

  const sparkConf = parseKeyValueLines(values.sparkConf, ' ', 'Spark config');
  const tags = parseKeyValueLines(values.customTags, '=', 'Tags');
  problems.push(...sparkConf.problems, ...tags.problems);
  if (Object.keys(sparkConf.entries).length > 0) attributes.spark_conf = sparkConf.entries;
  if (Object.keys(tags.entries).length > 0) attributes.custom_tags = tags.entries;
  return { attributes, problems };
}
