export * from './numeric-id.js';
