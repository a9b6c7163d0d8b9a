import { pino } from 'pino';

/**
 * A process's settings, read at start; when they cannot be read (a variable missing or
 * malformed), one fatal log line says why, under the process's name, and the process exits 1
 * instead of crashing with a stack trace.
 */
export function readConfigOrExit<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    pino({ name }).fatal({ err: error }, 'Failed to read configuration');
    process.exit(1);
  }
}
