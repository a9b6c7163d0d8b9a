export * from '../cluster-spec/schema.js';
export * from './conditions.js';
export * from './job.js';
export * from './primitives.js';
export * from './query.js';
export * from './unity-catalog.js';
export * from './warehouse.js';
export * from './workspace.js';
