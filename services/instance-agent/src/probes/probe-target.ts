import type { V1Container, V1Probe } from '@kubernetes/client-node';

/** Where and how a probe checks a container. */
export type ProbeTarget =
  | {
      kind: 'http';
      scheme: 'http' | 'https';
      host: string;
      port: number;
      path: string;
      headers: Record<string, string>;
    }
  | { kind: 'tcp'; host: string; port: number }
  /** exec probes cannot run without a container runtime; they count as passing. */
  | { kind: 'assumed'; reason: string }
  | { kind: 'invalid'; message: string };

export interface ProbeTiming {
  initialDelayMs: number;
  periodMs: number;
  timeoutMs: number;
  successThreshold: number;
  failureThreshold: number;
}

/**
 * The target of a probe against the pod's address: httpGet and tcpSocket as the kubelet runs
 * them (a named port is looked up among the container's ports, the host defaults to the pod IP),
 * grpc as a TCP connect to its port, exec as passing.
 */
export function probeTarget(probe: V1Probe, container: V1Container, podIP: string): ProbeTarget {
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, container);
    if (port === undefined) return invalidPort(probe.httpGet.port, container);
    const path = probe.httpGet.path ?? '/';
    return {
      kind: 'http',
      scheme: probe.httpGet.scheme?.toLowerCase() === 'https' ? 'https' : 'http',
      host: probe.httpGet.host || podIP,
      port,
      path: path.startsWith('/') ? path : `/${path}`,
      headers: Object.fromEntries(
        (probe.httpGet.httpHeaders ?? []).map((header) => [header.name, header.value]),
      ),
    };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, container);
    if (port === undefined) return invalidPort(probe.tcpSocket.port, container);
    return { kind: 'tcp', host: probe.tcpSocket.host || podIP, port };
  }
  if (probe.grpc) return { kind: 'tcp', host: podIP, port: probe.grpc.port };
  return {
    kind: 'assumed',
    reason: probe.exec ? 'exec probes are not run by the instance agent' : 'no handler',
  };
}

/** The kubelet's defaults: period 10 s, timeout 1 s, one success, three failures. */
export function probeTiming(probe: V1Probe): ProbeTiming {
  return {
    initialDelayMs: (probe.initialDelaySeconds ?? 0) * 1000,
    periodMs: Math.max(1, probe.periodSeconds ?? 10) * 1000,
    timeoutMs: Math.max(1, probe.timeoutSeconds ?? 1) * 1000,
    successThreshold: Math.max(1, probe.successThreshold ?? 1),
    failureThreshold: Math.max(1, probe.failureThreshold ?? 3),
  };
}

function resolvePort(port: number | string, container: V1Container): number | undefined {
  if (typeof port === 'number') return valid(port);
  if (/^\d+$/.test(port)) return valid(Number(port));
  return valid(container.ports?.find((candidate) => candidate.name === port)?.containerPort);
}

function valid(port: number | undefined): number | undefined {
  return port !== undefined && Number.isInteger(port) && port > 0 && port < 65_536 ? port : undefined;
}

function invalidPort(port: number | string, container: V1Container): ProbeTarget {
  return { kind: 'invalid', message: `port "${port}" is not a port of container "${container.name}"` };
}
