import type { FastifyRequest } from 'fastify';
import type { SqlEndpoint } from './warehouse-info.js';

/** A DNS name or a bracketed IPv6 address: the Host header is the client's, so it is checked. */
const HOSTNAME = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])$/;

/**
 * The API's own host as the client addressed it, for odbc_params and jdbc_url: the SQL connectors
 * reach a warehouse through the workspace host, as on Databricks.
 */
export function sqlEndpointOf(request: FastifyRequest, fallbackHost: string): SqlEndpoint {
  const { protocol } = request;
  const valid = HOSTNAME.test(request.hostname);
  return {
    hostname: valid ? request.hostname : fallbackHost,
    port: (valid ? request.port : null) ?? (protocol === 'https' ? 443 : 80),
    protocol,
  };
}
