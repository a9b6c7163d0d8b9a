import type { V1Container, V1Pod } from '@kubernetes/client-node';
import { parseQuantity } from './quantity.js';
import { expandVariables } from './variable-expansion.js';

/** Decoded data of the Secrets and ConfigMaps a container refers to; undefined means not found. */
export interface EnvSources {
  secrets: ReadonlyMap<string, Readonly<Record<string, string>> | undefined>;
  configMaps: ReadonlyMap<string, Readonly<Record<string, string>> | undefined>;
}

/** What fieldRef and resourceFieldRef read besides the pod itself. */
export interface EnvContext {
  pod: V1Pod;
  podIP: string;
  hostIP: string;
  /** The node's allocatable cpu and memory: the value of a limit the container does not set. */
  allocatable: Readonly<Record<string, string>>;
}

export type EnvResolution = { ok: true; env: Record<string, string> } | { ok: false; message: string };

/** Names of the Secrets and ConfigMaps that env and envFrom of these containers refer to. */
export function referencedSources(containers: readonly V1Container[]): {
  secrets: Set<string>;
  configMaps: Set<string>;
} {
  const secrets = new Set<string>();
  const configMaps = new Set<string>();
  for (const container of containers) {
    for (const source of container.envFrom ?? []) {
      if (source.secretRef?.name) secrets.add(source.secretRef.name);
      if (source.configMapRef?.name) configMaps.add(source.configMapRef.name);
    }
    for (const variable of container.env ?? []) {
      const from = variable.valueFrom;
      if (from?.secretKeyRef?.name) secrets.add(from.secretKeyRef.name);
      if (from?.configMapKeyRef?.name) configMaps.add(from.configMapKeyRef.name);
    }
  }
  return { secrets, configMaps };
}

/** A C identifier-like name, what a shell can export; envFrom keys that are not are skipped. */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

class EnvError extends Error {}

/**
 * The environment a container declares, as the kubelet builds it: envFrom sources in order, then
 * env entries in order (later names win), each env value expanded with $(VAR) against the
 * variables defined before it. A missing Secret, ConfigMap or key that is not optional is a
 * configuration error (the kubelet's CreateContainerConfigError), reported with its message.
 */
export function resolveContainerEnv(
  container: V1Container,
  context: EnvContext,
  sources: EnvSources,
): EnvResolution {
  const namespace = context.pod.metadata?.namespace ?? '';
  const env: Record<string, string> = {};
  try {
    for (const source of container.envFrom ?? []) {
      const prefix = source.prefix ?? '';
      let data: Readonly<Record<string, string>> | undefined;
      if (source.secretRef) {
        data = sources.secrets.get(source.secretRef.name ?? '');
        if (!data && !source.secretRef.optional)
          throw new EnvError(`secret "${source.secretRef.name}" not found`);
      } else if (source.configMapRef) {
        data = sources.configMaps.get(source.configMapRef.name ?? '');
        if (!data && !source.configMapRef.optional) {
          throw new EnvError(`configmap "${source.configMapRef.name}" not found`);
        }
      }
      for (const [key, value] of Object.entries(data ?? {})) {
        const name = prefix + key;
        if (ENV_NAME.test(name)) env[name] = value;
      }
    }
    for (const variable of container.env ?? []) {
      const from = variable.valueFrom;
      if (!from) {
        env[variable.name] = expandVariables(variable.value ?? '', env);
        continue;
      }
      const value = valueFrom(variable.name, from, container, context, sources, namespace);
      if (value !== undefined) env[variable.name] = value;
    }
  } catch (error) {
    if (error instanceof EnvError) return { ok: false, message: error.message };
    throw error;
  }
  return { ok: true, env };
}

function valueFrom(
  name: string,
  from: NonNullable<NonNullable<V1Container['env']>[number]['valueFrom']>,
  container: V1Container,
  context: EnvContext,
  sources: EnvSources,
  namespace: string,
): string | undefined {
  if (from.secretKeyRef) {
    const { name: secret = '', key, optional } = from.secretKeyRef;
    const data = sources.secrets.get(secret);
    if (!data) {
      if (optional) return undefined;
      throw new EnvError(`secret "${secret}" not found`);
    }
    if (!Object.hasOwn(data, key)) {
      if (optional) return undefined;
      throw new EnvError(`couldn't find key ${key} in Secret ${namespace}/${secret}`);
    }
    return data[key];
  }
  if (from.configMapKeyRef) {
    const { name: configMap = '', key, optional } = from.configMapKeyRef;
    const data = sources.configMaps.get(configMap);
    if (!data) {
      if (optional) return undefined;
      throw new EnvError(`configmap "${configMap}" not found`);
    }
    if (!Object.hasOwn(data, key)) {
      if (optional) return undefined;
      throw new EnvError(`couldn't find key ${key} in ConfigMap ${namespace}/${configMap}`);
    }
    return data[key];
  }
  if (from.fieldRef) return fieldValue(name, from.fieldRef.fieldPath, context);
  if (from.resourceFieldRef) {
    const { resource, divisor } = from.resourceFieldRef;
    return resourceValue(name, resource, divisor, container, context);
  }
  return undefined;
}

const SUBSCRIPT = /^metadata\.(labels|annotations)\['([^']*)'\]$/;

function fieldValue(name: string, fieldPath: string, context: EnvContext): string {
  const { pod, podIP, hostIP } = context;
  const metadata = pod.metadata ?? {};
  const subscript = SUBSCRIPT.exec(fieldPath);
  if (subscript) {
    const map = subscript[1] === 'labels' ? metadata.labels : metadata.annotations;
    return map?.[subscript[2] ?? ''] ?? '';
  }
  switch (fieldPath) {
    case 'metadata.name':
      return metadata.name ?? '';
    case 'metadata.namespace':
      return metadata.namespace ?? '';
    case 'metadata.uid':
      return metadata.uid ?? '';
    case 'metadata.labels':
      return formatMap(metadata.labels);
    case 'metadata.annotations':
      return formatMap(metadata.annotations);
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
    case 'status.podIPs':
      return podIP;
    case 'status.hostIP':
    case 'status.hostIPs':
      return hostIP;
    default:
      throw new EnvError(`env ${name}: unsupported fieldRef fieldPath "${fieldPath}"`);
  }
}

/** `key="value"` lines, sorted by key, as the downward API renders a whole map. */
function formatMap(map: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(map ?? {})
    .sort()
    .map((key) => `${key}=${JSON.stringify(map?.[key] ?? '')}`)
    .join('\n');
}

/**
 * requests.* and limits.* of the container, divided by the divisor and rounded up as the kubelet
 * does; an unset limit is the node's allocatable, an unset request is the limit or zero.
 */
function resourceValue(
  name: string,
  resource: string,
  divisor: string | undefined,
  container: V1Container,
  context: EnvContext,
): string {
  const [kind, resourceName = ''] = resource.split(/\.(.*)/s);
  if ((kind !== 'limits' && kind !== 'requests') || !resourceName) {
    throw new EnvError(`env ${name}: unsupported resourceFieldRef resource "${resource}"`);
  }
  const limits = container.resources?.limits ?? {};
  const requests = container.resources?.requests ?? {};
  const text =
    kind === 'limits'
      ? (limits[resourceName] ?? context.allocatable[resourceName])
      : (requests[resourceName] ?? limits[resourceName] ?? '0');
  const amount = parseQuantity(text ?? '0');
  const by = parseQuantity(divisor ?? '1');
  if (amount === undefined || by === undefined || by <= 0) {
    throw new EnvError(`env ${name}: cannot compute ${resource} with divisor ${divisor ?? '1'}`);
  }
  // Work in thousandths so "500m" / "1m" is exact before rounding up.
  return String(Math.ceil(Math.round(amount * 1000) / Math.round(by * 1000)));
}
