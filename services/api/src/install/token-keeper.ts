import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isNotFound } from '@brickyard/common/kube';
import { SYSTEM_NAMESPACE } from '@brickyard/common/vocabulary';
import type { CoreV1Api } from '@kubernetes/client-node';

/**
 * Where the install keeps the bootstrap token values (the cluster only stores their hashes):
 * files on the machine that ran it, or one Secret when it runs in the cluster (the chart's hook).
 */
export interface TokenKeeper {
  /** The kept value of `key`, or '' when none is kept. */
  read(key: string): Promise<string>;
  write(key: string, value: string): Promise<void>;
  /** Said in the install's output instead of the values, when they must not be printed. */
  readonly location: string | undefined;
}

export async function directoryKeeper(dir: string): Promise<TokenKeeper> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return {
    read: (key) =>
      readFile(join(dir, key), 'utf8').then(
        (text) => text.trim(),
        () => '',
      ),
    write: (key, value) => writeFile(join(dir, key), `${value}\n`, { mode: 0o600 }),
    location: undefined,
  };
}

/** One Secret in the system namespace, a key per token; created on the first write. */
export function secretKeeper(core: CoreV1Api, name: string): TokenKeeper {
  const namespace = SYSTEM_NAMESPACE;
  const current = async () => {
    try {
      return await core.readNamespacedSecret({ name, namespace });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  };
  return {
    async read(key) {
      const data = (await current())?.data?.[key];
      return data ? Buffer.from(data, 'base64').toString('utf8').trim() : '';
    },
    async write(key, value) {
      const secret = await current();
      const encoded = Buffer.from(value).toString('base64');
      if (!secret) {
        await core.createNamespacedSecret({
          namespace,
          body: { metadata: { name }, type: 'Opaque', data: { [key]: encoded } },
        });
        return;
      }
      secret.data = { ...secret.data, [key]: encoded };
      await core.replaceNamespacedSecret({ name, namespace, body: secret });
    },
    location: `Secret ${namespace}/${name}`,
  };
}
