/**
 * Cluster policies, one module for every process that applies them: the definition language
 * (definition.ts), where its paths point in a cluster's attributes (attribute-paths.ts), applying a
 * policy to a cluster (evaluation.ts) and the policy families Databricks ships (families.ts).
 */
export * from './definition.js';
export * from './evaluation.js';
export * from './families.js';
