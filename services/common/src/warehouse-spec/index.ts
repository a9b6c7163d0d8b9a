/**
 * The warehouse spec, one module for the API and the operator: the defaults Databricks fills in
 * (defaults.ts), the rules a spec obeys (rules.ts: evaluated here and rendered as the CRD's CEL
 * rules), the spec changes that request a transition (requests.ts) and the reading of the state the
 * operator publishes (state.ts). The schema is schema/warehouse.ts.
 */
export * from './defaults.js';
export * from './requests.js';
export * from './rules.js';
export * from './state.js';
