import { elementText, elementTexts } from './iam-xml.js';
import { type SigningKeys, signPost } from './sigv4.js';

/**
 * A client of the IAM query API (versitygw's standalone IAM service, `versitygw iam`): users,
 * their access keys and inline policies, signed with the object store's root keys.
 */

interface IamClientOptions {
  /** The IAM API's URL, e.g. http://127.0.0.1:17071. */
  endpoint: string;
  region: string;
  keys: SigningKeys;
  /** Per request; the IAM service answers from memory and one file. */
  timeoutMs?: number;
}

/** A refusal of the IAM service: `code` is IAM's (NoSuchEntity, EntityAlreadyExists, ...). */
class IamError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`IAM ${code} (${status}): ${message}`);
    this.name = 'IamError';
  }
}

const isNoSuchEntity = (error: unknown): boolean =>
  error instanceof IamError && error.code === 'NoSuchEntity';
const isEntityAlreadyExists = (error: unknown): boolean =>
  error instanceof IamError && error.code === 'EntityAlreadyExists';

export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const IAM_VERSION = '2010-05-08';

export class IamClient {
  private readonly url: URL;

  constructor(private readonly options: IamClientOptions) {
    this.url = new URL(options.endpoint);
  }

  /** Creates the user; one that exists already is left as it is. */
  async ensureUser(userName: string, path: string): Promise<void> {
    try {
      await this.call('CreateUser', { UserName: userName, Path: path });
    } catch (error) {
      if (!isEntityAlreadyExists(error)) throw error;
    }
  }

  async putUserPolicy(userName: string, policyName: string, document: string): Promise<void> {
    await this.call('PutUserPolicy', {
      UserName: userName,
      PolicyName: policyName,
      PolicyDocument: document,
    });
  }

  async createAccessKey(userName: string): Promise<AccessKey> {
    const xml = await this.call('CreateAccessKey', { UserName: userName });
    const accessKeyId = elementText(xml, 'AccessKeyId');
    const secretAccessKey = elementText(xml, 'SecretAccessKey');
    if (!accessKeyId || !secretAccessKey) throw new Error('CreateAccessKey answered without a key');
    return { accessKeyId, secretAccessKey };
  }

  async listAccessKeyIds(userName: string): Promise<string[]> {
    return elementTexts(await this.call('ListAccessKeys', { UserName: userName }), 'AccessKeyId');
  }

  async deleteAccessKey(userName: string, accessKeyId: string): Promise<void> {
    await this.call('DeleteAccessKey', { UserName: userName, AccessKeyId: accessKeyId });
  }

  /** The names of the users whose path starts with `pathPrefix`, every page. */
  async listUserNames(pathPrefix: string): Promise<string[]> {
    const names: string[] = [];
    let marker: string | undefined;
    do {
      const xml = await this.call('ListUsers', {
        PathPrefix: pathPrefix,
        MaxItems: '1000',
        ...(marker ? { Marker: marker } : {}),
      });
      names.push(...elementTexts(xml, 'UserName'));
      marker = elementText(xml, 'IsTruncated') === 'true' ? elementText(xml, 'Marker') : undefined;
    } while (marker);
    return names;
  }

  /**
   * Deletes a user with everything IAM requires gone first: its access keys (which revokes it at
   * once), then its inline policies. A user (or part) already gone is not an error.
   */
  async deleteUserCompletely(userName: string): Promise<void> {
    try {
      for (const id of await this.listAccessKeyIds(userName)) await this.deleteAccessKey(userName, id);
      const policies = elementTexts(await this.call('ListUserPolicies', { UserName: userName }), 'member');
      for (const policyName of policies) {
        await this.call('DeleteUserPolicy', { UserName: userName, PolicyName: policyName });
      }
      await this.call('DeleteUser', { UserName: userName });
    } catch (error) {
      if (!isNoSuchEntity(error)) throw error;
    }
  }

  /** Whether the IAM service answers a signed request. */
  async ping(): Promise<void> {
    await this.call('ListUsers', { MaxItems: '1' });
  }

  private async call(action: string, parameters: Record<string, string>): Promise<string> {
    const body = new URLSearchParams({ Action: action, Version: IAM_VERSION, ...parameters }).toString();
    const headers = signPost({
      host: this.url.host,
      contentType: FORM,
      body,
      region: this.options.region,
      service: 'iam',
      keys: this.options.keys,
      now: new Date(),
    });
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': FORM, ...headers },
      body,
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new IamError(
        response.status,
        elementText(text, 'Code') ?? 'Unknown',
        elementText(text, 'Message') ?? text.slice(0, 200),
      );
    }
    return text;
  }
}
