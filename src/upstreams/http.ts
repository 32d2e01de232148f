import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  fullJitterGenerator,
  handleWhen,
  retry,
  timeout,
  wrap,
  type BulkheadPolicy,
  type CircuitBreakerPolicy,
  type IPolicy,
  type TimeoutPolicy,
} from 'cockatiel';
import { Pool, errors as undiciErrors } from 'undici';
import type { z } from 'zod';
import { countRefusedUpstreamCall, observeUpstreamAttempt } from '../observability/upstream.ts';
import { logger } from '../observability/logger.ts';
import { currentRequestId } from '../request-id.ts';
import { currentAllowance, type CallAllowance } from './allowance.ts';
import { CallerLineFull, CallerShares } from './caller-shares.ts';
import { queryString, type Endpoint } from './parameters.ts';

export type UpstreamName = 'dxcore' | 'retail' | 'platform';

export const upstreamTitles: Record<UpstreamName, string> = {
  dxcore: 'dxCore',
  retail: 'Retail Services Platform',
  platform: 'Platform accounts API',
};

/**
 * How an upstream call failed: an HTTP answer, no answer, an answer the gateway cannot read, or not
 * sent because its operation had made all the calls it may (GRAPHQL_LIMITS.upstreamCalls).
 */
export type UpstreamFailure = 'http' | 'unreachable' | 'timeout' | 'bad-response' | 'over-budget';

/**
 * The one error every upstream call raises on failure. It carries what the upstream said (HTTP status,
 * its own code: dxCore `errorCode`, Retail `reason`, Platform `code`, and its message) and never the
 * URL's credentials or the request's headers.
 */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  readonly upstream: UpstreamName;
  readonly route: string;
  readonly failure: UpstreamFailure;
  /** HTTP status, 0 when there was no answer. */
  readonly status: number;
  readonly code: string | undefined;
  readonly upstreamMessage: string;

  constructor(init: { upstream: UpstreamName; route: string; failure: UpstreamFailure; status: number; code?: string | undefined; message: string }) {
    super(`${upstreamTitles[init.upstream]} ${init.route} failed: ${init.status || init.failure}${init.code ? ` ${init.code}` : ''} ${init.message}`);
    this.upstream = init.upstream;
    this.route = init.route;
    this.failure = init.failure;
    this.status = init.status;
    this.code = init.code;
    this.upstreamMessage = init.message;
  }
}

/** Method, route pattern (`GET /api/register/client/:domain/:login`, for errors and logs) and checked path: `endpoint` in parameters.ts. */
export interface UpstreamRequest<T> extends Endpoint<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'> {
  query?: Record<string, string | readonly string[] | undefined>;
  authorization?: string;
  json?: unknown;
  form?: Record<string, string>;
  /** Extra request headers, e.g. `if-match`. */
  headers?: Record<string, string>;
  /** Decodes a 2xx body; the gateway validates the fields it uses and tolerates the rest. */
  schema: z.ZodType<T>;
  /**
   * Safe to send again after a lost answer: a read, or a write the upstream applies once per id
   * (dxCore's `PUT .../deposit/{id}`). Only these are retried. @default true for GET, false otherwise
   */
  idempotent?: boolean;
}

/** A 2xx answer: the decoded body and what the status and headers said. */
export interface UpstreamAnswer<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  data: T;
}

export interface UpstreamHttpOptions {
  /** @default 3_000 */
  connectTimeoutMs?: number;
  /** Time to the response headers. @default 10_000 */
  headersTimeoutMs?: number;
  /** Time between body chunks. @default 10_000 */
  bodyTimeoutMs?: number;
  /** Keep-alive connections per upstream. @default 32 */
  connections?: number;
  /** Extra attempts for an idempotent call that got no answer or a 502/503/504. @default 2 */
  retries?: number;
  /** First retry delay; each later one doubles, all with full jitter. @default 50 */
  retryBaseDelayMs?: number;
  /** The most a call may take, waiting for a slot and every retry included; then it fails as a timeout. @default 15_000 */
  deadlineMs?: number;
  /** Calls in flight to this upstream at once; more wait in a queue. @default `connections` */
  maxConcurrent?: number;
  /** Calls that may wait for a slot; beyond that a call fails at once. @default 1000 (BENCHMARKS.md, load run) */
  maxQueued?: number;
  /**
   * Calls one caller (API key, end user, or address) may have in flight or queued at once; its further
   * calls wait in a line of their own, so that a quarter of the slots and the queue stay for the others,
   * and no caller's burst of answers holds the gateway long. @default three quarters of `maxConcurrent`, rounded up
   */
  maxPerCaller?: number;
  /** Calls of one caller that may wait in its own line; beyond that its call fails at once. @default `maxQueued` */
  maxQueuedPerCaller?: number;
  /** Consecutive failed attempts (no answer, timeout, 5xx) that open the circuit. @default 5 */
  breakerThreshold?: number;
  /** How long an open circuit refuses calls before one probe call may test the upstream. @default 10_000 */
  breakerCooldownMs?: number;
  /** Reads the upstream's own error code and message out of a failure body. */
  parseError: (body: unknown) => { code?: string | undefined; message?: string | undefined };
}

/** The tunable part of `UpstreamHttpOptions`, as configuration gives it per upstream. */
export type UpstreamHttpSettings = Omit<UpstreamHttpOptions, 'parseError'>;

/** The defaults of `UpstreamHttpOptions`; `maxConcurrent` defaults to `connections`, the per-caller ones to shares of the pool. */
export const upstreamHttpDefaults = {
  connectTimeoutMs: 3_000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  connections: 32,
  retries: 2,
  retryBaseDelayMs: 50,
  deadlineMs: 15_000,
  // Measured: at 100 a burst of list queries (20 Retail calls each) filled the queue while the gateway and the upstreams had room.
  maxQueued: 1_000,
  breakerThreshold: 5,
  breakerCooldownMs: 10_000,
} as const satisfies UpstreamHttpSettings;

/** What `/readyz` shows of one upstream: no URL, no credential. */
export interface UpstreamHealth {
  /** `unhealthy` while the circuit is open; `degraded` while it probes, after a failed attempt, or with a full queue. */
  state: 'healthy' | 'degraded' | 'unhealthy';
  circuit: 'closed' | 'open' | 'half-open';
  inFlight: number;
  queued: number;
  /** When and where the last failed attempt failed: time, route pattern, HTTP status or `timeout`/`unreachable`; never the upstream's text. */
  lastFailure?: string;
}

/**
 * An error answer that shows the upstream working (a 4xx, an unreadable 2xx): it passes the circuit
 * breaker as a success and is thrown again outside it.
 */
interface Answered {
  answered: UpstreamError;
}

/**
 * One keep-alive undici Pool per upstream, with timeouts, JSON decoding and typed failures, behind
 * cockatiel policies: a deadline over the whole call, retries with jittered backoff for idempotent
 * calls, a circuit breaker, and a bulkhead capping the calls in flight.
 */
export class UpstreamHttp {
  readonly upstream: UpstreamName;
  private readonly parseError: UpstreamHttpOptions['parseError'];
  private readonly settings: Required<UpstreamHttpSettings>;
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly bulkhead: BulkheadPolicy;
  /** Over the whole call: waiting in its caller's line and in the pool, and every retry. */
  private readonly deadline: TimeoutPolicy;
  /** Each caller's share of the pool (in front of it, inside the deadline). */
  private readonly shares: CallerShares;
  /** Breaker, bulkhead: for calls sent once. */
  private readonly once: IPolicy;
  /** Retries, breaker, bulkhead: each retry is one more attempt through the breaker and the bulkhead. */
  private readonly retrying: IPolicy;
  private consecutiveFailures = 0;
  private lastFailure: string | undefined;

  constructor(upstream: UpstreamName, baseUrl: URL, options: UpstreamHttpOptions) {
    this.upstream = upstream;
    const { parseError, ...given } = options;
    this.parseError = parseError;
    const settings = { ...upstreamHttpDefaults, ...withoutUndefined(given) };
    const maxConcurrent = settings.maxConcurrent ?? settings.connections;
    this.settings = { maxConcurrent, maxPerCaller: Math.ceil((maxConcurrent * 3) / 4), maxQueuedPerCaller: settings.maxQueued, ...settings };
    this.basePath = baseUrl.pathname.replace(/\/+$/, '');
    const s = this.settings;
    this.pool = new Pool(baseUrl.origin, {
      connections: s.connections,
      connectTimeout: s.connectTimeoutMs,
      headersTimeout: s.headersTimeoutMs,
      bodyTimeout: s.bodyTimeoutMs,
      keepAliveTimeout: 10_000,
    });
    // Aggressive: the caller gets its answer at the deadline even while a queued call still waits for a slot.
    // Not aborted on return: a call that returned has nothing left to stop, and each abort costs a DOMException.
    this.deadline = timeout(s.deadlineMs, { strategy: TimeoutStrategy.Aggressive, abortOnReturn: false });
    const retries = retry(handleWhen((error) => error instanceof UpstreamError && retriable(error)), {
      maxAttempts: s.retries,
      backoff: new ExponentialBackoff({ generator: fullJitterGenerator, initialDelay: s.retryBaseDelayMs, maxDelay: 5_000 }),
    });
    this.breaker = circuitBreaker(handleWhen((error) => error instanceof UpstreamError && upstreamDown(error)), {
      halfOpenAfter: s.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(s.breakerThreshold),
    });
    this.bulkhead = bulkhead(s.maxConcurrent, s.maxQueued);
    this.shares = new CallerShares(s.maxPerCaller, s.maxQueuedPerCaller);
    this.once = wrap(this.breaker, this.bulkhead);
    this.retrying = wrap(retries, this.breaker, this.bulkhead);
  }

  async request<T>(req: UpstreamRequest<T>): Promise<T> {
    return (await this.exchange(req)).data;
  }

  /** Like `request`, with the answer's status and headers (ETag, 200-versus-201). */
  async exchange<T>(req: UpstreamRequest<T>): Promise<UpstreamAnswer<T>> {
    const policy = (req.idempotent ?? req.method === 'GET') ? this.retrying : this.once;
    // Built first: a query value parameters.ts refuses stops the call before the policies see it.
    const target = this.basePath + req.path + queryString(req.query);
    const allowance = currentAllowance();
    if (allowance && !(await allowance.take())) throw this.overBudget(req, allowance);
    let outcome: UpstreamAnswer<T> | Answered;
    try {
      // A queued call starts when another call frees its slot: run it in its own caller's context (request id, trace).
      const inCaller = AsyncLocalStorage.snapshot();
      const send = ({ signal }: { signal: AbortSignal }) => policy.execute(({ signal }) => inCaller(() => this.counted(req, target, signal)), signal);
      outcome = await this.deadline.execute(({ signal }) => (allowance?.shared ? this.shares.execute(allowance.caller, send, signal) : send({ signal })));
    } catch (error) {
      throw this.refusal(req, error);
    }
    if ('answered' in outcome) throw outcome.answered;
    return outcome;
  }

  /** The circuit, the calls in flight and queued, and the last failure; for `/readyz`. */
  health(): UpstreamHealth {
    const circuit = circuitNames[this.breaker.state];
    const inFlight = this.settings.maxConcurrent - this.bulkhead.executionSlots;
    const queued = this.settings.maxQueued - this.bulkhead.queueSlots;
    const state = circuit === 'open' ? 'unhealthy' : circuit === 'half-open' || this.consecutiveFailures > 0 || this.bulkhead.queueSlots === 0 ? 'degraded' : 'healthy';
    return { state, circuit, inFlight, queued, ...(this.lastFailure ? { lastFailure: this.lastFailure } : {}) };
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** One attempt, inside the breaker: failures that show the upstream down are thrown (and counted), other error answers returned. */
  private async counted<T>(req: UpstreamRequest<T>, target: string, signal: AbortSignal): Promise<UpstreamAnswer<T> | Answered> {
    try {
      const answer = await this.attempt(req, target, signal);
      this.consecutiveFailures = 0;
      return answer;
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      if (upstreamDown(error)) {
        this.consecutiveFailures++;
        this.lastFailure = `${new Date().toISOString()} ${error.route} ${error.status || error.failure}`;
        throw error;
      }
      this.consecutiveFailures = 0;
      return { answered: error };
    }
  }

  /** A call past its operation's allowance: never sent. */
  private overBudget(req: UpstreamRequest<unknown>, allowance: CallAllowance): UpstreamError {
    countRefusedUpstreamCall(this.upstream, req.route, 'over_budget');
    return this.fail(req, 'over-budget', 0, `not called: this request has made its ${allowance.calls} upstream calls (GRAPHQL_LIMITS.upstreamCalls)`);
  }

  /** A call the policies stopped before or instead of an answer, as an `UpstreamError`. */
  private refusal(req: UpstreamRequest<unknown>, error: unknown): unknown {
    if (error instanceof BrokenCircuitError) {
      countRefusedUpstreamCall(this.upstream, req.route, 'circuit_open');
      return this.fail(req, 'unreachable', 0, `circuit open after repeated failures: not called (next probe within ${this.settings.breakerCooldownMs} ms)`);
    }
    if (error instanceof BulkheadRejectedError || error instanceof CallerLineFull) {
      countRefusedUpstreamCall(this.upstream, req.route, 'queue_full');
      const whose = error instanceof CallerLineFull ? ' for this caller' : '';
      return this.fail(req, 'unreachable', 0, `too many calls in progress${whose}: not called`);
    }
    if (error instanceof TaskCancelledError) {
      return this.fail(req, 'timeout', 0, `no answer within the ${this.settings.deadlineMs} ms deadline`);
    }
    return error;
  }

  private async attempt<T>(req: UpstreamRequest<T>, target: string, signal: AbortSignal): Promise<UpstreamAnswer<T>> {
    const { statusCode, headers, text } = await this.send(req, target, signal);
    const body = parseBody(text, headers['content-type']);
    if (statusCode < 200 || statusCode >= 300) {
      const { code, message } = body === undefined ? {} : this.parseError(body);
      const refusal = this.fail(req, 'http', statusCode, message ?? (text.slice(0, 200) || `HTTP ${statusCode}`), code);
      // Callers see the code and status only; the upstream's own text is for the operator.
      logger.info({ requestId: currentRequestId(), upstream: this.upstream, route: req.route, status: statusCode, code, upstreamMessage: refusal.upstreamMessage }, 'upstream refused');
      throw refusal;
    }
    const decoded = req.schema.safeParse(body);
    if (!decoded.success) {
      const issue = decoded.error.issues[0];
      throw this.fail(req, 'bad-response', statusCode, `unexpected answer at ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
    }
    return { status: statusCode, headers, data: decoded.data };
  }

  private async send(req: UpstreamRequest<unknown>, target: string, signal: AbortSignal): Promise<{ statusCode: number; headers: UpstreamAnswer<unknown>['headers']; text: string }> {
    const headers: Record<string, string> = { accept: 'application/json', 'x-request-id': currentRequestId() ?? randomUUID(), ...req.headers };
    if (req.authorization) headers.authorization = req.authorization;
    let body: string | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form).toString();
    }
    return observeUpstreamAttempt({ upstream: this.upstream, route: req.route, method: req.method, headers }, async () => {
      try {
        const res = await this.pool.request({ method: req.method, path: target, headers, body, signal });
        return { statusCode: res.statusCode, headers: res.headers, text: await res.body.text() };
      } catch (error) {
        // An aborted signal is the deadline passing.
        const timeout = signal.aborted || error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || error instanceof undiciErrors.ConnectTimeoutError;
        throw this.fail(req, timeout ? 'timeout' : 'unreachable', 0, timeout ? 'timed out' : 'connection failed');
      }
    });
  }

  private fail(req: UpstreamRequest<unknown>, failure: UpstreamFailure, status: number, message: string, code?: string): UpstreamError {
    return new UpstreamError({ upstream: this.upstream, route: req.route, failure, status, code, message });
  }
}

/** JSON when it parses as JSON; a text/plain answer (dxCore's ids and tokens) stays text, even "1003". */
function parseBody(text: string, contentType: string | string[] | undefined): unknown {
  if (text.trim() === '') return undefined;
  if (String(contentType ?? '').startsWith('text/plain')) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Drops keys set to undefined, so that they do not hide a default. */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** No answer, or a gateway/proxy in front of the upstream saying it could not get one. */
const retriable = (error: UpstreamError): boolean =>
  error.failure === 'unreachable' || error.failure === 'timeout' || [502, 503, 504].includes(error.status);

/** What counts against the circuit: no answer, or a 5xx. A 4xx or an unreadable body is the upstream working. */
const upstreamDown = (error: UpstreamError): boolean =>
  error.failure === 'unreachable' || error.failure === 'timeout' || (error.failure === 'http' && error.status >= 500);

const circuitNames: Record<CircuitState, UpstreamHealth['circuit']> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};
