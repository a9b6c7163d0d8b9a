import { randomBytes, randomUUID } from 'node:crypto';
import { loadKubeConfig } from '@brickyard/common/kube';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Secrets are encrypted at rest: what etcd stores for a Secret is the apiserver's secretbox
 * envelope, never its values. etcd is read raw through its JSON gateway (/v3/kv/range), beside the
 * apiserver; the platform has no etcdctl.
 */
const env = readPlatformEnv();
const core = loadKubeConfig(env.kubeconfig).makeApiClient(CoreV1Api);
const ETCD = `http://127.0.0.1:${process.env.ETCD_CLIENT_PORT ?? '12379'}`;
const namespace = `it-at-rest-${randomUUID().slice(0, 8)}`;

/** The bytes etcd holds under a key, as the apiserver wrote them. */
async function etcdValue(key: string): Promise<Buffer> {
  const response = await fetch(`${ETCD}/v3/kv/range`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: Buffer.from(key).toString('base64') }),
  });
  expect(response.status).toBe(200);
  const { kvs } = (await response.json()) as { kvs?: { value: string }[] };
  expect(kvs, `etcd has no key ${key}`).toHaveLength(1);
  return Buffer.from(kvs?.[0]?.value ?? '', 'base64');
}

beforeAll(async () => {
  await core.createNamespace({ body: { metadata: { name: namespace } } });
});

afterAll(async () => {
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
});

describe('a Secret in etcd', () => {
  it('is a secretbox envelope that holds none of its values, and reads back whole', async () => {
    const plaintext = `plaintext-${randomBytes(16).toString('hex')}`;
    await core.createNamespacedSecret({
      namespace,
      body: { metadata: { name: 'probe' }, stringData: { password: plaintext } },
    });

    const stored = await etcdValue(`/registry/secrets/${namespace}/probe`);
    expect(stored.subarray(0, 26).toString('latin1')).toBe('k8s:enc:secretbox:v1:key1:');
    expect(stored.includes(plaintext)).toBe(false);
    expect(stored.includes(Buffer.from(plaintext).toString('base64'))).toBe(false);

    const read = await core.readNamespacedSecret({ name: 'probe', namespace });
    expect(Buffer.from(read.data?.password ?? '', 'base64').toString()).toBe(plaintext);
  });
});
