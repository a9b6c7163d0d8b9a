export * from './config-or-exit.js';
export * from './shutdown.js';
