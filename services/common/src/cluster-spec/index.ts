/**
 * The cluster spec, one module for every process that reads or writes it: the schema (schema.ts,
 * also the source of the Cluster CRD), the defaults Databricks fills in (defaults.ts), the rules a
 * spec obeys (rules.ts: evaluated here and rendered as the CRD's CEL rules), validation against
 * the catalog (validation.ts), the builder of a Cluster resource (builder.ts), the spec changes
 * that request a transition (requests.ts) and the reading of the state the operator publishes
 * (state.ts).
 */
export * from './builder.js';
export * from './defaults.js';
export * from './libraries.js';
export * from './requests.js';
export * from './schema.js';
export * from './state.js';
export * from './validation.js';
