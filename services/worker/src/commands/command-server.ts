import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { COMPUTE_CALLER_HEADER } from '@brickyard/common/compute-callers';
import { COMMAND_USER_HEADER } from '@brickyard/common/driver-ports';
import type { Logger } from 'pino';
import type { Dbfs } from '../storage/dbfs.js';
import { CommandApiError, doesNotExist, invalidParameter } from './command-api-error.js';
import { newContextId } from './command-ids.js';
import { createContextRequest, executeRequest, matchRoute, parseBody, type Route } from './command-routes.js';
import { ExecutionContext } from './execution-context.js';
import { commandStatusBody } from './repl-protocol.js';

/**
 * The runtime side of the Command Execution API on a cluster's driver pod: execution contexts
 * (one Python REPL each) behind the routes of command-routes.ts. The API process authenticates
 * callers and forwards their calls here, naming the caller (COMMAND_USER_HEADER); this server
 * trusts the pod network. A context is its creator's: to anyone else it does not exist.
 */
export interface CommandServerOptions {
  /** The pod's own address (BRICKYARD_POD_IP). */
  host: string;
  /** DriverPorts.commands; 0 for any free port. */
  port: number;
  workspaceId: number;
  dbfs: Dbfs;
  /** The cluster's Spark Connect server, when the runtime runs Spark. */
  sparkRemote?: string | undefined;
  pythonExecutable?: string | undefined;
  tempRoot?: string | undefined;
  /** Contexts alive at once (Databricks allows 150 a cluster; each here is a Python process). */
  maxContexts?: number;
  log: Logger;
}

export interface CommandServer {
  readonly port: number;
  /** Stops serving and destroys every context. */
  close(): Promise<void>;
}

const DEFAULT_MAX_CONTEXTS = 50;
const BODY_LIMIT_BYTES = 10 * 1024 * 1024;
/** On shutdown the REPLs get little time: the pod's Spark goes down with them. */
const CLOSE_GRACE_MS = 2_000;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT_BYTES) {
      throw new CommandApiError(413, 'INVALID_PARAMETER_VALUE', 'The request body is over 10 MB.');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Whom a call is for, as the API names them. */
interface ContextCaller {
  userName: string;
  /** On create: the credential the context's work acts with. */
  computeCaller: string | undefined;
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function contextCaller(request: IncomingMessage): ContextCaller {
  const userName = headerValue(request, COMMAND_USER_HEADER);
  if (!userName) throw invalidParameter(`The ${COMMAND_USER_HEADER} header is required.`);
  return { userName, computeCaller: headerValue(request, COMPUTE_CALLER_HEADER) };
}

function send(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** The contexts of the cluster and what each route does with them. */
class ContextRegistry {
  readonly #contexts = new Map<string, ExecutionContext>();
  #starting = 0;
  #closing = false;

  constructor(private readonly options: CommandServerOptions) {}

  async handle(route: Route, bodyText: string, caller: ContextCaller): Promise<string> {
    if (this.#closing) {
      throw new CommandApiError(503, 'TEMPORARILY_UNAVAILABLE', 'The cluster’s runtime is shutting down.');
    }
    switch (route.name) {
      case 'createContext':
        return JSON.stringify({ id: await this.#create(parseBody(bodyText), caller) });
      case 'getContext': {
        const context = this.#context(route.contextId, caller);
        return JSON.stringify({ id: context.id, status: context.status });
      }
      case 'destroyContext': {
        const context = this.#context(route.contextId, caller);
        this.#contexts.delete(context.id);
        await context.destroy();
        return JSON.stringify({ id: context.id });
      }
      case 'execute': {
        const context = this.#context(route.contextId, caller);
        const { language, command } = executeRequest(parseBody(bodyText), context.language);
        return JSON.stringify({ id: context.execute(language, command) });
      }
      case 'getCommand': {
        const command = this.#command(route.contextId, route.commandId, caller);
        return commandStatusBody(command.id, command.status, command.results);
      }
      case 'cancel':
        this.#context(route.contextId, caller).cancel(
          this.#command(route.contextId, route.commandId, caller).id,
        );
        return JSON.stringify({ id: route.commandId });
    }
  }

  async #create(body: Record<string, unknown>, caller: ContextCaller): Promise<string> {
    const { language } = createContextRequest(body);
    const max = this.options.maxContexts ?? DEFAULT_MAX_CONTEXTS;
    const alive = [...this.#contexts.values()].filter((context) => context.status !== 'Error').length;
    if (alive + this.#starting >= max) {
      throw new CommandApiError(
        400,
        'RESOURCE_EXHAUSTED',
        `Too many execution contexts are open on this cluster (the limit is ${max}): destroy unused ones first.`,
      );
    }
    this.#starting += 1;
    try {
      const { log, workspaceId, dbfs, sparkRemote, pythonExecutable, tempRoot } = this.options;
      const id = newContextId();
      const context = await ExecutionContext.start({
        id,
        owner: caller.userName,
        computeCaller: caller.computeCaller,
        language,
        workspaceId,
        dbfs,
        sparkRemote,
        pythonExecutable,
        tempRoot,
        log,
      });
      this.#contexts.set(id, context);
      return id;
    } finally {
      this.#starting -= 1;
    }
  }

  #context(id: string, caller: ContextCaller): ExecutionContext {
    const context = this.#contexts.get(id);
    if (!context || context.owner.toLowerCase() !== caller.userName.toLowerCase())
      throw doesNotExist(`Execution context ${id} does not exist.`);
    return context;
  }

  #command(contextId: string, commandId: string, caller: ContextCaller) {
    const command = this.#context(contextId, caller).command(commandId);
    if (!command)
      throw doesNotExist(`Command ${commandId} does not exist in execution context ${contextId}.`);
    return command;
  }

  async close(): Promise<void> {
    this.#closing = true;
    const contexts = [...this.#contexts.values()];
    this.#contexts.clear();
    await Promise.all(
      contexts.map(async (context) => {
        await context.destroy({ graceMs: CLOSE_GRACE_MS, releaseSpark: false });
        await context.settled;
      }),
    );
  }
}

export async function startCommandServer(options: CommandServerOptions): Promise<CommandServer> {
  const registry = new ContextRegistry(options);
  const respond = async (request: IncomingMessage, response: ServerResponse) => {
    try {
      const route = matchRoute(request.method ?? 'GET', request.url ?? '/');
      send(response, 200, await registry.handle(route, await readBody(request), contextCaller(request)));
    } catch (error) {
      if (!(error instanceof CommandApiError)) {
        options.log.error(
          { err: error, method: request.method, url: request.url },
          'A command API call failed',
        );
      }
      const failure =
        error instanceof CommandApiError
          ? error
          : new CommandApiError(500, 'INTERNAL_ERROR', 'Internal error.');
      if (!response.headersSent) send(response, failure.status, failure.body);
    }
  };
  const server = createServer((request, response) => void respond(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  options.log.info({ host: options.host, port }, 'Serving execution contexts');
  let closing: Promise<void> | undefined;
  const close = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await registry.close();
    server.closeAllConnections();
    await closed;
  };
  return {
    port,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}
