import { describe, expect, it } from 'vitest';
import { normalizedPrefix, prefixPolicyDocument } from './prefix-policy.js';

interface Statement {
  Sid: string;
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const statementsOf = (document: string): Statement[] => JSON.parse(document).Statement;
const table = 'workspaces/7/unity-catalog/m/tables/t1/';

describe('prefixPolicyDocument', () => {
  it('lets read keys get and list inside the prefix only', () => {
    const [objects, list] = statementsOf(
      prefixPolicyDocument({ bucket: 'b', prefix: table, access: 'read' }),
    );
    expect(objects?.Action).toContain('s3:GetObject');
    expect(objects?.Action).not.toContain('s3:PutObject');
    expect(objects?.Resource).toEqual([
      'arn:aws:s3:::b/workspaces/7/unity-catalog/m/tables/t1',
      'arn:aws:s3:::b/workspaces/7/unity-catalog/m/tables/t1/*',
    ]);
    expect(list?.Action).toEqual(['s3:ListBucket', 's3:ListBucketVersions']);
    expect(list?.Resource).toEqual(['arn:aws:s3:::b']);
    expect(list?.Condition).toEqual({
      StringLike: { 's3:prefix': ['workspaces/7/unity-catalog/m/tables/t1', `${table}*`] },
    });
  });

  it('adds puts, deletes and multipart uploads for read-write keys', () => {
    const [objects] = statementsOf(
      prefixPolicyDocument({ bucket: 'b', prefix: table, access: 'read-write' }),
    );
    expect(objects?.Action).toEqual(
      expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload']),
    );
  });

  it('makes every statement stop matching at the expiry, to the second', () => {
    const expiresAt = new Date('2030-01-02T03:04:05.678Z');
    const statements = statementsOf(
      prefixPolicyDocument({ bucket: 'b', prefix: table, access: 'read', expiresAt }),
    );
    for (const statement of statements) {
      expect(statement.Condition?.DateLessThan).toEqual({ 'aws:CurrentTime': '2030-01-02T03:04:05Z' });
    }
  });

  it('has no time condition without an expiry', () => {
    const [objects, list] = statementsOf(
      prefixPolicyDocument({ bucket: 'b', prefix: 'workspaces/7/', access: 'read-write' }),
    );
    expect(objects?.Condition).toBeUndefined();
    expect(list?.Condition?.DateLessThan).toBeUndefined();
  });
});

describe('a grant that also covers what is outside a reserved prefix', () => {
  const statements = statementsOf(
    prefixPolicyDocument({
      bucket: 'b',
      prefix: 'workspaces/7/',
      access: 'read-write',
      outside: 'workspaces/',
    }),
  ) as (Statement & { NotResource?: string[] })[];
  const bySid = (sid: string) => statements.find((statement) => statement.Sid === sid);

  it('allows objects anywhere but below the reserved prefix', () => {
    expect(bySid('OutsideObjects')?.NotResource).toEqual([
      'arn:aws:s3:::b/workspaces',
      'arn:aws:s3:::b/workspaces/*',
    ]);
    expect(bySid('OutsideObjects')?.Action).toContain('s3:PutObject');
  });

  it('lists the bucket only with a prefix that cannot reach below the reserved one', () => {
    const condition = bySid('OutsideList')?.Condition;
    expect(condition?.Null).toEqual({ 's3:prefix': 'false' });
    expect(condition?.StringNotLike?.['s3:prefix']).toEqual([
      'w',
      'wo',
      'wor',
      'work',
      'works',
      'worksp',
      'workspa',
      'workspac',
      'workspace',
      'workspaces',
      'workspaces/*',
    ]);
  });

  it('keeps the statements of its own prefix', () => {
    expect(bySid('Objects')?.Resource).toEqual([
      'arn:aws:s3:::b/workspaces/7',
      'arn:aws:s3:::b/workspaces/7/*',
    ]);
  });
});

describe('the mount check', () => {
  it('lists the bucket only without a prefix, and only when asked for', () => {
    const grant = { bucket: 'b', prefix: 'workspaces/7/dbfs/', access: 'read-write' as const };
    const check = statementsOf(prefixPolicyDocument({ ...grant, mountCheck: true })).find(
      (statement) => statement.Sid === 'MountCheck',
    );
    expect(check).toMatchObject({
      Action: ['s3:ListBucket'],
      Resource: ['arn:aws:s3:::b'],
      Condition: { Null: { 's3:prefix': 'true' } },
    });
    expect(statementsOf(prefixPolicyDocument(grant)).map((statement) => statement.Sid)).not.toContain(
      'MountCheck',
    );
  });
});

describe('normalizedPrefix', () => {
  it.each([
    '',
    '/workspaces/7/',
    'workspaces/7',
    'workspaces/../8/',
    'workspaces/./7/',
    'workspaces/*/',
    'a/$x/',
  ])('refuses %j', (prefix) => {
    expect(() => normalizedPrefix(prefix)).toThrow();
  });

  it('keeps a relative prefix that ends with a slash', () => {
    expect(normalizedPrefix('workspaces/7/dbfs/')).toBe('workspaces/7/dbfs/');
  });
});
