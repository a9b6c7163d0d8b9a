export * from './node-types.js';
export * from './prices.js';
export * from './spark-versions.js';
