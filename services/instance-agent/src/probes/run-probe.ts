import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { ProbeTarget } from './probe-target.js';

/** Runs one probe: HTTP 2xx/3xx or an accepted TCP connection within the timeout passes. */
export function runProbe(target: ProbeTarget, timeoutMs: number): Promise<boolean> {
  if (target.kind === 'assumed') return Promise.resolve(true);
  if (target.kind === 'invalid') return Promise.resolve(false);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (passed: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(passed);
    };
    const timer = setTimeout(() => {
      cleanup();
      settle(false);
    }, timeoutMs);
    let cleanup: () => void = () => {};
    if (target.kind === 'tcp') {
      const socket = connect({ host: target.host, port: target.port });
      cleanup = () => socket.destroy();
      socket.once('connect', () => {
        socket.destroy();
        settle(true);
      });
      socket.once('error', () => settle(false));
      return;
    }
    const send = target.scheme === 'https' ? httpsRequest : httpRequest;
    const request = send(
      {
        host: target.host,
        port: target.port,
        path: target.path,
        method: 'GET',
        headers: { 'user-agent': 'kube-probe/1.36', accept: '*/*', ...target.headers },
        rejectUnauthorized: false,
      },
      (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        settle(status >= 200 && status < 400);
      },
    );
    cleanup = () => request.destroy();
    request.once('error', () => settle(false));
    request.end();
  });
}

/** How a prober runs one probe (tests pass their own). */
export type ProbeRunner = typeof runProbe;
