import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '@brickyard/common/kube';
import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import type { DownwardContext } from '../env/downward-api.js';
import type { S3VolumeSpec } from './s3-mount.js';
import { mountS3, unmountAllUnder } from './s3-mount.js';
import { ServiceAccountTokens } from './service-account-tokens.js';
import { planVolume, referencedVolumeSources, volumeTokenSpecs } from './volume-files.js';
import { fetchVolumeData } from './volume-sources.js';
import { writeVolumeFiles } from './volume-writer.js';

export interface PodVolumesDeps {
  core: CoreV1Api;
  /** The pod's own directory, `<stateDir>/pods/<uid>`; its volumes live under `volumes/`. */
  podDir: string;
  /** The CA the agent trusts, for a kube-root-ca.crt ConfigMap that is not there yet. */
  rootCa: Buffer | undefined;
  /** How often configMap, secret and downwardAPI content is read again while the pod runs. */
  resyncMs: number;
  clock: () => number;
}

const RETRY_MS = 5_000;

export type VolumeSetup = { ok: true } | { ok: false; message: string };

/**
 * The volumes of one pod as directories of the agent's state dir, the kubelet's volume manager:
 * set up before its containers start, refreshed while they run (new ConfigMap and Secret
 * content, renewed tokens) and removed once the pod is done. emptyDir content survives
 * container restarts and agent restarts, as it survives both under a kubelet.
 */
export class PodVolumes {
  private readonly tokens: ServiceAccountTokens;
  private syncedAtMs: number | undefined;
  private attemptedAtMs = 0;
  private refreshes = false;

  constructor(private readonly deps: PodVolumesDeps) {
    this.tokens = new ServiceAccountTokens(deps.core, deps.clock);
  }

  dir(name: string): string {
    return join(this.deps.podDir, 'volumes', name);
  }

  /** Sets up or refreshes every volume of the pod; the first that fails is the answer. */
  async sync(pod: V1Pod, context: DownwardContext): Promise<VolumeSetup> {
    const volumes = pod.spec?.volumes ?? [];
    this.attemptedAtMs = this.deps.clock();
    const data = await fetchVolumeData(
      this.deps.core,
      pod.metadata?.namespace ?? '',
      referencedVolumeSources(pod),
      this.deps.rootCa,
    );
    for (const volume of volumes) {
      let tokens: Map<string, string>;
      try {
        tokens = await this.tokens.tokens(pod, volumeTokenSpecs(pod, volume));
      } catch (error) {
        return {
          ok: false,
          message: `MountVolume.SetUp failed for volume "${volume.name}" : failed to fetch token: ${errorMessage(error)}`,
        };
      }
      const plan = planVolume(volume, pod, context, { ...data, tokens });
      if (!plan.ok) return plan;
      const { content } = plan;
      if (content.kind === 'emptyDir') await mkdir(this.dir(volume.name), { recursive: true });
      else if (content.kind === 's3') {
        const setup = await this.mountS3(volume.name, content.spec);
        if (!setup.ok) return setup;
      } else if (content.kind === 'hostPath') {
        if (content.create) await mkdir(content.path, { recursive: true });
      } else {
        await writeVolumeFiles(this.dir(volume.name), content.files);
        this.refreshes = true;
      }
    }
    this.syncedAtMs = this.deps.clock();
    return { ok: true };
  }

  /** Mounts an S3 volume once; a mount an earlier agent made is kept. */
  private async mountS3(name: string, spec: S3VolumeSpec): Promise<VolumeSetup> {
    const target = this.dir(name);
    try {
      await mkdir(target, { recursive: true });
      await mountS3(spec, target, join(this.deps.podDir, `${name}.s3-passwd`));
      return { ok: true };
    } catch (error) {
      return { ok: false, message: `MountVolume.SetUp failed for volume "${name}" : ${errorMessage(error)}` };
    }
  }

  /** When the volumes should be synced again, if any has content that can change. */
  get nextSyncMs(): number | undefined {
    if (this.syncedAtMs === undefined || !this.refreshes) return undefined;
    const due = Math.min(
      this.syncedAtMs + this.deps.resyncMs,
      this.tokens.nextRefreshMs ?? Number.POSITIVE_INFINITY,
    );
    // A refresh that failed is retried a little later, not in a loop.
    const failed = this.attemptedAtMs > this.syncedAtMs;
    return failed ? Math.max(due, this.attemptedAtMs + RETRY_MS) : due;
  }

  /**
   * Removes the pod's directory, emptyDir content included; its processes must be gone. S3
   * volumes are unmounted first, and the directory stays if one cannot be: removing it would
   * delete the bucket's objects.
   */
  async remove(): Promise<void> {
    this.syncedAtMs = undefined;
    await removePodDir(this.deps.podDir);
  }
}

/** Removes a pod's directory once nothing is mounted below it (see PodVolumes.remove). */
export async function removePodDir(podDir: string): Promise<void> {
  if (!(await unmountAllUnder(podDir))) {
    throw new Error(`cannot remove ${podDir}: a volume below it is still mounted`);
  }
  await rm(podDir, { recursive: true, force: true });
}
