import { ALL_APIS_SCOPE } from './client-secret.js';

/** An error of the OAuth token endpoint, in its own form (RFC 6749 §5.2), not Databricks'. */
export class OAuthError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 500 | 503,
    readonly error: string,
    description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  toJSON(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.message };
  }
}

export const invalidRequest = (description: string) => new OAuthError(400, 'invalid_request', description);
export const invalidClient = (description: string) =>
  new OAuthError(401, 'invalid_client', `Client authentication failed: ${description}`);

/** A client credentials grant, its client not yet authenticated. */
export interface ClientCredentialsRequest {
  clientId: string;
  clientSecret: string;
  /** What the token is granted for: always all-apis, the one scope Brickyard has. */
  scope: string;
}

/** A form body's fields; a parameter sent twice is refused (RFC 6749 §3.2). */
export function formFields(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (Object.hasOwn(fields, key)) throw invalidRequest(`Parameter ${key} is given more than once`);
    fields[key] = value;
  }
  return fields;
}

/**
 * Basic credentials are form-encoded before base64 (RFC 6749 §2.3.1), as Go's oauth2 sends them;
 * Python's requests sends them raw, which reads the same for ids and secrets of letters and digits.
 */
function formDecoded(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function basicCredentials(authorization: string): { clientId: string; clientSecret: string } {
  const encoded = /^Basic\s+(\S+)\s*$/i.exec(authorization)?.[1];
  const decoded = encoded === undefined ? '' : Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw invalidClient('the Authorization header must be Basic with the client id and secret');
  return {
    clientId: formDecoded(decoded.slice(0, colon)),
    clientSecret: formDecoded(decoded.slice(colon + 1)),
  };
}

/**
 * A token request of the client credentials grant (RFC 6749 §4.4), its client's id and secret
 * from HTTP Basic authentication (as the SDKs send them) or from the form, never both.
 */
export function clientCredentialsRequest(
  fields: Record<string, string>,
  authorization: string | undefined,
): ClientCredentialsRequest {
  const grantType = fields.grant_type;
  if (!grantType) throw invalidRequest('grant_type is missing');
  if (grantType !== 'client_credentials') {
    throw new OAuthError(
      400,
      'unsupported_grant_type',
      `Brickyard grants client_credentials only, not ${grantType}`,
    );
  }
  const inForm = fields.client_id !== undefined || fields.client_secret !== undefined;
  if (authorization !== undefined && inForm) {
    throw invalidRequest(
      'Send the client id and secret either by Basic authentication or in the form, not both',
    );
  }
  const { clientId, clientSecret } =
    authorization === undefined
      ? { clientId: fields.client_id, clientSecret: fields.client_secret }
      : basicCredentials(authorization);
  if (!clientId || !clientSecret) throw invalidClient('the client id and secret are missing');
  const unsupported = (fields.scope ?? '').split(' ').filter((scope) => scope && scope !== ALL_APIS_SCOPE);
  if (unsupported.length > 0) {
    throw new OAuthError(
      400,
      'invalid_scope',
      `Brickyard grants the ${ALL_APIS_SCOPE} scope only, not ${unsupported.join(' ')}`,
    );
  }
  return { clientId, clientSecret, scope: ALL_APIS_SCOPE };
}
