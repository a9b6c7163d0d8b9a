import { connect } from 'node:net';

/** Resolves once something accepts a TCP connection on host:port; rejects otherwise. */
export function checkPortOpen(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`nothing accepted a connection on ${host}:${port} in time`));
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(error);
    });
  });
}
