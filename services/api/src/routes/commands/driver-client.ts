import { DriverPorts } from '@brickyard/common/driver-ports';
import type { FastifyBaseLogger } from 'fastify';
import { driverRefusal, driverUnanswered } from './driver-answer.js';

/** Enough for a destroy, which gives the context's REPL seconds to end; below the SDKs' 60 s. */
const TIMEOUT_MS = 30_000;

/** A call to the command service on a driver (services/worker commands/command-routes.ts). */
export interface DriverCall {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: Record<string, unknown>;
  /** Who the call is for (COMMAND_USER_HEADER) and, creating a context, its credential. */
  headers: Record<string, string>;
}

const segment = encodeURIComponent;

export const driverPaths = {
  contexts: () => '/contexts',
  context: (contextId: string) => `/contexts/${segment(contextId)}`,
  commands: (contextId: string) => `/contexts/${segment(contextId)}/commands`,
  command: (contextId: string, commandId: string) =>
    `/contexts/${segment(contextId)}/commands/${segment(commandId)}`,
  cancel: (contextId: string, commandId: string) =>
    `/contexts/${segment(contextId)}/commands/${segment(commandId)}/cancel`,
};

/**
 * Makes a call on the command service of the driver at `address`. Answers the raw JSON text of
 * its answer, never parsed, so that results (a table's 64-bit integers) reach the client exactly
 * as the runtime wrote them; throws its refusals as DatabricksErrors.
 */
export async function callDriver(
  address: string,
  clusterId: string,
  call: DriverCall,
  log: FastifyBaseLogger,
): Promise<string> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(`http://${address}:${DriverPorts.commands}${call.path}`, {
      method: call.method,
      headers: { ...call.headers, ...(call.body && { 'content-type': 'application/json' }) },
      ...(call.body && { body: JSON.stringify(call.body) }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    log.debug({ err: error, clusterId, path: call.path }, 'The command service of the driver did not answer');
    throw driverUnanswered(clusterId, error, TIMEOUT_MS);
  }
  if (!response.ok) throw driverRefusal(clusterId, response.status, text);
  return text;
}
