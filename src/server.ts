import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authorizationOf, createGatewayApp } from './app.ts';
import { ApiKeys, identifyCaller } from './auth/callers.ts';
import { dxCoreProbe, revokingSessions, SessionRevocations } from './auth/revocation.ts';
import { MemorySessions, RedisSessions, type SessionStore } from './auth/sessions.ts';
import { ConfigError, loadConfig, type GatewayConfig } from './config.ts';
import { demoGraphiQL } from './demo.ts';
import { eventEffects } from './events/effects.ts';
import { EventHub, type EventHubOptions } from './events/hub.ts';
import { MemoryEventLog, type EventLog } from './events/log.ts';
import { RedisEventLog } from './events/redis-log.ts';
import { WebhookIntake } from './events/webhooks.ts';
import { HttpDrain } from './http/drain.ts';
import { listen, urlHost } from './http/listen.ts';
import { requestListener } from './http/router.ts';
import { settledWithin, shutDown } from './http/shutdown.ts';
import { WebhookRoute } from './http/webhooks.ts';
import { logger, redactValues } from './observability/logger.ts';
import { trackUpstreamCircuits, trackWebSocketConnections } from './observability/metrics.ts';
import { startTracing } from './observability/tracing.ts';
import { httpServerOptions, limitConnections, tooManyConnections } from './security/connections.ts';
import { CallerRateLimiter, LoginThrottle, webSocketAdmission, type GatewaySecurity } from './security/index.ts';
import { originNotAllowed, webSocketOriginAllowed } from './security/origins.ts';
import type { SessionLimits } from './security/settings.ts';
import { SubscriptionCap } from './security/subscriptions.ts';
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
  const webhooks = new WebhookRoute(config.webhooks, intake, webhookSecret !== undefined);
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
  const yoga = createGatewayApp({ upstreams, keys, sessions, revocations, mode: effective.mode, events, graphiql, security, corsOrigins: config.corsOrigins });
  const admit = webSocketAdmission(security, { keys, sessions });

  const server = createServer(httpServerOptions(config.connections));
  const connections = limitConnections(server, config.connections);
  const originAllowed = webSocketOriginAllowed(config.corsOrigins);
  const drain = new HttpDrain(server);
  server.on('request', requestListener({ connections, drain, webhooks, upstreams, graphql: yoga }));
  /** What the gateway holds besides its listener, closed once the requests using it are over (or when it could not listen). */
  const release = async (until: number) => {
    await simulators?.close();
    await log.close();
    await revocations.close();
    await store.close?.();
    await security.rateLimiter?.close();
    await loginThrottle.close();
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
  const ws = attachGraphQLWs(server, yoga, async (params) => {
    try {
      await identifyCaller(authorizationOf(params), keys, sessions);
      return true;
    } catch {
      return false;
    }
  }, (subscribe) => admit({ authorization: authorizationOf(subscribe), address: subscribe.address, payload: subscribe.payload }), {
    maxPayload: security.limits.bodyBytes,
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
  const graceMs = config.shutdownGraceMs ?? 10_000;
  const plan = { drain, sockets: ws, events, delayMs: config.shutdownDelayMs ?? 0, graceMs, release };
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
    simulators,
    demoApiKey,
    webhookSecret,
    eventLogKind: config.redisUrl ? 'in Redis (shared by instances)' : 'in memory (this instance only)',
    webSocketConnections: ws.connections,
    close: () => (closing ??= close()),
  };
}
