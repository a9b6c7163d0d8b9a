export * from './task-contract.js';
export * from './task-types.js';
export * from './value-references.js';
