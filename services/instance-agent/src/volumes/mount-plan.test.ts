import type { V1Container, V1Volume } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { type MountPlan, planMounts } from './mount-plan.js';

const volumes: V1Volume[] = [
  { name: 'scratch', emptyDir: {} },
  { name: 'config', configMap: { name: 'settings' } },
  { name: 'data', hostPath: { path: '/srv/data' } },
];
const volumeDir = (name: string): string => `/state/pods/uid/volumes/${name}`;

describe('planMounts', () => {
  it.each<{ sentence: string; mounts: NonNullable<V1Container['volumeMounts']>; plan: MountPlan }>([
    {
      sentence: 'a container without volumeMounts gets no mounts',
      mounts: [],
      plan: { ok: true, mounts: [] },
    },
    {
      sentence: 'an emptyDir is writable unless readOnly, a configMap is always read-only',
      mounts: [
        { name: 'scratch', mountPath: '/work' },
        { name: 'scratch', mountPath: '/ro', readOnly: true },
        { name: 'config', mountPath: '/etc/app' },
      ],
      plan: {
        ok: true,
        mounts: [
          { source: volumeDir('scratch'), target: '/work', readOnly: false },
          { source: volumeDir('scratch'), target: '/ro', readOnly: true },
          { source: volumeDir('config'), target: '/etc/app', readOnly: true },
        ],
      },
    },
    {
      sentence: 'subPath and subPathExpr mount a path inside the volume; parents come first',
      mounts: [
        { name: 'config', mountPath: '/etc/app/app.yaml', subPath: 'app.yaml' },
        { name: 'scratch', mountPath: '/etc/app/', subPathExpr: 'pods/$(POD_NAME)' },
      ],
      plan: {
        ok: true,
        mounts: [
          { source: `${volumeDir('scratch')}/pods/api-0`, target: '/etc/app', readOnly: false },
          { source: `${volumeDir('config')}/app.yaml`, target: '/etc/app/app.yaml', readOnly: true },
        ],
      },
    },
    {
      sentence: 'a hostPath volume mounts the host path itself',
      mounts: [{ name: 'data', mountPath: '/data' }],
      plan: { ok: true, mounts: [{ source: '/srv/data', target: '/data', readOnly: false }] },
    },
    {
      sentence: 'a mount of an undeclared volume is a configuration error',
      mounts: [{ name: 'nope', mountPath: '/x' }],
      plan: { ok: false, message: 'cannot find volume "nope" to mount into container "main"' },
    },
    {
      sentence: 'a subPath that climbs out of the volume is a configuration error',
      mounts: [{ name: 'scratch', mountPath: '/x', subPath: '../../etc' }],
      plan: { ok: false, message: 'subPath "../../etc" must be a relative path without ".."' },
    },
  ])('$sentence', ({ mounts, plan }) => {
    const container: V1Container = { name: 'main', volumeMounts: mounts };
    expect(planMounts(container, volumes, volumeDir, { POD_NAME: 'api-0' })).toEqual(plan);
  });
});
