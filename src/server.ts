import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import { authorizationOf, createGatewayApp } from './app.ts';
import { ApiKeys, identifyCaller } from './auth/callers.ts';
import { dxCoreProbe, revokingSessions, SessionRevocations } from './auth/revocation.ts';
import { MemorySessions, RedisSessions, type SessionStore } from './auth/sessions.ts';
import { ConfigError, loadConfig, type GatewayConfig } from './config.ts';
import { demoGraphiQL } from './demo.ts';
import { HttpDrain } from './drain.ts';
import { eventEffects } from './events/effects.ts';
import { EventHub, type EventHubOptions } from './events/hub.ts';
import { MemoryEventLog, type EventLog } from './events/log.ts';
import { RedisEventLog } from './events/redis-log.ts';
import { RedisLocks } from './locks.ts';
import { WebhookIntake, webhookSources, type WebhookSource } from './events/webhooks.ts';
import { logger, redactValues } from './observability/logger.ts';
import { metricsText, trackUpstreamCircuits, trackWebSocketConnections } from './observability/metrics.ts';
import { startTracing, withCallerTraceContext } from './observability/tracing.ts';
import { recordWebhook } from './observability/webhooks.ts';
import { requestIdFrom, requestIds } from './request-id.ts';
import { httpServerOptions, limitConnections, tooManyConnections } from './security/connections.ts';
import { CallerRateLimiter, LoginThrottle, webSocketAdmission, webSocketAuthorization, type GatewaySecurity } from './security/index.ts';
import { originNotAllowed, webSocketOriginAllowed } from './security/origins.ts';
import type { SessionLimits } from './security/settings.ts';
import { SubscriptionCap } from './security/subscriptions.ts';
import { WebhookGate } from './security/webhook-limits.ts';
import { startSimulators, type Simulators } from './simulators/index.ts';
import { closeUpstreams, createUpstreams, upstreamHealth, type Upstreams } from './upstreams/index.ts';
import { attachGraphQLWs } from './ws.ts';

export interface RunningGateway {
  url: string;
  upstreams: Upstreams;
  events: EventHub;
  /** Ends end users' subscriptions when their sessions end; `recheck()` runs a round now. */
  revocations: SessionRevocations;
  /** In demo mode: the simulators the gateway talks to. */
  simulators?: Simulators;
  /** In demo mode without GATEWAY_API_KEYS: the printed all-scopes key. */
  demoApiKey?: string;
  /** The secret webhooks are verified with (in demo mode, generated unless WEBHOOK_SECRET is set). */
  webhookSecret?: string;
  /** Where events live: `in memory` or `in Redis (shared)`. */
  eventLogKind: string;
  /** Open graphql-ws connections. */
  webSocketConnections(): number;
  /**
   * Graceful shutdown: `/readyz` answers 503 (for SHUTDOWN_DELAY_MS), then the listener closes, requests
   * in progress finish, SSE streams complete and graphql-ws sockets close with 1001, all within
   * SHUTDOWN_GRACE_MS (then cut); then the simulators, event log, sessions and upstream pools close.
   */
  close(): Promise<void>;
}

export interface GatewayOptions {
  hub?: EventHubOptions;
}

/**
 * Where events and sessions live: with REDIS_URL, a Redis Stream and keys every instance shares and a
 * restart keeps; otherwise this process's memory. Resolves once Redis answered, so that a gateway
 * never starts up acknowledging webhooks it cannot log.
 */
async function sharedState(redisUrl: string | undefined, bounds: SessionLimits): Promise<{ log: EventLog; sessions: SessionStore & { close?(): Promise<void> } }> {
  if (!redisUrl) return { log: new MemoryEventLog(), sessions: new MemorySessions(bounds) };
  const log = new RedisEventLog(redisUrl);
  try {
    await log.ready();
  } catch (error) {
    await log.close();
    throw new ConfigError(`REDIS_URL: Redis did not answer (${error instanceof Error ? error.message : 'unknown error'})`);
  }
  return { log, sessions: new RedisSessions(redisUrl, bounds) };
}

/**
 * `/healthz`: the process answers. `/readyz`: this process can serve, which an upstream being down does
 * not change (its fields fail alone, and an instance out of rotation would get no call to find the
 * upstream healed); the body names each upstream's state, circuit and load, without error text, and
 * asks no upstream. While the gateway shuts down `/readyz` answers 503 `draining`, so that a load
 * balancer stops sending.
 */
function operational(path: string, upstreams: Upstreams, draining: boolean): { status: number; body: unknown } | undefined {
  if (path === '/healthz') return { status: 200, body: 'ok' };
  if (path !== '/readyz') return undefined;
  if (draining) return { status: 503, body: { status: 'draining' } };
  return { status: 200, body: { status: 'ready', upstreams: upstreamHealth(upstreams) } };
}

function webhookSourceOf(path: string): WebhookSource | undefined {
  const match = /^\/webhooks\/([a-z]+)$/.exec(path);
  return webhookSources.find((s) => s === match?.[1]);
}

/** A refusal before the request is served, in its endpoint's shape: a webhook answer or GraphQL errors. */
function refusal(path: string, error: { message: string; extensions: { code: string } }): unknown {
  return webhookSourceOf(path) ? { accepted: false, error: error.message } : { errors: [error] };
}

const shuttingDown = { message: 'The gateway is shutting down: send the request again, to another instance', extensions: { code: 'SHUTTING_DOWN' } };

/** Waits for `promise` for at most `ms` (its failure counts as settled). */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<'settled' | 'timed out'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), Math.max(0, ms))));
  const outcome = await Promise.race([promise.then(() => 'settled' as const, () => 'settled' as const), timeout]);
  clearTimeout(timer);
  return outcome;
}

/** Listens on `port` at `host` (unset: every interface); a port taken or an address not this machine's is a ConfigError naming its variable. */
function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      server.off('listening', listening);
      if (error.code === 'EADDRINUSE') reject(new ConfigError(`PORT ${port} is already in use${host ? ` on ${host}` : ''}: stop what listens there, or set PORT to another port`));
      else if (error.code === 'EACCES') reject(new ConfigError(`PORT ${port} needs privileges this process does not have: set PORT above 1023`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') reject(new ConfigError(`HOST ${host} is not an address of this machine`));
      else reject(error);
    };
    const listening = () => {
      server.off('error', failed);
      resolve();
    };
    server.once('error', failed);
    server.once('listening', listening);
    server.listen(port, host);
  });
}

/** The host of the gateway's own URL: loopback when it listens on every interface. */
function urlHost(host: string | undefined): string {
  if (host === undefined || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return isIP(host) === 6 ? `[${host}]` : host;
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const type = typeof body === 'string' ? 'text/plain' : 'application/json';
  res.writeHead(status, { 'content-type': type, ...headers }).end(typeof body === 'string' ? body : JSON.stringify(body));
}

/** Starts the gateway on `config.port` at `config.host`, with the simulators in demo mode. */
export async function startGateway(config: GatewayConfig = loadConfig(), options: GatewayOptions = {}): Promise<RunningGateway> {
  const tracing = startTracing();
  const { log, sessions: store } = await sharedState(config.redisUrl, config.security.sessions);
  const simulators = config.demo ? await startSimulators() : undefined;
  const effective = simulators ? { ...config, ...loadConfig({ ...process.env, ...simulators.env, PORT: String(config.port) }), demo: true } : config;
  const { dxcore, retail, platform } = effective;
  if (!dxcore || !retail || !platform) throw new Error('upstreams are not configured');
  const upstreams = createUpstreams({ dxcore, retail, platform });
  const revocations = new SessionRevocations(store, dxCoreProbe(upstreams.dxcore), { recheckSeconds: config.security.sessions.recheckSeconds, redisUrl: config.redisUrl });
  await revocations.ready();
  const sessions = revokingSessions(store, revocations);
  const demoApiKey = simulators && effective.apiKeys.size === 0 ? `demo_${randomBytes(12).toString('base64url')}` : undefined;
  const keys = new ApiKeys(demoApiKey ? new Map([[demoApiKey, new Set(['read', 'write', 'transfers', 'admin'] as const)]]) : effective.apiKeys);
  const webhookSecret = effective.webhookSecret ?? (simulators ? `whsec_${randomBytes(32).toString('base64')}` : undefined);
  redactValues([dxcore.password, retail.apiKey, platform.apiKey, webhookSecret, demoApiKey, ...effective.apiKeys.keys()]);
  const events = new EventHub(log, options.hub);
  const report = (message: string, error: unknown) => logger.error({ err: error }, message);
  const intake = new WebhookIntake({ secret: webhookSecret, hub: events, onLogged: eventEffects(upstreams, effective.mode), report });
  if (!webhookSecret) logger.warn('WEBHOOK_SECRET is not set: every webhook is refused (503)');
  const webhooks = new WebhookGate(config.webhooks, intake, webhookSecret !== undefined);
  const graphiql = simulators ? demoGraphiQL(simulators, demoApiKey) : undefined;
  const { introspection, trustedDocuments, limits, rateLimit } = config.security;
  const loginThrottle = new LoginThrottle(config.security.login, config.redisUrl);
  const security: GatewaySecurity = {
    introspection: introspection ?? Boolean(simulators),
    trustedDocuments,
    limits,
    rateLimiter: rateLimit && new CallerRateLimiter(rateLimit, config.redisUrl),
    loginThrottle,
    subscriptions: config.subscriptionsPerCaller ? new SubscriptionCap(config.subscriptionsPerCaller) : undefined,
  };
  await Promise.all([loginThrottle.ready(), security.rateLimiter?.ready()]);
  const locks = config.redisUrl ? new RedisLocks(config.redisUrl) : undefined;
  const yoga = createGatewayApp({ upstreams, keys, sessions, revocations, mode: effective.mode, events, locks, graphiql, security, corsOrigins: config.corsOrigins });
  const admit = webSocketAdmission(security, { keys, sessions });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (connections.refuses(req)) return answer(res.setHeader('connection', 'close'), 503, refusal(path, tooManyConnections(connections.perAddress)));
    if (drain.closing && path !== '/healthz' && path !== '/readyz') return answer(res, 503, refusal(path, shuttingDown));
    const source = webhookSourceOf(path);
    if (source) {
      const unreadable = { status: 400, body: { accepted: false, error: 'The webhook body could not be read' }, headers: { connection: 'close' } };
      const { status, body, headers } = await webhooks.receive(source, req).catch(() => unreadable);
      recordWebhook(source, status, body, req.headers['webhook-id']);
      return answer(res, status, body, headers);
    }
    const op = operational(path, upstreams, drain.draining);
    if (op) return answer(res, op.status, op.body);
    // Open like /healthz: operation counts and latencies, no credential, no caller identity.
    if (path === '/metrics') return void metricsText().then(({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body));
    return yoga(req, res);
  };
  // Every request has an id (the caller's sane x-request-id or a new one), sent back and to the upstreams, and joins the caller's trace.
  const server: Server = createServer(httpServerOptions(config.connections), (req, res) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    return requestIds.run(requestId, () => withCallerTraceContext(req.headers, () => handle(req, res)));
  });
  const connections = limitConnections(server, config.connections);
  const originAllowed = webSocketOriginAllowed(config.corsOrigins);
  const drain = new HttpDrain(server);
  /** What the gateway holds besides its listener, closed once the requests using it are over (or when it could not listen). */
  const release = async (until: number) => {
    await simulators?.close();
    await log.close();
    await revocations.close();
    await store.close?.();
    await security.rateLimiter?.close();
    await loginThrottle.close();
    await locks?.close();
    // A cut request's resolvers may still be calling an upstream, and a pool's close waits for its calls.
    const pools = closeUpstreams(upstreams);
    if ((await settledWithin(pools, until - Date.now())) === 'timed out') logger.warn('shutdown: upstream calls of cut requests were still running');
  };
  // Before the WebSocket server is attached: ws re-emits a listen error as its own, which graphql-ws reports as an internal error.
  await listen(server, config.port, config.host).catch(async (error: unknown) => {
    events.close();
    await release(Date.now() + (config.shutdownGraceMs ?? 10_000));
    throw error;
  });
  const authorizeSocket = webSocketAuthorization(security);
  const ws = attachGraphQLWs(server, yoga, (params) => authorizeSocket(async () => identifyCaller(authorizationOf(params), keys, sessions), params.address), (subscribe) => admit({ authorization: authorizationOf(subscribe), address: subscribe.address, payload: subscribe.payload }), {
    maxPayload: security.limits.bodyBytes,
    lifetimes: config.connections,
    refuse: (req) => {
      if (connections.refuses(req)) return { status: 503, body: { errors: [tooManyConnections(connections.perAddress)] } };
      if (!originAllowed(req.headers.origin)) return { status: 403, body: { errors: [originNotAllowed] } };
      return undefined;
    },
  });
  const untrackWebSockets = trackWebSocketConnections(ws.connections);
  const untrackCircuits = trackUpstreamCircuits(() => upstreamHealth(upstreams));
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(config.host)}:${port}`;
  if (simulators && webhookSecret) simulators.sendWebhooksTo(url, webhookSecret);
  let closing: Promise<void> | undefined;
  const shutDown = async () => {
    drain.begin();
    if (config.shutdownDelayMs) await new Promise((resolve) => setTimeout(resolve, config.shutdownDelayMs));
    const graceMs = config.shutdownGraceMs ?? 10_000;
    const graceEnds = Date.now() + graceMs;
    // Sockets get 1001 before their subscriptions end, so a client sees "going away", not a completion.
    const sockets = ws.close(graceMs);
    const requests = drain.close(graceMs);
    events.close();
    const [, cut] = await Promise.all([sockets, requests]);
    if (cut > 0) logger.warn(`shutdown: ${cut} request(s) still running after ${graceMs} ms were cut`);
    // The simulators stay up until now: the requests in progress were still calling them.
    await release(graceEnds);
    untrackWebSockets();
    untrackCircuits();
    await tracing?.flush();
  };
  return {
    url,
    upstreams,
    events,
    revocations,
    simulators,
    demoApiKey,
    webhookSecret,
    eventLogKind: config.redisUrl ? 'in Redis (shared by instances)' : 'in memory (this instance only)',
    webSocketConnections: ws.connections,
    close: () => (closing ??= shutDown()),
  };
}
