import { isNotFound, ResilientInformer } from '@brickyard/common/kube';
import { Labels, MANAGED_BY, SecretTypes, SYSTEM_NAMESPACE } from '@brickyard/common/vocabulary';
import { CoreV1Api, type KubeConfig, type V1Secret } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { toDatabricksError } from '../store/kube-errors.js';
import { hashToken, newTokenId, newTokenValue } from './token-secret.js';

/** `account` for account-level tokens, else the workspace id the token belongs to. */
type TokenScope = 'account' | number;

export interface TokenRecord {
  token_id: string;
  scope: TokenScope;
  /** A user name, or a service principal's application id; admin rights come from its groups. */
  user_name: string;
  is_account_admin: boolean;
  comment: string;
  creation_time: number;
  /** -1: never expires. */
  expiry_time: number;
  created_by_username: string;
}

const RECORD_KEY = 'record.json';
const HASH_KEY = 'sha256';
const TOKEN_ROLE = 'token';

function scopeLabel(scope: TokenScope): string {
  return scope === 'account' ? 'account' : String(scope);
}

function decode(secret: V1Secret, key: string): string | undefined {
  const value = secret.data?.[key] ?? undefined;
  return value === undefined ? secret.stringData?.[key] : Buffer.from(value, 'base64').toString('utf8');
}

function parse(secret: V1Secret): { hash: string; record: TokenRecord } | undefined {
  try {
    const hash = decode(secret, HASH_KEY);
    const record = JSON.parse(decode(secret, RECORD_KEY) ?? 'null') as TokenRecord | null;
    return hash && record ? { hash, record } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Tokens live as Secrets in the system namespace, one per token, holding the token's hash and
 * its record, never the token itself. Records never change after creation, so the index is a
 * plain map by hash, fed by an informer and by our own writes.
 */
export class TokenStore {
  private readonly core: CoreV1Api;
  private readonly byHash = new Map<string, TokenRecord>();
  private readonly informer: ResilientInformer<V1Secret>;

  constructor(kubeConfig: KubeConfig, log: Logger) {
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    const labelSelector = `${Labels.role}=${TOKEN_ROLE}`;
    this.informer = new ResilientInformer<V1Secret>({
      name: 'tokens',
      kubeConfig,
      path: `/api/v1/namespaces/${SYSTEM_NAMESPACE}/secrets`,
      labelSelector,
      list: () => this.core.listNamespacedSecret({ namespace: SYSTEM_NAMESPACE, labelSelector }),
      handlers: {
        add: (secret) => this.index(secret),
        update: (secret) => this.index(secret),
        delete: (secret) => this.unindex(secret),
      },
      log,
    });
  }

  async start(): Promise<void> {
    await this.informer.start();
  }

  get synced(): Promise<void> {
    return this.informer.synced;
  }

  async stop(): Promise<void> {
    await this.informer.stop();
  }

  private index(secret: V1Secret): void {
    const entry = parse(secret);
    if (entry) this.byHash.set(entry.hash, entry.record);
  }

  private unindex(secret: V1Secret): void {
    const entry = parse(secret);
    if (entry) this.byHash.delete(entry.hash);
  }

  /** The live record of a token value, or undefined when unknown or expired. */
  authenticate(value: string, now = Date.now()): TokenRecord | undefined {
    const record = this.byHash.get(hashToken(value));
    if (!record) return undefined;
    if (record.expiry_time !== -1 && record.expiry_time <= now) return undefined;
    return record;
  }

  list(filter: (record: TokenRecord) => boolean): TokenRecord[] {
    return [...this.byHash.values()].filter(filter).sort((a, b) => a.creation_time - b.creation_time);
  }

  get(tokenId: string): TokenRecord | undefined {
    return [...this.byHash.values()].find((record) => record.token_id === tokenId);
  }

  /** Creates a token and returns its value, the only time the value is ever seen. */
  async create(
    fields: Omit<TokenRecord, 'token_id' | 'creation_time' | 'expiry_time'>,
    lifetimeSeconds: number | undefined,
    value = newTokenValue(),
    now = Date.now(),
  ): Promise<{ value: string; record: TokenRecord }> {
    const record: TokenRecord = {
      ...fields,
      token_id: newTokenId(),
      creation_time: now,
      expiry_time: lifetimeSeconds && lifetimeSeconds > 0 ? now + lifetimeSeconds * 1000 : -1,
    };
    try {
      const created = await this.core.createNamespacedSecret({
        namespace: SYSTEM_NAMESPACE,
        body: {
          metadata: {
            name: `token-${record.token_id}`,
            labels: {
              [Labels.managedBy]: MANAGED_BY,
              [Labels.role]: TOKEN_ROLE,
              [Labels.tokenId]: record.token_id,
              [Labels.workspaceId]: scopeLabel(record.scope),
            },
          },
          type: SecretTypes.token,
          stringData: { [HASH_KEY]: hashToken(value), [RECORD_KEY]: JSON.stringify(record) },
        },
      });
      this.index(created);
      return { value, record };
    } catch (error) {
      throw toDatabricksError(error);
    }
  }

  /** Deletes a token; false when there was none with that id. */
  async delete(tokenId: string): Promise<boolean> {
    try {
      await this.core.deleteNamespacedSecret({ namespace: SYSTEM_NAMESPACE, name: `token-${tokenId}` });
      for (const [hash, record] of this.byHash) if (record.token_id === tokenId) this.byHash.delete(hash);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw toDatabricksError(error);
    }
  }
}
