import type { ServicePrincipalResource } from '@brickyard/common/crd';
import { isNotFound } from '@brickyard/common/kube';
import { API_VERSION, GROUP, Labels, MANAGED_BY, SYSTEM_NAMESPACE } from '@brickyard/common/vocabulary';
import { CoreV1Api, type KubeConfig, type V1Secret } from '@kubernetes/client-node';
import { hashToken } from '../auth/token-secret.js';
import { toDatabricksError } from '../store/kube-errors.js';
import { isSecretId, newClientSecret, newSecretId } from './client-secret.js';

/** One OAuth secret of a service principal, as stored: never the secret, only its hash. */
export interface ClientSecretRecord {
  id: string;
  workspace_id: number;
  /** The service principal's SCIM id. */
  service_principal_id: string;
  /** The OAuth client id the secret authenticates. */
  application_id: string;
  /** The ServicePrincipal resource's uid: a principal deleted and made again inherits nothing. */
  owner_uid: string;
  /** SHA-256 of the secret, in hex. */
  secret_hash: string;
  create_time: number;
  expire_time: number;
}

const ROLE = 'service-principal-secret';
const SECRET_TYPE = `${GROUP}/${ROLE}`;
const RECORD_KEY = 'record.json';
const SecretLabels = {
  servicePrincipalId: `${GROUP}/service-principal-id`,
  secretId: `${GROUP}/secret-id`,
} as const;

/** Named by the hash of the value, so the token endpoint finds a secret with one read. */
const objectName = (hash: string) => `sp-secret-${hash}`;

function recordOf(secret: V1Secret): ClientSecretRecord | undefined {
  const data = secret.data?.[RECORD_KEY];
  const text = data === undefined ? secret.stringData?.[RECORD_KEY] : Buffer.from(data, 'base64').toString();
  try {
    return text ? (JSON.parse(text) as ClientSecretRecord) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Service principals' OAuth secrets as Secrets in the system namespace, one each, read from the
 * apiserver on every call: a deleted secret is refused at once, and calls are rare (a client asks
 * for a token once an hour). Each is owned by its ServicePrincipal resource, so Kubernetes' garbage
 * collector deletes it with the principal, or with the principal's workspace.
 */
export class ClientSecretStore {
  private readonly core: CoreV1Api;

  constructor(kubeConfig: KubeConfig) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  /** Creates a secret and returns its value, the only time the value is ever seen. */
  async create(
    owner: ServicePrincipalResource,
    lifetimeSeconds: number,
    now = Date.now(),
  ): Promise<{ value: string; record: ClientSecretRecord }> {
    const value = newClientSecret();
    const record: ClientSecretRecord = {
      id: newSecretId(),
      workspace_id: owner.spec.workspaceId,
      service_principal_id: owner.spec.id,
      application_id: owner.spec.applicationId,
      owner_uid: owner.metadata.uid ?? '',
      secret_hash: hashToken(value),
      create_time: now,
      expire_time: now + lifetimeSeconds * 1000,
    };
    try {
      await this.core.createNamespacedSecret({
        namespace: SYSTEM_NAMESPACE,
        body: {
          metadata: {
            name: objectName(record.secret_hash),
            labels: {
              [Labels.managedBy]: MANAGED_BY,
              [Labels.role]: ROLE,
              [Labels.workspaceId]: String(record.workspace_id),
              [SecretLabels.servicePrincipalId]: record.service_principal_id,
              [SecretLabels.secretId]: record.id,
            },
            ownerReferences: [
              {
                apiVersion: API_VERSION,
                kind: 'ServicePrincipal',
                name: owner.metadata.name ?? '',
                uid: record.owner_uid,
                blockOwnerDeletion: false,
              },
            ],
          },
          type: SECRET_TYPE,
          stringData: { [RECORD_KEY]: JSON.stringify(record) },
        },
      });
      return { value, record };
    } catch (error) {
      throw toDatabricksError(error);
    }
  }

  /** The secrets of one service principal, oldest first. */
  async list(workspaceId: number, servicePrincipalId: string): Promise<ClientSecretRecord[]> {
    return (await this.objects(workspaceId, servicePrincipalId))
      .flatMap((secret) => recordOf(secret) ?? [])
      .sort((a, b) => a.create_time - b.create_time);
  }

  /** Deletes one secret of a service principal; false when it has none with that id. */
  async delete(workspaceId: number, servicePrincipalId: string, secretId: string): Promise<boolean> {
    // Ids go into a label selector: anything but an id we made names no secret.
    if (!isSecretId(secretId)) return false;
    const objects = await this.objects(workspaceId, servicePrincipalId, secretId);
    try {
      for (const secret of objects) {
        await this.core.deleteNamespacedSecret({
          namespace: SYSTEM_NAMESPACE,
          name: secret.metadata?.name ?? '',
        });
      }
    } catch (error) {
      if (!isNotFound(error)) throw toDatabricksError(error);
    }
    return objects.length > 0;
  }

  /** The record of a secret value, or undefined when no secret has it (expired ones included). */
  async find(value: string): Promise<ClientSecretRecord | undefined> {
    try {
      const name = objectName(hashToken(value));
      return recordOf(await this.core.readNamespacedSecret({ namespace: SYSTEM_NAMESPACE, name }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw toDatabricksError(error);
    }
  }

  private async objects(
    workspaceId: number,
    servicePrincipalId: string,
    secretId?: string,
  ): Promise<V1Secret[]> {
    const labels = [
      `${Labels.role}=${ROLE}`,
      `${Labels.workspaceId}=${workspaceId}`,
      `${SecretLabels.servicePrincipalId}=${servicePrincipalId}`,
      ...(secretId === undefined ? [] : [`${SecretLabels.secretId}=${secretId}`]),
    ];
    try {
      const list = await this.core.listNamespacedSecret({
        namespace: SYSTEM_NAMESPACE,
        labelSelector: labels.join(','),
      });
      return list.items;
    } catch (error) {
      throw toDatabricksError(error);
    }
  }
}
