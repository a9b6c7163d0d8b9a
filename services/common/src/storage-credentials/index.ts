export { type AccessKey, IamClient } from './iam-client.js';
export { type PrefixAccess, type PrefixGrant, prefixPolicyDocument } from './prefix-policy.js';
export { grantPrefix, ScopedUserPaths } from './scoped-users.js';
