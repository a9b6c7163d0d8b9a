import { OPERATOR_NAME, SHARD_LABEL } from '@brickyard/common/vocabulary';

/**
 * An operator serves one shard: the default one (no shard label) or a named one. Each shard has
 * its own leader Lease, so the replicas of different shards never wait for each other.
 */
export function shardLabelSelector(shard: string | undefined): string {
  return shard ? `${SHARD_LABEL}=${shard}` : `!${SHARD_LABEL}`;
}

export function leaseName(shard: string | undefined): string {
  return shard ? `${OPERATOR_NAME}-${shard}` : OPERATOR_NAME;
}
