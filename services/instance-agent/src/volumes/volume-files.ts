import type { V1DownwardAPIVolumeFile, V1KeyToPath, V1Pod, V1Volume } from '@kubernetes/client-node';
import { type DownwardContext, fieldValue, resourceValue } from '../env/downward-api.js';
import type { S3VolumeSpec } from './s3-mount.js';

/** One file of a volume: its path inside the volume, its bytes and permission bits. */
export interface VolumeFile {
  path: string;
  data: Buffer;
  mode: number;
}

/** A service account token a projected volume asks for. */
export interface TokenRequestSpec {
  serviceAccount: string;
  audience: string;
  expirationSeconds: number;
}

/** Decoded ConfigMaps (data and binaryData) and Secrets the volumes read; undefined: not found. */
export interface VolumeSources {
  configMaps: ReadonlyMap<string, Readonly<Record<string, Buffer>> | undefined>;
  secrets: ReadonlyMap<string, Readonly<Record<string, Buffer>> | undefined>;
  /** Tokens by tokenKey of their request. */
  tokens: ReadonlyMap<string, string>;
}

/** What a volume is on this machine: a directory the agent owns, a host path, or files it writes. */
export type VolumeContent =
  | { kind: 'emptyDir' }
  | { kind: 'hostPath'; path: string; create: boolean }
  | { kind: 'files'; files: VolumeFile[] }
  | { kind: 's3'; spec: S3VolumeSpec };

/** The CSI driver of S3 volumes (Mountpoint for Amazon S3's name), served with s3fs here. */
export const S3_CSI_DRIVER = 's3.csi.aws.com';

export type VolumePlan = { ok: true; content: VolumeContent } | { ok: false; message: string };

/** The kubelet's default mode of configMap, secret, downwardAPI and projected files: 0644. */
const DEFAULT_MODE = 0o644;
const DEFAULT_TOKEN_SECONDS = 3600;

export const tokenKey = (spec: TokenRequestSpec): string =>
  `${spec.serviceAccount}|${spec.audience}|${spec.expirationSeconds}`;

export const serviceAccountOf = (pod: V1Pod): string =>
  pod.spec?.serviceAccountName || pod.spec?.serviceAccount || 'default';

/** The ConfigMaps and Secrets the pod's volumes read. */
export function referencedVolumeSources(pod: V1Pod): { configMaps: Set<string>; secrets: Set<string> } {
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  for (const volume of pod.spec?.volumes ?? []) {
    if (volume.configMap?.name) configMaps.add(volume.configMap.name);
    if (volume.secret?.secretName) secrets.add(volume.secret.secretName);
    if (volume.csi?.nodePublishSecretRef?.name) secrets.add(volume.csi.nodePublishSecretRef.name);
    for (const source of volume.projected?.sources ?? []) {
      if (source.configMap?.name) configMaps.add(source.configMap.name);
      if (source.secret?.name) secrets.add(source.secret.name);
    }
  }
  return { configMaps, secrets };
}

/** The service account tokens a projected volume holds. */
export function volumeTokenSpecs(pod: V1Pod, volume: V1Volume): TokenRequestSpec[] {
  return (volume.projected?.sources ?? []).flatMap((source) =>
    source.serviceAccountToken ? [tokenSpec(pod, source.serviceAccountToken)] : [],
  );
}

function tokenSpec(
  pod: V1Pod,
  projection: { audience?: string; expirationSeconds?: number },
): TokenRequestSpec {
  return {
    serviceAccount: serviceAccountOf(pod),
    audience: projection.audience ?? '',
    expirationSeconds: projection.expirationSeconds ?? DEFAULT_TOKEN_SECONDS,
  };
}

class VolumeError extends Error {}

/**
 * The content of one volume as the kubelet would set it up: the files of a configMap, secret,
 * downwardAPI or projected volume (items select and rename keys, modes default to defaultMode),
 * or the directory of an emptyDir or hostPath. A missing source that is not optional, a missing
 * key or an unsupported volume type is an error that keeps the pod's containers from starting.
 */
export function planVolume(
  volume: V1Volume,
  pod: V1Pod,
  context: DownwardContext,
  sources: VolumeSources,
): VolumePlan {
  try {
    if (volume.emptyDir) return { ok: true, content: { kind: 'emptyDir' } };
    if (volume.hostPath) {
      const type = volume.hostPath.type ?? '';
      return {
        ok: true,
        content: { kind: 'hostPath', path: volume.hostPath.path, create: type === 'DirectoryOrCreate' },
      };
    }
    if (volume.csi) return { ok: true, content: { kind: 's3', spec: s3Spec(volume, sources) } };
    let files: VolumeFile[];
    if (volume.configMap) {
      const { name = '', items, optional, defaultMode = DEFAULT_MODE } = volume.configMap;
      files = keyFiles('configmap', name, sources.configMaps.get(name), items, optional, defaultMode);
    } else if (volume.secret) {
      const { secretName = '', items, optional, defaultMode = DEFAULT_MODE } = volume.secret;
      files = keyFiles('secret', secretName, sources.secrets.get(secretName), items, optional, defaultMode);
    } else if (volume.downwardAPI) {
      const { items = [], defaultMode = DEFAULT_MODE } = volume.downwardAPI;
      files = items.map((item) => downwardFile(item, pod, context, defaultMode));
    } else if (volume.projected) {
      const defaultMode = volume.projected.defaultMode ?? DEFAULT_MODE;
      files = [];
      for (const source of volume.projected.sources ?? []) {
        if (source.configMap) {
          const { name = '', items, optional } = source.configMap;
          files.push(
            ...keyFiles('configmap', name, sources.configMaps.get(name), items, optional, defaultMode),
          );
        } else if (source.secret) {
          const { name = '', items, optional } = source.secret;
          files.push(...keyFiles('secret', name, sources.secrets.get(name), items, optional, defaultMode));
        } else if (source.downwardAPI) {
          for (const item of source.downwardAPI.items ?? [])
            files.push(downwardFile(item, pod, context, defaultMode));
        } else if (source.serviceAccountToken) {
          const spec = tokenSpec(pod, source.serviceAccountToken);
          const token = sources.tokens.get(tokenKey(spec));
          if (token === undefined)
            throw new VolumeError(`no token of service account "${spec.serviceAccount}"`);
          files.push({ path: source.serviceAccountToken.path, data: Buffer.from(token), mode: defaultMode });
        } else {
          throw new VolumeError('unsupported projected volume source');
        }
      }
    } else {
      const type = Object.keys(volume).find((key) => key !== 'name') ?? 'none';
      throw new VolumeError(`volume type "${type}" is not supported by the instance agent`);
    }
    for (const file of files) checkPath(file.path);
    return { ok: true, content: { kind: 'files', files } };
  } catch (error) {
    if (error instanceof VolumeError) {
      return {
        ok: false,
        message: `MountVolume.SetUp failed for volume "${volume.name}" : ${error.message}`,
      };
    }
    throw error;
  }
}

/**
 * An S3 volume: volumeAttributes bucketName and prefix (Mountpoint's names); the endpoint, region
 * and keys from the nodePublishSecretRef Secret, under the AWS SDK's variable names (or
 * Mountpoint's key_id and access_key).
 */
function s3Spec(volume: V1Volume, sources: VolumeSources): S3VolumeSpec {
  const csi = volume.csi;
  if (csi?.driver !== S3_CSI_DRIVER) throw new VolumeError(`CSI driver "${csi?.driver}" is not installed`);
  const bucket = csi.volumeAttributes?.bucketName;
  if (!bucket) throw new VolumeError('volumeAttributes.bucketName is required');
  const secretName = csi.nodePublishSecretRef?.name;
  if (!secretName) throw new VolumeError('nodePublishSecretRef is required');
  const secret = sources.secrets.get(secretName);
  if (!secret) throw new VolumeError(`secret "${secretName}" not found`);
  const value = (...keys: string[]): string | undefined =>
    keys.map((key) => secret[key]?.toString()).find((found) => found !== undefined && found !== '');
  const endpoint = csi.volumeAttributes?.endpointUrl ?? value('AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL');
  const accessKeyId = value('key_id', 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = value('access_key', 'AWS_SECRET_ACCESS_KEY');
  if (!endpoint || !accessKeyId || !secretAccessKey) {
    throw new VolumeError(`secret "${secretName}" lacks the S3 endpoint or keys`);
  }
  return {
    bucket,
    prefix: csi.volumeAttributes?.prefix ?? '',
    endpoint,
    region: value('AWS_REGION') ?? 'us-east-1',
    accessKeyId,
    secretAccessKey,
  };
}

/** The files of a ConfigMap or Secret: every key, or only the items, each under its path. */
function keyFiles(
  kind: 'configmap' | 'secret',
  name: string,
  data: Readonly<Record<string, Buffer>> | undefined,
  items: readonly V1KeyToPath[] | undefined,
  optional: boolean | undefined,
  defaultMode: number,
): VolumeFile[] {
  if (!data) {
    if (optional) return [];
    throw new VolumeError(`${kind} "${name}" not found`);
  }
  if (!items?.length) {
    return Object.keys(data)
      .sort()
      .map((key) => ({ path: key, data: data[key] ?? Buffer.alloc(0), mode: defaultMode }));
  }
  const files: VolumeFile[] = [];
  for (const item of items) {
    const value = data[item.key];
    if (value === undefined) {
      if (optional) continue;
      throw new VolumeError(
        kind === 'configmap'
          ? `configmap references non-existent config key: ${item.key}`
          : `references non-existent secret key: ${item.key}`,
      );
    }
    files.push({ path: item.path, data: value, mode: item.mode ?? defaultMode });
  }
  return files;
}

function downwardFile(
  item: V1DownwardAPIVolumeFile,
  pod: V1Pod,
  context: DownwardContext,
  defaultMode: number,
): VolumeFile {
  let value: string | undefined;
  if (item.fieldRef) {
    value = fieldValue(item.fieldRef.fieldPath, context);
    if (value === undefined)
      throw new VolumeError(`unsupported fieldRef fieldPath "${item.fieldRef.fieldPath}"`);
  } else if (item.resourceFieldRef) {
    const { containerName, resource, divisor } = item.resourceFieldRef;
    const container = pod.spec?.containers.find((candidate) => candidate.name === containerName);
    value = container && resourceValue(resource, divisor, container, context.allocatable);
    if (value === undefined)
      throw new VolumeError(`cannot compute ${resource} of container "${containerName}"`);
  } else {
    throw new VolumeError(`downward API item "${item.path}" names no field`);
  }
  return { path: item.path, data: Buffer.from(value), mode: item.mode ?? defaultMode };
}

/** A relative path with no element starting with `..`: files stay inside the volume, clear of `..data`. */
function checkPath(path: string): void {
  if (!path || path.startsWith('/') || path.split('/').some((part) => part.startsWith('..'))) {
    throw new VolumeError(`invalid file path "${path}"`);
  }
}
