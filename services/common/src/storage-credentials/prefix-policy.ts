/**
 * IAM identity policies that confine S3 keys to one prefix of one bucket, as versitygw's
 * standalone IAM service evaluates them for every request signed with the keys.
 */

export type PrefixAccess = 'read' | 'read-write';

export interface PrefixGrant {
  bucket: string;
  /** A key prefix ending with '/', e.g. 'workspaces/7/unity-catalog/m/tables/t/'. */
  prefix: string;
  access: PrefixAccess;
  /** When set, every statement stops matching at this instant (the gateway checks aws:CurrentTime). */
  expiresAt?: Date;
  /**
   * A prefix of `bucket` (ending with '/') that holds the storage of others, e.g. 'workspaces/':
   * when set, the grant also covers every key outside it, in this bucket and any other (external
   * storage that is nobody's own), with the same access.
   */
  outside?: string;
  /**
   * Also allow listing the bucket with no prefix at all: the check s3fs makes before it mounts a
   * prefix (it lists the bucket's root). It shows key names of the whole bucket, never contents,
   * so only the node-side mount keys get it, never the keys handed to pods.
   */
  mountCheck?: boolean;
}

const READ_OBJECT_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  's3:GetObjectAttributes',
  's3:GetObjectTagging',
];
const WRITE_OBJECT_ACTIONS = [
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:PutObjectTagging',
  's3:AbortMultipartUpload',
  's3:ListMultipartUploadParts',
];
const READ_BUCKET_ACTIONS = ['s3:ListBucket', 's3:ListBucketVersions'];

/** A prefix as the grants take it: relative, without '..' segments, ending with '/'. */
export function normalizedPrefix(prefix: string): string {
  if (prefix === '' || prefix.startsWith('/') || !prefix.endsWith('/')) {
    throw new Error(`A grant's prefix must be relative and end with '/', not '${prefix}'`);
  }
  if (prefix.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw new Error(`A grant's prefix must not have '.' or '..' segments: '${prefix}'`);
  }
  if (/[*?$]/.test(prefix)) throw new Error(`A grant's prefix must not have wildcards: '${prefix}'`);
  return prefix;
}

/**
 * The policy document (JSON) of a grant. Objects: the prefix's keys and the key of the prefix
 * itself without its '/' (a "directory" that clients HEAD). Listing: the bucket, only with an
 * s3:prefix inside the grant (or the prefix without its '/'). An expiry adds a DateLessThan
 * condition on aws:CurrentTime to every statement.
 */
export function prefixPolicyDocument(grant: PrefixGrant): string {
  const prefix = normalizedPrefix(grant.prefix);
  const bucketArn = `arn:aws:s3:::${grant.bucket}`;
  const objectArns = [`${bucketArn}/${prefix.slice(0, -1)}`, `${bucketArn}/${prefix}*`];
  const writes = grant.access === 'read-write';
  const expiry = grant.expiresAt
    ? { DateLessThan: { 'aws:CurrentTime': grant.expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z') } }
    : {};
  const statements = [
    {
      Sid: 'Objects',
      Effect: 'Allow',
      Action: writes ? [...READ_OBJECT_ACTIONS, ...WRITE_OBJECT_ACTIONS] : READ_OBJECT_ACTIONS,
      Resource: objectArns,
      ...(grant.expiresAt ? { Condition: expiry } : {}),
    },
    {
      Sid: 'List',
      Effect: 'Allow',
      Action: READ_BUCKET_ACTIONS,
      Resource: [bucketArn],
      Condition: { StringLike: { 's3:prefix': [prefix.slice(0, -1), `${prefix}*`] }, ...expiry },
    },
  ];
  const outside =
    grant.outside === undefined ? [] : outsideStatements(grant, normalizedPrefix(grant.outside));
  const mountCheck = grant.mountCheck
    ? [
        {
          Sid: 'MountCheck',
          Effect: 'Allow',
          Action: ['s3:ListBucket'],
          Resource: [bucketArn],
          Condition: { Null: { 's3:prefix': 'true' }, ...expiry },
        },
      ]
    : [];
  return JSON.stringify({ Version: '2012-10-17', Statement: [...statements, ...outside, ...mountCheck] });
}

/** Every string that is a proper prefix of `reserved` without its '/' (w, wo, ... workspaces). */
function leadingParts(reserved: string): string[] {
  return Array.from({ length: reserved.length - 1 }, (_, index) => reserved.slice(0, index + 1));
}

/**
 * Objects anywhere but below `reserved`; listings of other buckets; and listings of the bucket
 * with a prefix that can only name keys outside `reserved` (a prefix must be given: a listing
 * without one, or with 'w', 'wo', ..., would show the keys below it).
 */
function outsideStatements(grant: PrefixGrant, reserved: string) {
  const bucketArn = `arn:aws:s3:::${grant.bucket}`;
  const writes = grant.access === 'read-write';
  return [
    {
      Sid: 'OutsideObjects',
      Effect: 'Allow',
      Action: writes ? [...READ_OBJECT_ACTIONS, ...WRITE_OBJECT_ACTIONS] : READ_OBJECT_ACTIONS,
      NotResource: [`${bucketArn}/${reserved.slice(0, -1)}`, `${bucketArn}/${reserved}*`],
    },
    {
      Sid: 'OtherBucketsList',
      Effect: 'Allow',
      Action: READ_BUCKET_ACTIONS,
      NotResource: [bucketArn],
    },
    {
      Sid: 'OutsideList',
      Effect: 'Allow',
      Action: READ_BUCKET_ACTIONS,
      Resource: [bucketArn],
      Condition: {
        Null: { 's3:prefix': 'false' },
        StringNotLike: { 's3:prefix': [...leadingParts(reserved), `${reserved}*`] },
      },
    },
  ];
}
