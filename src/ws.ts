import type { IncomingMessage, OutgoingHttpHeaders, Server } from 'node:http';
import { GraphQLError, type DocumentNode, type ExecutionArgs } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import { maskError, type ServerContext } from './app.ts';
import type { Caller, CallerPlace } from './auth/callers.ts';
import type { Context } from './graph/context.ts';
import type { EventSink } from './graph/event-results.ts';
import { logger } from './observability/logger.ts';
import { withoutHttp } from './security/index.ts';
import { SocketLifetimes, type SocketLifetimeLimits } from './security/socket-lifetimes.ts';
import type { SerializedEvent } from './serialized-results.ts';

/** graphql-ws's close code for a refused `connection_init` is 4403 Forbidden; 1001 is "going away". */
const goingAway = 1001;

type Enveloped = ReturnType<YogaServerInstance<ServerContext, Context>['getEnveloped']>;

/** What the WebSocket side asks of the gateway. */
export interface WebSocketGate {
  /**
   * The connection's caller from `connection_init`'s `connectionParams`: undefined refuses the connection
   * (a credential present but wrong), a RATE_LIMITED error closes it with 4429.
   */
  identify(connectionParams: Readonly<Record<string, unknown>> | undefined, place: CallerPlace): Promise<Caller | undefined>;
  /** A `subscribe` message before it is parsed: answers the document to run, or throws the GraphQL error to send back. */
  admit(subscribe: { caller: Caller; address: string | undefined; payload: { query: string; extensions?: unknown } }): Promise<string>;
  /** The largest message, in bytes; a larger one closes the socket with 1009. */
  maxPayload: number;
  /** Refuses a handshake before the upgrade (an origin not allowed, a connection over its address's cap): the status and JSON body to answer. */
  refuse(req: IncomingMessage): { status: number; body: unknown } | undefined;
  /** Keepalive pings, idle timeouts and the anonymous sockets' own cap. */
  lifetimes: SocketLifetimeLimits;
}

const anonymous: Caller = { kind: 'anonymous' };

/** ws sends a Buffer as binary unless told otherwise; one options object for every write. */
const textFrame = { binary: false } as const;

/**
 * One subscription's pushed results: each shared event's `next` message spliced from its one
 * serialization and written as it is; `backlog` counts the writes ws has not yet handed to the socket.
 */
class SubscriptionSink implements EventSink {
  private readonly socket: WebSocket;
  private readonly id: string;
  private pending = 0;
  private readonly written = () => void this.pending--;

  constructor(socket: WebSocket, id: string) {
    this.socket = socket;
    this.id = id;
  }

  ready(): boolean {
    return true;
  }

  backlog(): number {
    return this.pending;
  }

  write(event: SerializedEvent): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    this.pending++;
    this.socket.send(event.wsFrame(this.id), textFrame, this.written);
  }
}

/**
 * graphql-ws on the same path as HTTP GraphQL, executed by Yoga's own envelop (so the same context,
 * masking and plugins apply). The caller authenticates in `connection_init` with
 * `connectionParams.authorization`, once for the connection; a credential that is present but wrong
 * refuses the connection (4403, or 4429 once its address is over its rate limit). `admit` applies the
 * checks HTTP requests get from Yoga's request hooks (rate limit, trusted documents).
 */
export function attachGraphQLWs(server: Server, yoga: YogaServerInstance<ServerContext, Context>, gate: WebSocketGate) {
  const wss = new WebSocketServer({
    server,
    path: yoga.graphqlEndpoint,
    maxPayload: gate.maxPayload,
    verifyClient: ({ req }: { req: IncomingMessage }, done: (verified: boolean, code?: number, message?: string, headers?: OutgoingHttpHeaders) => void) => {
      const refused = gate.refuse(req);
      if (refused) done(false, refused.status, JSON.stringify(refused.body), { 'content-type': 'application/json' });
      else done(true);
    },
  });
  const callers = new WeakMap<object, Caller>();
  const lifetimes = new SocketLifetimes(gate.lifetimes, wss);
  const disposable = useServer<Record<string, unknown>>(
    {
      onConnect: async (ctx) => {
        let caller: Caller | undefined;
        try {
          caller = await gate.identify(ctx.connectionParams, { address: ctx.extra.request.socket.remoteAddress, host: ctx.extra.request.headers.host });
        } catch (error) {
          if (!(error instanceof GraphQLError) || error.extensions.code !== 'RATE_LIMITED') throw error;
          // Over its address's allowance, as HTTP answers 429; graphql-ws clients take 4429 as final and do not retry.
          ctx.extra.socket.close(CloseCode.TooManyInitialisationRequests, error.message);
          return false;
        }
        if (!caller) return false;
        callers.set(ctx, caller);
        const busy = () => Object.keys(ctx.subscriptions).length > 0;
        return lifetimes.admit(ctx.extra.socket, ctx.extra.request.socket.remoteAddress ?? 'unknown', caller.kind === 'anonymous', busy);
      },
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      // An admitted operation's start and end (completed, or failed: graphql-ws completes it after its
      // error) start the socket's idle time again; a refused one does not, or refusals would keep it open.
      onComplete: (ctx) => lifetimes.used(ctx.extra.socket),
      onSubscribe: async (ctx, id, params) => {
        const caller = callers.get(ctx) ?? anonymous;
        const address = ctx.extra.request.socket.remoteAddress;
        let enveloped: Enveloped;
        let document: DocumentNode;
        try {
          const query = await gate.admit({ caller, address, payload: params });
          // `params` as Yoga gives them for HTTP, a trusted document's text in place of its id: the cost limit reads the variables and operation name, the context the query.
          enveloped = yoga.getEnveloped({ caller, address, params: { ...params, query } } as never);
          document = enveloped.parse(query);
          const errors = enveloped.validate(enveloped.schema, document);
          if (errors.length > 0) return errors.map(withoutHttp);
        } catch (error) {
          // A refused or unparsable operation gets its errors; the socket and its other operations go on.
          if (error instanceof GraphQLError) return [withoutHttp(error)];
          // Anything else is masked and logged as over HTTP: thrown, graphql-ws would close the socket 4500 with its message.
          const masked = maskError(error, 'Unexpected error.');
          return [withoutHttp(masked instanceof GraphQLError ? masked : new GraphQLError('Unexpected error.'))];
        }
        let contextValue: Context;
        try {
          contextValue = await enveloped.contextFactory();
        } catch (error) {
          // The connection's session ended (a logout, a revocation): Forbidden, as at connection_init.
          if (!(error instanceof GraphQLError) || error.extensions.code !== 'UNAUTHENTICATED') throw error;
          ctx.extra.socket.close(CloseCode.Forbidden, 'Forbidden');
          return [withoutHttp(error)];
        }
        contextValue.live = new SubscriptionSink(ctx.extra.socket, id);
        const args: ExecutionArgs = {
          schema: enveloped.schema,
          document,
          operationName: params.operationName,
          variableValues: params.variables,
          contextValue,
          rootValue: enveloped,
        };
        lifetimes.used(ctx.extra.socket);
        return args;
      },
    },
    wss,
  );
  // graphql-ws prints every socket error to the console as an internal one, stack included; a client's
  // oversized message or reset is not, and ws has already closed the socket (1009 for a message over maxPayload).
  wss.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error: Error) => logger.warn({ reason: error.message }, 'graphql-ws socket closed on a client error'));
  });
  return {
    connections: () => wss.clients.size,
    /**
     * Closes every socket with 1001 (going away) and stops accepting; resolves once every client has
     * answered the close, cutting those that have not within `graceMs` (ws itself would wait 30 s).
     */
    close: async (graceMs = 10_000) => {
      lifetimes.stop();
      for (const socket of wss.clients) socket.close(goingAway, 'Server shutting down');
      const cut = setTimeout(() => wss.clients.forEach((socket) => socket.terminate()), graceMs);
      await disposable.dispose();
      clearTimeout(cut);
    },
  };
}
