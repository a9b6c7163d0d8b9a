import { isAlreadyExists, isConflict, isNotFound } from '@brickyard/common/kube';
import { Labels } from '@brickyard/common/vocabulary';
import { CoreV1Api, type KubeConfig, type V1Secret } from '@kubernetes/client-node';
import { toDatabricksError } from '../../store/kube-errors.js';
import type { ScopeContents } from './scope-contents.js';
import { contentsOf, SECRET_SCOPE_ROLE, scopeSecret, withContents } from './scope-secret.js';
import { scopeAlreadyExists, scopeDoesNotExist } from './secret-errors.js';
import { scopeSecretName } from './secret-names.js';

/** Writes based on a stale read are read and applied again this many times before giving up. */
const MAX_ATTEMPTS = 5;

/**
 * Secret scopes as Secrets in their workspace's namespace, read from the apiserver on every call
 * (no cache: a value never lingers in the API's memory). Changes are read-modify-replace on the
 * Secret's resourceVersion, so an ACL check made in a change holds for the write it guards.
 */
export class SecretScopeStore {
  private readonly core: CoreV1Api;

  constructor(kubeConfig: KubeConfig) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  async list(namespace: string): Promise<ScopeContents[]> {
    try {
      const list = await this.core.listNamespacedSecret({
        namespace,
        labelSelector: `${Labels.role}=${SECRET_SCOPE_ROLE}`,
      });
      return list.items.map(contentsOf).sort((a, b) => a.name.localeCompare(b.name));
    } catch (error) {
      throw toDatabricksError(error);
    }
  }

  async get(namespace: string, scope: string): Promise<ScopeContents> {
    return contentsOf(await this.read(namespace, scope));
  }

  async create(namespace: string, workspaceId: number, contents: ScopeContents): Promise<void> {
    try {
      await this.core.createNamespacedSecret({
        namespace,
        body: scopeSecret(namespace, workspaceId, contents),
      });
    } catch (error) {
      if (isAlreadyExists(error)) throw scopeAlreadyExists(contents.name);
      throw toDatabricksError(error);
    }
  }

  /** Applies `change` to the scope and writes the result; `change` may throw to refuse. */
  async update(
    namespace: string,
    scope: string,
    change: (contents: ScopeContents) => ScopeContents,
  ): Promise<ScopeContents> {
    for (let attempt = 1; ; attempt++) {
      const secret = await this.read(namespace, scope);
      const changed = change(contentsOf(secret));
      try {
        await this.core.replaceNamespacedSecret({
          name: secret.metadata?.name ?? '',
          namespace,
          body: withContents(secret, changed),
        });
        return changed;
      } catch (error) {
        if (isConflict(error) && attempt < MAX_ATTEMPTS) continue;
        if (isNotFound(error)) throw scopeDoesNotExist(scope);
        throw toDatabricksError(error);
      }
    }
  }

  /** Deletes the scope once `check` accepts what it holds (at the version checked). */
  async delete(namespace: string, scope: string, check: (contents: ScopeContents) => void): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const secret = await this.read(namespace, scope);
      check(contentsOf(secret));
      try {
        await this.core.deleteNamespacedSecret({
          name: secret.metadata?.name ?? '',
          namespace,
          body: { preconditions: { resourceVersion: secret.metadata?.resourceVersion ?? '' } },
        });
        return;
      } catch (error) {
        if (isConflict(error) && attempt < MAX_ATTEMPTS) continue;
        if (isNotFound(error)) throw scopeDoesNotExist(scope);
        throw toDatabricksError(error);
      }
    }
  }

  private async read(namespace: string, scope: string): Promise<V1Secret> {
    try {
      return await this.core.readNamespacedSecret({ name: scopeSecretName(scope), namespace });
    } catch (error) {
      if (isNotFound(error)) throw scopeDoesNotExist(scope);
      throw toDatabricksError(error);
    }
  }
}
