import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus registry, served on `/metrics`. Module-level like the process metrics it
 * holds: several gateways in one process (tests) add up in it.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

/** `success`, `partial` (data and errors), `error` (errors, no data), `invalid` (did not parse or validate). */
export type OperationOutcome = 'success' | 'partial' | 'error' | 'invalid';

export const graphqlOperations = new Counter({
  name: 'gateway_graphql_operations_total',
  help: 'GraphQL operations by operation name, type and outcome (subscriptions counted when they start)',
  labelNames: ['operation_name', 'operation_type', 'outcome'] as const,
  registers: [registry],
});

export const graphqlOperationDuration = new Histogram({
  name: 'gateway_graphql_operation_duration_seconds',
  help: 'Queries and mutations from parse to result, by operation name, type and outcome',
  labelNames: ['operation_name', 'operation_type', 'outcome'] as const,
  buckets: seconds,
  registers: [registry],
});

export const upstreamCalls = new Counter({
  name: 'gateway_upstream_calls_total',
  help: 'HTTP calls to the upstreams, one per attempt, by upstream, route pattern and status (HTTP code, timeout, unreachable; circuit_open, queue_full and over_budget were never sent)',
  labelNames: ['upstream', 'route', 'status'] as const,
  registers: [registry],
});

export const upstreamCallDuration = new Histogram({
  name: 'gateway_upstream_call_duration_seconds',
  help: 'Upstream call attempts from send to the end of the body, by upstream, route pattern and status',
  labelNames: ['upstream', 'route', 'status'] as const,
  buckets: seconds,
  registers: [registry],
});

export const loaderBatchSize = new Histogram({
  name: 'gateway_loader_batch_size',
  help: 'Keys per DataLoader batch, by how the batch was served: per_key (one upstream read per key, in one round) or list (one list call)',
  labelNames: ['strategy'] as const,
  buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
  registers: [registry],
});

const webSocketSources = new Set<() => number>();

export const webSocketConnections = new Gauge({
  name: 'gateway_graphql_ws_connections',
  help: 'Open graphql-ws connections',
  registers: [registry],
  collect() {
    let open = 0;
    for (const count of webSocketSources) open += count();
    this.set(open);
  },
});

/** Counts `connections()` into the graphql-ws gauge until the returned function is called. */
export function trackWebSocketConnections(connections: () => number): () => void {
  webSocketSources.add(connections);
  return () => webSocketSources.delete(connections);
}

const circuitStates = ['closed', 'half-open', 'open'] as const;
const circuitSources = new Set<() => Record<string, { circuit: (typeof circuitStates)[number] }>>();

export const upstreamCircuit = new Gauge({
  name: 'gateway_upstream_circuit',
  help: "Each upstream's circuit breaker: 1 for the state it is in (closed, half-open, open), 0 for the others",
  labelNames: ['upstream', 'state'] as const,
  registers: [registry],
  collect() {
    for (const health of circuitSources) {
      for (const [upstream, { circuit }] of Object.entries(health())) for (const state of circuitStates) this.set({ upstream, state }, circuit === state ? 1 : 0);
    }
  },
});

/** Reports `health()`'s circuits in the circuit gauge until the returned function is called. */
export function trackUpstreamCircuits(health: () => Record<string, { circuit: (typeof circuitStates)[number] }>): () => void {
  circuitSources.add(health);
  return () => circuitSources.delete(health);
}

export const eventsReceived = new Counter({
  name: 'gateway_events_received_total',
  help: 'Events in: webhooks by source (platform, dxfeed) and the gateway\'s own dxCore changes (gateway), by outcome (accepted, duplicate, refused)',
  labelNames: ['source', 'outcome'] as const,
  registers: [registry],
});

export const eventExecutions = new Counter({
  name: 'gateway_event_executions_total',
  help: 'Subscription events executed, by stream: once per event for all the subscribers sharing an operation, variables and caller, once per subscriber for replayed ones',
  labelNames: ['stream'] as const,
  registers: [registry],
});

export const eventsDelivered = new Counter({
  name: 'gateway_events_delivered_total',
  help: 'Events out: deliveries to subscribers, by stream (account, market-data, client)',
  labelNames: ['stream'] as const,
  registers: [registry],
});

/** Renders of the registry start at least this far apart, in milliseconds. */
const renderSpacingMs = 1_000;

/** The latest render and when it started; the next one, once scheduled, shared by every scrape waiting for it. */
let latest: { startedAt: number; text: Promise<string> } | undefined;
let next: Promise<string> | undefined;

function render(): Promise<string> {
  latest = { startedAt: performance.now(), text: registry.metrics() };
  return latest.text;
}

/** A render that starts now, or the next one once a second has passed since the latest. */
function renderAfterNow(): Promise<string> {
  if (next) return next;
  const waitMs = latest ? latest.startedAt + renderSpacingMs - performance.now() : 0;
  if (waitMs <= 0) return render();
  next = new Promise<void>((resolve) => setTimeout(resolve, waitMs)).then(() => {
    next = undefined;
    return render();
  });
  return next;
}

/**
 * The registry in Prometheus text format, with its content type. A render costs milliseconds of CPU,
 * so renders start at most once a second however often anyone scrapes: a scrape within a second of the
 * latest render waits for the next one, which every scrape waiting then shares. Each answer is rendered
 * after its scrape arrived, so it is never older than the request. Written here: prom-client renders
 * afresh on every call and has no such cache.
 */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await renderAfterNow() };
}
