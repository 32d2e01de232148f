import type { IncomingMessage, Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';

/** Limits on the connections one gateway process accepts, over HTTP and WebSocket alike. */
export interface ConnectionLimits {
  /** Open connections from one client address; 0 turns the cap off (behind a proxy every caller shares its address). @default 256 */
  perAddress: number;
  /** Open connections in all; more are closed as they arrive. @default 10000 */
  total: number;
  /** Time to receive a request's headers. @default 10000 */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (a trickled body is cut at this point). @default 30000 */
  requestTimeoutMs: number;
  /** How long an idle kept-alive connection stays open between requests. @default 5000 */
  keepAliveTimeoutMs: number;
  /** How often each graphql-ws socket is pinged; one that has not answered the last ping is dropped. @default 30000 */
  wsPingIntervalMs: number;
  /** How long a graphql-ws socket with a caller stays open with no operation running. @default 60000 */
  wsIdleMs: number;
  /** The same for an anonymous socket (only `login` is open to it). @default 5000 */
  wsAnonymousIdleMs: number;
  /** Anonymous graphql-ws sockets open at once from one client address. @default 4 */
  wsAnonymousPerAddress: number;
}

export const defaultConnectionLimits: ConnectionLimits = {
  perAddress: 256,
  total: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  wsPingIntervalMs: 30_000,
  wsIdleMs: 60_000,
  wsAnonymousIdleMs: 5_000,
  wsAnonymousPerAddress: 4,
};

const ms = z.number().int().min(100);

/** CONNECTION_LIMITS: JSON overriding some of `defaultConnectionLimits`; unknown keys are refused. */
export const connectionLimitsSetting = z
  .strictObject({
    perAddress: z.number().int().nonnegative().optional(),
    total: z.number().int().positive().optional(),
    headersTimeoutMs: ms.optional(),
    requestTimeoutMs: ms.optional(),
    keepAliveTimeoutMs: ms.optional(),
    wsPingIntervalMs: ms.optional(),
    wsIdleMs: ms.optional(),
    wsAnonymousIdleMs: ms.optional(),
    wsAnonymousPerAddress: z.number().int().positive().optional(),
  })
  .transform((given): ConnectionLimits => ({ ...defaultConnectionLimits, ...given }))
  .refine((limits) => limits.headersTimeoutMs <= limits.requestTimeoutMs, { message: 'headersTimeoutMs must not exceed requestTimeoutMs', path: ['headersTimeoutMs'] });

/** Headers kept per request (Node's default is 2000); the gateway reads a handful. */
const maxHeadersCount = 100;

/**
 * Node's own limits for the HTTP server: header and whole-request timeouts (Node's 300 s default let a
 * body trickle in for five minutes), keep-alive idle time, and a check of those timeouts every second
 * rather than every 30 s.
 */
export function httpServerOptions(limits: ConnectionLimits): ServerOptions {
  return { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, keepAliveTimeout: limits.keepAliveTimeoutMs, connectionsCheckingInterval: 1_000 };
}

/** The answer to a connection over its address's cap, as GraphQL errors read. */
export function tooManyConnections(limit: number) {
  return { message: `Too many open connections from this address (at most ${limit}): close some and retry`, extensions: { code: 'TOO_MANY_CONNECTIONS' } };
}

/**
 * Node's limits that are server properties rather than options (connections in all, headers kept), and
 * the per-address cap Node does not have.
 */
export function limitConnections(server: Server, limits: ConnectionLimits): ConnectionCap {
  server.maxConnections = limits.total;
  server.maxHeadersCount = maxHeadersCount;
  return new ConnectionCap(server, limits.perAddress);
}

/**
 * Counts the open connections per client address. A connection over its address's cap is not dropped
 * blind: its first request (or WebSocket handshake) is answered 503 `TOO_MANY_CONNECTIONS` and the
 * connection closed; one that sends nothing ends at the headers timeout.
 */
export class ConnectionCap {
  readonly perAddress: number;
  private readonly open = new Map<string, number>();
  private readonly over = new WeakSet<Socket>();

  constructor(server: Server, perAddress: number) {
    this.perAddress = perAddress;
    if (perAddress > 0) server.prependListener('connection', (socket: Socket) => this.track(socket));
  }

  /** True when this request came on a connection beyond its address's cap. */
  refuses(req: IncomingMessage): boolean {
    return this.over.has(req.socket);
  }

  private track(socket: Socket): void {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (this.open.get(address) ?? 0) + 1;
    this.open.set(address, count);
    if (count > this.perAddress) this.over.add(socket);
    socket.once('close', () => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    });
  }
}
