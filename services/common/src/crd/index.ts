export * from './admission-policy.js';
export * from './case-conversion.js';
export * from './crd-manifests.js';
export * from './resource-kinds.js';
