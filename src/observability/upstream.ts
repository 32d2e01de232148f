import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { currentRequestId } from '../request-id.ts';
import { logger } from './logger.ts';
import { upstreamCallDuration, upstreamCalls } from './metrics.ts';
import { injectTraceContext, tracer, tracingStarted } from './tracing.ts';

export interface UpstreamAttempt {
  upstream: string;
  /** The route pattern (`GET /api/register/client/:domain/:login`): the span name and the metric label, never the concrete path. */
  route: string;
  method: string;
  /** The outgoing request headers; the trace context is added to them. */
  headers: Record<string, string>;
}

/**
 * One HTTP attempt to an upstream, observed: a client span while tracing is on (the active one while it
 * runs, its context sent as `traceparent`), a count and a duration by upstream, route and status, a debug
 * log line. `send` resolves with the answer's status or throws an error whose `failure` (timeout,
 * unreachable) labels it.
 */
export function observeUpstreamAttempt<T extends { statusCode: number }>(attempt: UpstreamAttempt, send: () => Promise<T>): Promise<T> {
  if (!tracingStarted()) return measured(attempt, send);
  const template = attempt.route.slice(attempt.route.indexOf(' ') + 1);
  const attributes = { 'http.request.method': attempt.method, 'url.template': template, 'peer.service': attempt.upstream };
  return tracer.startActiveSpan(attempt.route, { kind: SpanKind.CLIENT, attributes }, (span) => {
    injectTraceContext(attempt.headers);
    return measured(attempt, send, (status, answer) => {
      if (answer) span.setAttribute('http.response.status_code', answer.statusCode);
      else span.setAttribute('error.type', status);
      if (!answer || answer.statusCode >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
  });
}

/** The attempt counted, timed and logged; `ended` sees its status label and, when there was one, the answer. */
async function measured<T extends { statusCode: number }>(attempt: UpstreamAttempt, send: () => Promise<T>, ended?: (status: string, answer: T | undefined) => void): Promise<T> {
  const started = performance.now();
  let status = 'unreachable';
  let answer: T | undefined;
  try {
    answer = await send();
    status = String(answer.statusCode);
    return answer;
  } catch (error) {
    const failure = (error as { failure?: unknown } | null)?.failure;
    if (typeof failure === 'string') status = failure;
    throw error;
  } finally {
    const elapsed = performance.now() - started;
    const labels = { upstream: attempt.upstream, route: attempt.route, status };
    upstreamCalls.inc(labels);
    upstreamCallDuration.observe(labels, elapsed / 1000);
    ended?.(status, answer);
    if (logger.isLevelEnabled('debug')) logger.debug({ requestId: currentRequestId(), ...labels, durationMs: Math.round(elapsed) }, 'upstream call');
  }
}

/**
 * A call refused before it was sent: the circuit is open, every slot and the queue are full, or its
 * operation had made all the calls it may.
 */
export function countRefusedUpstreamCall(upstream: string, route: string, reason: 'circuit_open' | 'queue_full' | 'over_budget'): void {
  upstreamCalls.inc({ upstream, route, status: reason });
}
