import type { KubernetesObject } from '@kubernetes/client-node';
import { GROUP, Labels } from '../vocabulary.js';
import { ClusterKind, JobKind, WarehouseKind } from './resource-kinds.js';

const ADMISSION_POLICY_NAME = `workspace-namespaces.${GROUP}`;

/**
 * A ValidatingAdmissionPolicy that refuses a Cluster, Job or Warehouse outside a workspace namespace: such
 * an object (`kubectl apply` without `-n`) would otherwise sit in `default` with no status, since
 * only workspace namespaces are reconciled. The namespace object is what the policy reads, so
 * the check costs no webhook.
 */
export function workspaceNamespacePolicy(): KubernetesObject[] {
  const label = Labels.workspaceId;
  const policy = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: ADMISSION_POLICY_NAME },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: [GROUP],
            apiVersions: ['*'],
            operations: ['CREATE', 'UPDATE'],
            resources: [ClusterKind.plural, JobKind.plural, WarehouseKind.plural],
          },
        ],
      },
      validations: [
        {
          expression: `has(namespaceObject.metadata.labels) && '${label}' in namespaceObject.metadata.labels`,
          messageExpression: `'a ' + object.kind + ' belongs in the namespace of a workspace (labelled ${label}, e.g. brickyard-ws-<workspace id>), not in ' + namespaceObject.metadata.name + '; list them with: kubectl get namespaces -l ${label}'`,
          reason: 'Forbidden',
        },
      ],
    },
  };
  const binding = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name: ADMISSION_POLICY_NAME },
    spec: { policyName: ADMISSION_POLICY_NAME, validationActions: ['Deny'] },
  };
  return [policy, binding];
}
