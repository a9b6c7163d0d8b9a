import { toCamelCase } from '../crd/case-conversion.js';
import type { ClusterResource } from '../crd/resource-kinds.js';
import { withDefaults } from './defaults.js';
import { type Library, libraryKey } from './libraries.js';
import { type Autoscale, ClusterAttributes } from './schema.js';
import { isStopped } from './state.js';

/**
 * The spec changes that ask for a transition, made by the API's lifecycle calls and by the
 * scheduler (which starts a terminated cluster a task needs): the writers of spec. The operator
 * carries them out and publishes the resulting state in status (state.ts).
 *
 * - start: desiredState RUNNING and a new restart generation, which also starts a cluster the
 *   operator terminated for inactivity (whose desiredState never left RUNNING).
 * - restart: a new restart generation; the operator replaces every pod.
 * - terminate: desiredState TERMINATED.
 * - resize: a new size; the operator adds or removes workers.
 * - edit: new attributes; a running cluster restarts to take them, a stopped one stays stopped.
 * - libraries: the Libraries API's list, which no other change touches.
 */

/** The libraries requested for a cluster with `added` appended (those already there stay where they are). */
export function librariesInstallRequested(spec: Spec, added: readonly Library[]): Spec {
  const libraries = [...(spec.libraries ?? [])];
  const known = new Set(libraries.map(libraryKey));
  for (const library of added) {
    const key = libraryKey(library);
    if (!known.has(key)) libraries.push(library);
    known.add(key);
  }
  return { ...spec, libraries };
}

/** The libraries requested for a cluster without `removed`; the nodes keep them until a restart. */
export function librariesUninstallRequested(spec: Spec, removed: readonly Library[]): Spec {
  const gone = new Set(removed.map(libraryKey));
  return { ...spec, libraries: (spec.libraries ?? []).filter((library) => !gone.has(libraryKey(library))) };
}

type Spec = ClusterResource['spec'];

const nextGeneration = (spec: Spec): number => (spec.restartGeneration ?? 0) + 1;

export function startRequested(spec: Spec): Spec {
  return { ...spec, desiredState: 'RUNNING', restartGeneration: nextGeneration(spec) };
}

export function restartRequested(spec: Spec): Spec {
  return { ...spec, restartGeneration: nextGeneration(spec) };
}

export function terminationRequested(spec: Spec): Spec {
  return { ...spec, desiredState: 'TERMINATED' };
}

export type ClusterSize = { num_workers: number } | { autoscale: Autoscale };

export function resizeRequested(spec: Spec, size: ClusterSize): Spec {
  const { numWorkers: _size, autoscale: _bounds, ...rest } = spec;
  return 'autoscale' in size
    ? {
        ...rest,
        autoscale: { minWorkers: size.autoscale.min_workers, maxWorkers: size.autoscale.max_workers },
      }
    : { ...rest, numWorkers: size.num_workers };
}

export function editRequested(cluster: ClusterResource, attributes: ClusterAttributes): Spec {
  const { spec } = cluster;
  const { pinned, clusterSource, creatorUserName, libraries } = spec;
  return {
    ...(toCamelCase(withDefaults(attributes), ClusterAttributes) as Spec),
    desiredState: spec.desiredState,
    restartGeneration: (spec.restartGeneration ?? 0) + (isStopped(cluster) ? 0 : 1),
    ...(pinned !== undefined ? { pinned } : {}),
    ...(clusterSource !== undefined ? { clusterSource } : {}),
    ...(creatorUserName !== undefined ? { creatorUserName } : {}),
    ...(libraries !== undefined ? { libraries } : {}),
  };
}
