export * from './run-keys.js';
export * from './run-record.js';
export * from './run-scripts.js';
export * from './run-store.js';
export * from './run-store-error.js';
