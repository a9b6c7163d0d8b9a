/**
 * The run store could not answer now (Redis silent, an id not allocated, a run that keeps
 * changing under a write): asking again later may succeed. The API answers it as 503
 * TEMPORARILY_UNAVAILABLE, which the SDKs retry; the scheduler retries it itself.
 */
export class RunStoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunStoreUnavailableError';
  }
}
