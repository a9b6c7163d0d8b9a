import type { V1Container } from '@kubernetes/client-node';
import { type DownwardContext, fieldValue, resourceValue } from './downward-api.js';
import { expandVariables } from './variable-expansion.js';

/** Decoded data of the Secrets and ConfigMaps a container refers to; undefined means not found. */
export interface EnvSources {
  secrets: ReadonlyMap<string, Readonly<Record<string, string>> | undefined>;
  configMaps: ReadonlyMap<string, Readonly<Record<string, string>> | undefined>;
}

export type EnvContext = DownwardContext;

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
 * The environment a container declares, as the kubelet builds it: the service variables, then
 * envFrom sources in order, then env entries in order (later names win), each env value expanded
 * with $(VAR) against the variables defined before it. A missing Secret, ConfigMap or key that is not optional is a
 * configuration error (the kubelet's CreateContainerConfigError), reported with its message.
 */
export function resolveContainerEnv(
  container: V1Container,
  context: EnvContext,
  sources: EnvSources,
  serviceEnv: Readonly<Record<string, string>> = {},
): EnvResolution {
  const namespace = context.pod.metadata?.namespace ?? '';
  const env: Record<string, string> = { ...serviceEnv };
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
  if (from.fieldRef) {
    const { fieldPath } = from.fieldRef;
    const value = fieldValue(fieldPath, context);
    if (value === undefined) throw new EnvError(`env ${name}: unsupported fieldRef fieldPath "${fieldPath}"`);
    return value;
  }
  if (from.resourceFieldRef) {
    const { resource, divisor } = from.resourceFieldRef;
    const value = resourceValue(resource, divisor, container, context.allocatable);
    if (value === undefined) {
      throw new EnvError(`env ${name}: cannot compute ${resource} with divisor ${divisor ?? '1'}`);
    }
    return value;
  }
  return undefined;
}
