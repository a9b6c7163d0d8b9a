import { COMPUTE_CALLER_HEADER } from '@brickyard/common/compute-callers';
import { COMMAND_USER_HEADER } from '@brickyard/common/driver-ports';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { temporarilyUnavailable } from '../../errors/databricks-error.js';
import type { ApiServices } from '../../services.js';
import { findCluster } from '../clusters/cluster-lookup.js';
import { runningDriverAddress } from '../clusters/running-driver.js';
import { callDriver, type DriverCall } from './driver-client.js';

/** A call to the driver's command service, before the relay adds whom it is for. */
export type RelayedCall = Omit<DriverCall, 'headers'>;

/**
 * Relays a call to the execution contexts of a running cluster of the caller's workspace, and
 * answers with the driver's JSON text as it came. Every call names the caller, whose contexts
 * alone they reach; one that creates a context also carries a credential minted for the caller
 * on this cluster, so that the context's Spark and dbutils.secrets act with the caller's grants.
 */
export async function relayToDriver(
  services: ApiServices,
  request: FastifyRequest,
  reply: FastifyReply,
  clusterId: string,
  call: RelayedCall,
  createsContext = false,
): Promise<FastifyReply> {
  const address = runningDriverAddress(findCluster(services, request, clusterId, 'CAN_ATTACH_TO'));
  const { userName } = request.principal;
  const headers: Record<string, string> = { [COMMAND_USER_HEADER]: userName };
  if (createsContext) {
    const { workspaceId } = request.workspace;
    headers[COMPUTE_CALLER_HEADER] = await services.computeCallers
      .mint({ workspaceId, clusterId, userName })
      .catch(() => {
        throw temporarilyUnavailable('Could not start an execution context for this caller; retry');
      });
  }
  const text = await callDriver(address, clusterId, { ...call, headers }, request.log);
  // A string with a JSON content type is sent as it is, never re-serialized.
  return reply.type('application/json; charset=utf-8').send(text);
}
