export * from './dashboard-queries.js';
export * from './health-server.js';
