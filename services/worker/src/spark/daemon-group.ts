import type { DaemonCommand } from './daemon-commands.js';
import { type DaemonExit, DaemonProcess } from './daemon-process.js';

/**
 * The JVMs of a pod: starts them, tells apart an exit that was asked for (a stop, a Worker
 * restarted against a new master) from one that was not, which `failed` reports.
 */
export class DaemonGroup {
  private readonly running = new Set<DaemonProcess>();
  private readonly stopping = new Set<DaemonProcess>();
  private stoppingAll = false;
  private reportFailure: (exit: DaemonExit) => void = () => {};
  readonly failed = new Promise<DaemonExit>((resolve) => {
    this.reportFailure = resolve;
  });

  start(command: DaemonCommand): DaemonProcess {
    const daemon = new DaemonProcess(command);
    this.running.add(daemon);
    void daemon.exited.then((exit) => {
      this.running.delete(daemon);
      if (!this.stoppingAll && !this.stopping.delete(daemon)) this.reportFailure(exit);
    });
    return daemon;
  }

  /** Stops one daemon on purpose. */
  async stop(daemon: DaemonProcess, graceMs: number): Promise<void> {
    this.stopping.add(daemon);
    await daemon.stop(graceMs);
  }

  async stopAll(graceMs: number): Promise<void> {
    this.stoppingAll = true;
    await Promise.all([...this.running].map((daemon) => daemon.stop(graceMs)));
  }

  /** pids by daemon, for the logs. */
  pids(): Record<string, number | undefined> {
    return Object.fromEntries([...this.running].map((daemon) => [daemon.command.name, daemon.pid]));
  }
}
