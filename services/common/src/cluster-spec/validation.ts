import { findNodeType, isKnownSparkVersion } from '../catalog/index.js';
import type { Camelized } from '../crd/case-conversion.js';
import { nodeTypeIds } from './defaults.js';
import { type Naming, specRuleProblems } from './rules.js';
import type { ClusterAttributes } from './schema.js';

/**
 * Whether a cluster spec can be run, the one check the API (clusters/create, edit, resize), the
 * scheduler (a job's new_cluster) and the operator (any Cluster, also one applied with kubectl)
 * all make: the runtime and the node types are in the catalog, and the spec rules hold (rules.ts,
 * which the CRD also enforces). Problems are worded in the naming of the spec that was checked.
 */

type AnySpec = {
  sparkVersion?: string;
  nodeTypeId?: string | undefined;
  driverNodeTypeId?: string | undefined;
};

function problems(spec: unknown, naming: Naming): string[] {
  const found: string[] = [];
  const named = spec as Record<string, unknown>;
  const sparkVersion = named[naming === 'camel' ? 'sparkVersion' : 'spark_version'];
  if (typeof sparkVersion !== 'string' || !isKnownSparkVersion(sparkVersion)) {
    found.push(
      `Invalid spark version ${String(sparkVersion)}; see /api/2.1/clusters/spark-versions for valid keys`,
    );
  }
  const camel: AnySpec =
    naming === 'camel'
      ? (spec as AnySpec)
      : {
          nodeTypeId: named.node_type_id as string | undefined,
          driverNodeTypeId: named.driver_node_type_id as string | undefined,
        };
  const { worker, driver } = nodeTypeIds(camel);
  for (const id of new Set([worker, driver])) {
    if (!findNodeType(id))
      found.push(`Node type ${id} is not supported; see /api/2.1/clusters/list-node-types`);
  }
  return [...found, ...specRuleProblems(spec, naming)];
}

/** What is wrong with the attributes a client sent (snake_case); empty when nothing is. */
export function attributeProblems(attributes: ClusterAttributes): string[] {
  return problems(attributes, 'snake');
}

/** What is wrong with a Cluster resource's spec (camelCase); empty when nothing is. */
export function resourceSpecProblems(spec: Camelized<ClusterAttributes>): string[] {
  return problems(spec, 'camel');
}
