import type { ComputeCaller } from '@brickyard/common/compute-callers';
import { Client, credentials, Metadata } from '@grpc/grpc-js';
import type protobuf from 'protobufjs';
import type { ConnectProtos } from './connect-protos.js';
import type { DataTypeMessage } from './sql-type.js';

/**
 * A gRPC client of the Spark Connect servers of SQL warehouse drivers (SparkConnectService in
 * spark/connect/base.proto), one channel per driver address. It runs SQL as the `sql` relation
 * at the root of a plan, so one ExecutePlan call parses, binds, runs and streams the result:
 * the schema first, then Arrow IPC batches (at least one, empty for an empty result).
 */

const SERVICE = '/spark.connect.SparkConnectService';
const CLIENT_TYPE = 'brickyard-sql-engine';
/** Unary calls (interrupt, release) are small; a driver that does not answer them is gone. */
const UNARY_TIMEOUT_MS = 10_000;

/** One Spark session of one user on one driver. */
export interface ConnectSession {
  /** The driver's Spark Connect server, `host:port`. */
  address: string;
  sessionId: string;
  userId: string;
  /**
   * Set for a session kept across statements: the driver's own id of it, learnt from its first
   * answer and sent with every call after, so that a driver which lost the session (it restarted)
   * refuses the call (INVALID_HANDLE.SESSION_CHANGED) instead of running it in a new, bare one.
   */
  observed?: { serverSessionId?: string };
  /**
   * Set on a SQL warehouse: the user whose grants the session's catalog calls carry, introduced
   * to the session before its first statement (SqlEngine).
   */
  caller?: ComputeCaller;
}

export interface SqlCall {
  session: ConnectSession;
  /** A UUID: Interrupt finds the running call by it. */
  operationId: string;
  sql: string;
}

export type ExecuteEvent =
  | { kind: 'schema'; dataType: DataTypeMessage }
  | { kind: 'arrow'; data: Uint8Array; rowCount: number };

interface ExecutePlanResponseMessage extends protobuf.Message {
  server_side_session_id?: string;
  schema?: protobuf.Message | null;
  arrow_batch?: { data?: Uint8Array; row_count?: unknown } | null;
}

export class SparkConnectClient {
  private readonly channels = new Map<string, Client>();

  constructor(private readonly protos: ConnectProtos) {}

  private channel(address: string): Client {
    let client = this.channels.get(address);
    if (!client) {
      client = new Client(address, credentials.createInsecure(), {
        // Arrow batches and statements (up to 16 MiB) are larger than gRPC's 4 MiB default.
        'grpc.max_receive_message_length': -1,
        'grpc.max_send_message_length': -1,
      });
      this.channels.set(address, client);
    }
    return client;
  }

  private encode(type: protobuf.Type) {
    return (value: object) => Buffer.from(type.encode(type.fromObject(value)).finish());
  }

  private userContext(session: ConnectSession) {
    return { user_id: session.userId, user_name: session.userId };
  }

  /** The events of one statement; ends when the result is complete, throws a ServiceError on failure. */
  async *execute(call: SqlCall, signal?: AbortSignal): AsyncGenerator<ExecuteEvent> {
    // An abort that came while the call was being prepared (a session's caller being introduced)
    // fires no event: the call must not start, or it would run to its end on the driver.
    signal?.throwIfAborted();
    const { protos } = this;
    const { observed } = call.session;
    const request = {
      session_id: call.session.sessionId,
      user_context: this.userContext(call.session),
      operation_id: call.operationId,
      client_type: CLIENT_TYPE,
      plan: { root: { sql: { query: call.sql } } },
      ...(observed?.serverSessionId && { client_observed_server_side_session_id: observed.serverSessionId }),
    };
    const stream = this.channel(call.session.address).makeServerStreamRequest(
      `${SERVICE}/ExecutePlan`,
      this.encode(protos.executePlanRequest),
      (bytes: Buffer) => protos.executePlanResponse.decode(bytes) as ExecutePlanResponseMessage,
      request,
      new Metadata(),
      {},
    );
    let complete = false;
    const cancel = () => stream.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      for await (const response of stream as AsyncIterable<ExecutePlanResponseMessage>) {
        if (observed && !observed.serverSessionId && response.server_side_session_id)
          observed.serverSessionId = response.server_side_session_id;
        if (response.schema) {
          const dataType = protos.dataType.toObject(response.schema, { oneofs: true, longs: Number });
          yield { kind: 'schema', dataType: dataType as DataTypeMessage };
        }
        const batch = response.arrow_batch;
        if (batch?.data) yield { kind: 'arrow', data: batch.data, rowCount: Number(batch.row_count ?? 0) };
      }
      complete = true;
    } finally {
      signal?.removeEventListener('abort', cancel);
      if (!complete) {
        // Aborted, failed or left early (a row limit reached): a cancelled call leaves its Spark
        // job running on the driver, so the operation is interrupted too.
        stream.cancel();
        this.interrupt(call.session, call.operationId).catch(() => undefined);
      }
    }
  }

  private unary(address: string, method: string, type: protobuf.Type, reply: protobuf.Type, request: object) {
    return new Promise<void>((resolve, reject) => {
      this.channel(address).makeUnaryRequest(
        `${SERVICE}/${method}`,
        this.encode(type),
        (bytes: Buffer) => reply.decode(bytes),
        request,
        new Metadata(),
        { deadline: Date.now() + UNARY_TIMEOUT_MS },
        (error) => (error ? reject(error) : resolve()),
      );
    });
  }

  /** Interrupts the call with this operation id, if it still runs. */
  interrupt(session: ConnectSession, operationId: string): Promise<void> {
    return this.unary(
      session.address,
      'Interrupt',
      this.protos.interruptRequest,
      this.protos.interruptResponse,
      {
        session_id: session.sessionId,
        user_context: this.userContext(session),
        client_type: CLIENT_TYPE,
        interrupt_type: 'INTERRUPT_TYPE_OPERATION_ID',
        operation_id: operationId,
      },
    );
  }

  /** Sets Spark settings of a session (creating it on the driver when it is new). */
  setConfig(session: ConnectSession, settings: Record<string, string>): Promise<void> {
    return this.unary(session.address, 'Config', this.protos.configRequest, this.protos.configResponse, {
      session_id: session.sessionId,
      user_context: this.userContext(session),
      client_type: CLIENT_TYPE,
      operation: { set: { pairs: Object.entries(settings).map(([key, value]) => ({ key, value })) } },
    });
  }

  /** Ends a session and frees what it holds on the driver (a no-op for an unknown session). */
  releaseSession(session: ConnectSession): Promise<void> {
    return this.unary(
      session.address,
      'ReleaseSession',
      this.protos.releaseSessionRequest,
      this.protos.releaseSessionResponse,
      { session_id: session.sessionId, user_context: this.userContext(session), client_type: CLIENT_TYPE },
    );
  }

  /** Closes the channel to a driver no one uses any more. */
  closeChannel(address: string): void {
    this.channels.get(address)?.close();
    this.channels.delete(address);
  }

  close(): void {
    for (const client of this.channels.values()) client.close();
    this.channels.clear();
  }
}
