import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiServices } from '../../services.js';
import { findCluster } from '../clusters/cluster-lookup.js';
import { runningDriverAddress } from '../clusters/running-driver.js';
import { callDriver, type DriverCall } from './driver-client.js';

/**
 * Relays a call to the execution contexts of a running cluster of the caller's workspace, and
 * answers with the driver's JSON text as it came.
 */
export async function relayToDriver(
  services: ApiServices,
  request: FastifyRequest,
  reply: FastifyReply,
  clusterId: string,
  call: DriverCall,
): Promise<FastifyReply> {
  const address = runningDriverAddress(findCluster(services, request, clusterId, 'CAN_ATTACH_TO'));
  const text = await callDriver(address, clusterId, call, request.log);
  // A string with a JSON content type is sent as it is, never re-serialized.
  return reply.type('application/json; charset=utf-8').send(text);
}
