import { type CelValidation, celValidation, ruleProblems, type SpecRule } from '../cluster-spec/rules.js';
import type { WarehouseSpec } from '../schema/warehouse.js';

/**
 * The rules a warehouse spec obeys beyond its JSON shape (the SQL Warehouses API's "Supported
 * values"), written once: the API evaluates them on a request, and the Warehouse CRD carries them
 * as CEL, so the apiserver refuses exactly what the API does (see cluster-spec/rules.ts).
 */

const CLUSTER_BOUNDS: SpecRule = {
  at: [],
  holds: {
    any: [
      { not: { has: 'min_num_clusters' } },
      { not: { has: 'max_num_clusters' } },
      { compare: [{ field: 'max_num_clusters' }, '>=', { field: 'min_num_clusters' }] },
    ],
  },
  message: '{max_num_clusters} must be greater than or equal to {min_num_clusters}',
};

const AUTO_STOP_RANGE: SpecRule = {
  at: ['auto_stop_mins'],
  holds: {
    any: [
      { compare: [{ self: true }, '==', { value: 0 }] },
      { compare: [{ self: true }, '>=', { value: 10 }] },
    ],
  },
  message: '{auto_stop_mins} must be 0 (no auto stop) or at least 10 minutes',
};

const WAREHOUSE_RULES: readonly SpecRule[] = [CLUSTER_BOUNDS, AUTO_STOP_RANGE];

/**
 * What is wrong with a warehouse spec in the API's names (with defaults filled in, so that a
 * bound left out is compared as the default it gets); empty when nothing is.
 */
export function warehouseProblems(spec: WarehouseSpec): string[] {
  const problems = ruleProblems(WAREHOUSE_RULES, spec, 'snake');
  // Databricks' own wording (the Terraform provider reports it as such).
  if (spec.enable_serverless_compute && spec.warehouse_type === 'CLASSIC') {
    problems.push('Invalid warehouseType: Serverless is only available for PRO warehouses.');
  }
  return problems;
}

/** The rules as the Warehouse CRD's x-kubernetes-validations. */
export function warehouseRuleValidations(): CelValidation[] {
  return WAREHOUSE_RULES.map(celValidation);
}
