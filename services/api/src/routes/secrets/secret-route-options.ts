import type { SecretScopeStore } from './scope-store.js';

/** What the Secrets API's route plugins share. */
export interface SecretRouteOptions {
  scopes: SecretScopeStore;
}
