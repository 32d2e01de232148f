import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayApp, type GatewayAppOptions } from './app.ts';
import { ApiKeys, Callers } from './auth/callers.ts';
import { dxCoreProbe, revokingSessions, SessionRevocations } from './auth/revocation.ts';
import { MemorySessions, RedisSessions, type SessionStore } from './auth/sessions.ts';
import { ConfigError, type GatewayConfig } from './config.ts';
import { eventEffects } from './events/effects.ts';
import { EventHub, type EventHubOptions } from './events/hub.ts';
import { MemoryEventLog, type EventLog } from './events/log.ts';
import { RedisEventLog } from './events/redis-log.ts';
import { WebhookIntake } from './events/webhooks.ts';
import { confirmationVersions } from './graph/market-data/confirmations.ts';
import { HttpDrain } from './http/drain.ts';
import { listen, urlHost } from './http/listen.ts';
import { requestListener } from './http/router.ts';
import { settledWithin, shutDown } from './http/shutdown.ts';
import { WebhookRoute } from './http/webhooks.ts';
import { RedisLocks } from './locks.ts';
import { logger, redactValues } from './observability/logger.ts';
import { trackUpstreamCircuits, trackWebSocketConnections } from './observability/metrics.ts';
import { startTracing } from './observability/tracing.ts';
import { httpServerOptions, limitConnections, tooManyConnections } from './security/connections.ts';
import { CallerRateLimiter, LoginThrottle, readManifest, trustedDocuments, webSocketAdmission, webSocketAuthorization, type GatewaySecurity } from './security/index.ts';
import { originNotAllowed, webSocketOriginAllowed } from './security/origins.ts';
import type { SessionLimits } from './security/settings.ts';
import { SubscriptionCap } from './security/subscriptions.ts';
import { closeUpstreams, createUpstreams, upstreamHealth, type Upstreams } from './upstreams/index.ts';
import { attachGraphQLWs } from './ws.ts';

export interface RunningGateway {
  url: string;
  upstreams: Upstreams;
  events: EventHub;
  /** Ends end users' subscriptions when their sessions end; `recheck()` runs a round now. */
  revocations: SessionRevocations;
  /** Where events live: `in memory` or `in Redis (shared)`. */
  eventLogKind: string;
  /** Open graphql-ws connections. */
  webSocketConnections(): number;
  /**
   * Graceful shutdown: `/readyz` answers 503 (for SHUTDOWN_DELAY_MS), then the listener closes, requests
   * in progress finish, SSE streams complete and graphql-ws sockets close with 1001, all within
   * SHUTDOWN_GRACE_MS (then cut); then the companion (the demo's simulators), event log, sessions and upstream pools close.
   */
  close(): Promise<void>;
}

export interface GatewayOptions {
  hub?: EventHubOptions;
  /** GraphiQL's opening state per request (the demo fills in tabs and its key). */
  graphiql?: GatewayAppOptions['graphiql'];
  /** What runs beside the gateway (the demo's simulators): told the gateway's URL once it listens, closed first at shutdown. */
  companion?: { listening(url: string): void; close(): Promise<void> };
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

/** What the gateway enforces (src/security/), from the configuration: introspection is on by default in demo mode only. */
function securityOf(config: GatewayConfig, documents: Map<string, string>): GatewaySecurity {
  const { introspection, trustedDocuments: mode, limits, rateLimit, login } = config.security;
  return {
    introspection: introspection ?? config.demo,
    trustedDocuments: mode,
    documents,
    limits,
    rateLimiter: rateLimit && new CallerRateLimiter(rateLimit, config.redisUrl),
    loginThrottle: new LoginThrottle(login, config.redisUrl),
    subscriptions: config.subscriptionsPerCaller ? new SubscriptionCap(config.subscriptionsPerCaller) : undefined,
  };
}

/**
 * The composition root: starts the gateway on `config.port` at `config.host` with what `config` names,
 * and nothing else (main.ts resolves the configuration, the demo's included).
 */
export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<RunningGateway> {
  // Read before anything is opened: a bad manifest stops the start with nothing to close.
  const { trustedDocuments: mode, trustedDocumentsManifest } = config.security;
  const documents = trustedDocuments(mode === 'off' ? [] : readManifest(trustedDocumentsManifest));
  const tracing = startTracing();
  const { dxcore, retail, platform, webhookSecret } = config;
  if (!dxcore || !retail || !platform) throw new Error('upstreams are not configured');
  const { log, sessions: store } = await sharedState(config.redisUrl, config.security.sessions);
  const upstreams = createUpstreams({ dxcore, retail, platform });
  const revocations = new SessionRevocations(store, dxCoreProbe(upstreams.dxcore), { recheckSeconds: config.security.sessions.recheckSeconds, redisUrl: config.redisUrl });
  await revocations.ready();
  const sessions = revokingSessions(store, revocations);
  const callers = new Callers(new ApiKeys(config.apiKeys), sessions);
  redactValues([dxcore.password, retail.apiKey, platform.apiKey, webhookSecret, ...config.apiKeys.keys()]);
  const events = new EventHub(log, options.hub);
  const report = (message: string, error: unknown) => logger.error({ err: error }, message);
  const intake = new WebhookIntake({ secret: webhookSecret, hub: events, onLogged: eventEffects(upstreams, config.mode), report });
  if (!webhookSecret) logger.warn('WEBHOOK_SECRET is not set: every webhook is refused (503)');
  const webhooks = new WebhookRoute(config.webhooks, intake, webhookSecret !== undefined);
  const security = securityOf(config, documents);
  await Promise.all([security.loginThrottle.ready(), security.rateLimiter?.ready()]);
  const confirmations = confirmationVersions(config.redisUrl);
  const locks = config.redisUrl ? new RedisLocks(config.redisUrl) : undefined;
  const yoga = createGatewayApp({ upstreams, callers, sessions, confirmations, locks, revocations, mode: config.mode, events, graphiql: options.graphiql, security, corsOrigins: config.corsOrigins });

  const server = createServer(httpServerOptions(config.connections));
  const connections = limitConnections(server, config.connections);
  const originAllowed = webSocketOriginAllowed(config.corsOrigins);
  const drain = new HttpDrain(server);
  server.on('request', requestListener({ connections, drain, webhooks, upstreams, graphql: yoga }));
  /** What the gateway holds besides its listener, closed once the requests using it are over (or when it could not listen). */
  const release = async (until: number) => {
    await log.close();
    await revocations.close();
    await store.close?.();
    await security.rateLimiter?.close();
    await security.loginThrottle.close();
    await confirmations.close?.();
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
  const ws = attachGraphQLWs(server, yoga, {
    identify: (connectionParams, address) => authorizeSocket(() => callers.ofConnection(connectionParams), address),
    admit: webSocketAdmission(security),
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
  options.companion?.listening(url);
  const graceMs = config.shutdownGraceMs ?? 10_000;
  const plan = {
    drain,
    sockets: ws,
    events,
    delayMs: config.shutdownDelayMs ?? 0,
    graceMs,
    // The companion stays up until now: the requests in progress were still calling it.
    release: async (until: number) => {
      await options.companion?.close();
      await release(until);
    },
  };
  let closing: Promise<void> | undefined;
  const close = async () => {
    await shutDown(plan);
    untrackWebSockets();
    untrackCircuits();
    await tracing?.flush();
  };
  return {
    url,
    upstreams,
    events,
    revocations,
    eventLogKind: config.redisUrl ? 'in Redis (shared by instances)' : 'in memory (this instance only)',
    webSocketConnections: ws.connections,
    close: () => (closing ??= close()),
  };
}
