import type { FastifyRequest } from 'fastify';
import { resourceDoesNotExist } from '../../errors/databricks-error.js';

/**
 * A preHandler for routes under /api/2.0/accounts/{account_id}: Brickyard is one account, and a
 * call naming another is answered as Databricks answers an unknown account.
 */
export function accountIdCheck(accountId: string) {
  return async (request: FastifyRequest): Promise<void> => {
    const requested = (request.params as { account_id?: string }).account_id;
    if (requested !== accountId) throw resourceDoesNotExist(`Account ${requested} does not exist`);
  };
}
