import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuntimeStorage } from '../storage/runtime-storage.js';

/** The most of a task's output kept in its outcome (the full output goes to the log files). */
export const LOG_TAIL_BYTES = 64 * 1024;

export type LogStream = 'stdout' | 'stderr';

function endStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.closed || stream.destroyed) resolve();
    else stream.end(() => resolve());
  });
}

/** The last `limit` bytes of a text, cut at a character boundary. */
export function tailOf(buffer: Buffer, limit = LOG_TAIL_BYTES): string {
  if (buffer.length <= limit) return buffer.toString('utf8');
  let start = buffer.length - limit;
  // Skip UTF-8 continuation bytes so the tail starts on a whole character.
  while (start < buffer.length && ((buffer[start] as number) & 0xc0) === 0x80) start += 1;
  return buffer.subarray(start).toString('utf8');
}

/**
 * A task's output: stdout and stderr written in full to files in the log directory, and the
 * interleaved tail of both kept in memory for the outcome.
 */
export class TaskLogs {
  private chunks: Buffer[] = [];
  private size = 0;
  private closed = false;

  private constructor(
    readonly directory: string,
    private readonly streams: Record<LogStream, WriteStream>,
  ) {}

  static async open(directory: string): Promise<TaskLogs> {
    await mkdir(directory, { recursive: true });
    return new TaskLogs(directory, {
      stdout: createWriteStream(join(directory, 'stdout')),
      stderr: createWriteStream(join(directory, 'stderr')),
    });
  }

  file(stream: LogStream): string {
    return join(this.directory, stream);
  }

  write(stream: LogStream, chunk: Buffer | string): void {
    if (this.closed) return;
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (buffer.length === 0) return;
    this.streams[stream].write(buffer);
    this.chunks.push(buffer);
    this.size += buffer.length;
    if (this.size > 2 * LOG_TAIL_BYTES) {
      const kept = Buffer.concat(this.chunks).subarray(-LOG_TAIL_BYTES);
      this.chunks = [kept];
      this.size = kept.length;
    }
  }

  /** Writes a line of the runtime's own output (SQL results, notices) to stdout. */
  line(text: string, stream: LogStream = 'stdout'): void {
    this.write(stream, text.endsWith('\n') ? text : `${text}\n`);
  }

  tail(limit = LOG_TAIL_BYTES): string {
    return tailOf(Buffer.concat(this.chunks), limit);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([endStream(this.streams.stdout), endStream(this.streams.stderr)]);
  }

  /** Uploads both files as `<prefix>/stdout` and `<prefix>/stderr` (closing the logs first). */
  async upload(storage: RuntimeStorage, prefix: string): Promise<void> {
    await this.close();
    await storage.upload(this.file('stdout'), `${prefix}/stdout`);
    await storage.upload(this.file('stderr'), `${prefix}/stderr`);
  }
}
