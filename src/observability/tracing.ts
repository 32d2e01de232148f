import { ROOT_CONTEXT, context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, SamplingDecision, TraceIdRatioBasedSampler, TracerProvider, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace';
import { logger } from './logger.ts';

/** `service.name` unless OTEL_SERVICE_NAME (or OTEL_RESOURCE_ATTRIBUTES) says otherwise. */
export const serviceName = 'brokerage-graphql-gateway';

/**
 * The gateway's tracer. Until `startTracing` registers a provider (and always when no OTLP endpoint is
 * configured) its spans are no-ops that cost next to nothing.
 */
export const tracer = trace.getTracer(serviceName);

/** True when the standard OTel variables ask for traces: an OTLP endpoint, the SDK not disabled, the exporter not `none`. */
export function tracingEnabled(env: NodeJS.ProcessEnv): boolean {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return Boolean(endpoint) && env.OTEL_SDK_DISABLED?.trim().toLowerCase() !== 'true' && env.OTEL_TRACES_EXPORTER?.trim().toLowerCase() !== 'none';
}

/**
 * Records a share of spans by a random draw. Written here: OpenTelemetry's ratio sampler draws on the
 * trace id, which for a caller's trace the caller chose.
 */
class RandomRatioSampler implements Sampler {
  private readonly ratio: number;

  constructor(ratio: number) {
    this.ratio = ratio;
  }

  shouldSample(): SamplingResult {
    return { decision: Math.random() < this.ratio ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD };
  }

  toString(): string {
    return `RandomRatioSampler{${this.ratio}}`;
  }
}

/** The share of traces OTEL_TRACES_SAMPLER and OTEL_TRACES_SAMPLER_ARG ask for, as the OTel SDK spec names them; default `parentbased_always_on`. */
function sampledShare(env: NodeJS.ProcessEnv): number {
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? 1);
  switch (env.OTEL_TRACES_SAMPLER?.trim().toLowerCase()) {
    case 'always_off':
    case 'parentbased_always_off':
      return 0;
    case 'traceidratio':
    case 'parentbased_traceidratio':
      return Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : 1;
    default:
      return 1;
  }
}

/**
 * That share of traces, decided by the gateway alone: a trace it starts by its id (as OpenTelemetry
 * does), a caller's trace (its `traceparent` is joined, its id kept) by a draw of its own, since both
 * the caller's sampled flag and the trace id are the caller's choice; spans inside the gateway follow
 * their parent.
 */
function samplerFrom(env: NodeJS.ProcessEnv): Sampler {
  const share = sampledShare(env);
  const fixed = share >= 1 ? new AlwaysOnSampler() : share <= 0 ? new AlwaysOffSampler() : undefined;
  const callers = fixed ?? new RandomRatioSampler(share);
  return new ParentBasedSampler({ root: fixed ?? new TraceIdRatioBasedSampler(share), remoteParentSampled: callers, remoteParentNotSampled: callers });
}

export interface Tracing {
  /** Exports the spans ended so far. */
  flush(): Promise<void>;
}

let provider: TracerProvider | undefined;

/** Whether `startTracing` set up the SDK in this process: until then spans are no-ops, and the gateway skips them. */
export const tracingStarted = (): boolean => provider !== undefined;

/**
 * Sets up the OpenTelemetry SDK for this process when `tracingEnabled(env)`: spans batched to the OTLP/HTTP
 * endpoint (the exporter reads OTEL_EXPORTER_OTLP_* itself: endpoint, headers, timeout), the async-hooks
 * context manager, and W3C trace-context propagation (the gateway keeps no baggage). Once per process;
 * later calls return the same provider. Undefined when tracing is off.
 */
export function startTracing(env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  if (!tracingEnabled(env)) return undefined;
  if (!provider) {
    const resource = resourceFromAttributes({ 'service.name': serviceName }).merge(detectResources({ detectors: [envDetector] }));
    provider = new TracerProvider({ resource, sampler: samplerFrom(env), spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })] });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
    logger.info({ serviceName }, 'OpenTelemetry tracing on: spans are exported over OTLP/HTTP');
  }
  const started = provider;
  return { flush: () => started.forceFlush() };
}

/**
 * Runs `fn` in the caller's trace (its `traceparent`), so the gateway's spans join it. Only the trace and
 * parent ids cross this trust boundary: the caller's `tracestate` and `baggage` are free text that would
 * otherwise travel on to every upstream beside the gateway's credentials, and its sampled flag decides
 * nothing (`samplerFrom`).
 */
export function withCallerTraceContext<T>(headers: Record<string, string | string[] | undefined>, fn: () => T): T {
  if (!provider) return fn();
  const traceparent = headers.traceparent;
  return context.with(propagation.extract(ROOT_CONTEXT, typeof traceparent === 'string' ? { traceparent } : {}), fn);
}

/** Adds the active trace context to outgoing request headers (`traceparent`). */
export function injectTraceContext(headers: Record<string, string>): void {
  propagation.inject(context.active(), headers);
}
