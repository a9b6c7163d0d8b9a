import { describe, expect, it } from 'vitest';
import { clientCredentialsRequest, formFields, OAuthError } from './token-request.js';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function refusal(run: () => unknown): { status: number; body: unknown } {
  try {
    run();
  } catch (error) {
    if (error instanceof OAuthError) return { status: error.statusCode, body: error.toJSON() };
    throw error;
  }
  throw new Error('expected an OAuth error');
}

describe('formFields', () => {
  it('reads a form body, percent and plus decoded', () => {
    expect(formFields('grant_type=client_credentials&scope=all-apis&client_id=a%2Fb+c')).toEqual({
      grant_type: 'client_credentials',
      scope: 'all-apis',
      client_id: 'a/b c',
    });
  });

  it('refuses a parameter sent twice with invalid_request', () => {
    expect(refusal(() => formFields('scope=a&scope=b'))).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Parameter scope is given more than once' },
    });
  });
});

describe('clientCredentialsRequest', () => {
  const grant = { grant_type: 'client_credentials', scope: 'all-apis' };

  it('takes the client id and secret from Basic authentication, as the SDKs send them', () => {
    expect(clientCredentialsRequest(grant, basic('app-id', 'dose123'))).toEqual({
      clientId: 'app-id',
      clientSecret: 'dose123',
      scope: 'all-apis',
    });
  });

  it('form-decodes Basic credentials (RFC 6749 §2.3.1), as Go clients encode them', () => {
    expect(clientCredentialsRequest(grant, basic('app%3Aid', 'se+cret%25'))).toMatchObject({
      clientId: 'app:id',
      clientSecret: 'se cret%',
    });
  });

  it('takes them from the form too, and grants all-apis when no scope is asked for', () => {
    expect(
      clientCredentialsRequest(
        { grant_type: 'client_credentials', client_id: 'a', client_secret: 's' },
        undefined,
      ),
    ).toEqual({ clientId: 'a', clientSecret: 's', scope: 'all-apis' });
  });

  it.each([
    ['no grant type', {}, undefined, 400, 'invalid_request'],
    ['another grant type', { grant_type: 'password' }, undefined, 400, 'unsupported_grant_type'],
    ['no credentials', grant, undefined, 401, 'invalid_client'],
    ['a client id without a secret', { ...grant, client_id: 'a' }, undefined, 401, 'invalid_client'],
    ['a bearer token instead of Basic', grant, 'Bearer dapi123', 401, 'invalid_client'],
    ['Basic credentials without a colon', grant, `Basic ${btoa('nocolon')}`, 401, 'invalid_client'],
    [
      'credentials in the header and the form',
      { ...grant, client_id: 'a' },
      basic('a', 's'),
      400,
      'invalid_request',
    ],
    [
      'a scope Brickyard cannot enforce',
      { ...grant, scope: 'all-apis sql' },
      basic('a', 's'),
      400,
      'invalid_scope',
    ],
  ])('refuses %s', (_case, fields: Record<string, string>, authorization, status, error) => {
    const refused = refusal(() => clientCredentialsRequest(fields, authorization));
    expect(refused).toMatchObject({ status, body: { error } });
  });
});
