import { describe, expect, it } from 'vitest';
import { kubernetesServiceEnv } from './kubernetes-service-env.js';

describe('kubernetesServiceEnv', () => {
  it.each([
    {
      sentence: 'an https server with a port names its host and port',
      server: 'https://127.0.0.1:6443',
      env: {
        KUBERNETES_SERVICE_HOST: '127.0.0.1',
        KUBERNETES_SERVICE_PORT: '6443',
        KUBERNETES_SERVICE_PORT_HTTPS: '6443',
        KUBERNETES_PORT: 'tcp://127.0.0.1:6443',
        KUBERNETES_PORT_6443_TCP: 'tcp://127.0.0.1:6443',
        KUBERNETES_PORT_6443_TCP_PROTO: 'tcp',
        KUBERNETES_PORT_6443_TCP_PORT: '6443',
        KUBERNETES_PORT_6443_TCP_ADDR: '127.0.0.1',
      },
    },
    {
      sentence: 'an https server without a port is on 443',
      server: 'https://api.example.com',
      env: expect.objectContaining({
        KUBERNETES_SERVICE_HOST: 'api.example.com',
        KUBERNETES_SERVICE_PORT: '443',
      }),
    },
    {
      sentence: 'an IPv6 host is bare in the host variable and bracketed in the URLs',
      server: 'https://[::1]:6443',
      env: expect.objectContaining({ KUBERNETES_SERVICE_HOST: '::1', KUBERNETES_PORT: 'tcp://[::1]:6443' }),
    },
    { sentence: 'a server that is not a URL yields nothing', server: 'not a url', env: {} },
  ])('$sentence', ({ server, env }) => {
    expect(kubernetesServiceEnv(server)).toEqual(env);
  });
});
