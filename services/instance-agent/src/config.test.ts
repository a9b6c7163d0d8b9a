import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type ConfigContext, parseAgentConfig } from './config.js';

const context: ConfigContext = {
  repoRoot: '/repo',
  brickyardHome: '/repo/.brickyard',
  baseDir: '/repo/deploy/local',
  file: 'instance-agent.yaml',
};

function load(text: string) {
  return parseAgentConfig(parse(text) ?? {}, context);
}

describe('parseAgentConfig', () => {
  it('fills in defaults for an empty file', () => {
    const config = load('');
    expect(config.nodes.names).toEqual(['brickyard-instance-0', 'brickyard-instance-1']);
    expect(config.nodes.capacity).toEqual({
      cpu: '16',
      memory: '64Gi',
      pods: '110',
      'ephemeral-storage': '100Gi',
    });
    expect(config.nodes.instanceType).toBe('brickyard-local');
    expect(config.podCidr).toEqual({ base: 0x7f200000, prefix: 16 });
    expect(config.logDir).toBe('/repo/.brickyard/logs/pods');
    expect(config.stateDir).toBe('/repo/.brickyard/instance-agent');
    expect(config.volumeResyncSeconds).toBe(60);
    expect(config.repoRoot).toBe('/repo');
    expect(config.heartbeat).toEqual({
      leaseDurationSeconds: 40,
      leaseRenewSeconds: 10,
      statusUpdateSeconds: 30,
    });
    expect(config.restartBackoff).toEqual({ initialMs: 1000, maxMs: 10_000 });
    expect(config.process.inheritEnv).toContain('PATH');
    expect(config.instances).toEqual({
      enabled: false,
      reserveBytes: 2 ** 30,
      defaultExpectedBytes: 256 * 2 ** 20,
      settleMs: 60_000,
      idleMs: 30_000,
      passMs: 2000,
    });
  });

  it('reads the instance settings, and refuses a reserve that is not a quantity', () => {
    const config = load('instances: { enabled: true, reserveMemory: 3Gi, idleSeconds: 5, passSeconds: 0.5 }');
    expect(config.instances).toMatchObject({
      enabled: true,
      reserveBytes: 3 * 2 ** 30,
      idleMs: 5000,
      passMs: 500,
    });
    expect(() => load('instances: { enabled: yes please }')).toThrow(
      'instances.enabled must be true or false',
    );
    expect(() => load('instances: { reserveMemory: plenty }')).toThrow(
      'instances.reserveMemory: "plenty" is not a memory quantity',
    );
  });

  it('reads nodes, images in both forms and placeholders', () => {
    const config = load(`
nodes:
  count: 3
  namePrefix: it-node-
  capacity: { cpu: 4, memory: 8Gi }
  labels: { team: data }
images:
  brickyard/runtime:latest: [node, "\${repoRoot}/services/worker/dist/main.js"]
  brickyard/sleeper:
    command: [sleep]
    args: [3600]
logDir: ../../tmp/pods
podCidr: 127.40.0.0/20
`);
    expect(config.nodes.names).toEqual(['it-node-0', 'it-node-1', 'it-node-2']);
    expect(config.nodes.capacity).toMatchObject({ cpu: '4', memory: '8Gi', pods: '110' });
    expect(config.nodes.labels).toEqual({ team: 'data' });
    expect(config.images.get('brickyard/runtime')).toEqual({
      command: ['node', '/repo/services/worker/dist/main.js'],
      args: [],
    });
    expect(config.images.get('brickyard/sleeper')).toEqual({ command: ['sleep'], args: ['3600'] });
    expect(config.logDir).toBe('/repo/tmp/pods');
    expect(config.podCidr).toEqual({ base: 0x7f280000, prefix: 20 });
  });

  it.each([
    {
      sentence: 'a non-loopback pod block',
      text: 'podCidr: 10.0.0.0/16',
      error: 'must be inside 127.0.0.0/8',
    },
    {
      sentence: 'a capacity that is not a quantity',
      text: 'nodes: { capacity: { cpu: lots } }',
      error: 'not a resource quantity',
    },
    { sentence: 'an unknown placeholder', text: `logDir: \${HOME}/x`, error: `unknown placeholder \${HOME}` },
    {
      sentence: 'an image without a command',
      text: 'images: { x: { args: [a] } }',
      error: 'images.x.command',
    },
    { sentence: 'a zero node count', text: 'nodes: { count: 0 }', error: 'nodes.count must be an integer' },
    { sentence: 'an invalid node name', text: 'nodes: { namePrefix: Big_ }', error: 'not a valid Node name' },
    {
      sentence: 'a lease renewed no faster than it expires',
      text: 'heartbeat: { leaseDurationSeconds: 10, leaseRenewSeconds: 10 }',
      error: 'shorter than',
    },
  ])('refuses $sentence', ({ text, error }) => {
    expect(() => load(text)).toThrow(error);
  });
});
