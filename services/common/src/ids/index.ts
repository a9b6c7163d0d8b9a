export * from './name-uuid.js';
export * from './numeric-id.js';
