import type { Redis } from 'ioredis';

/** Job runs in Redis (placeholder; filled in shortly). */
export class RunStore {
  constructor(readonly redis: Redis) {}

  async start(): Promise<void> {}

  async stop(): Promise<void> {}
}
