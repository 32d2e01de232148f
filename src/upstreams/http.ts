import { Pool, errors as undiciErrors } from 'undici';
import type { z } from 'zod';

export type UpstreamName = 'dxcore' | 'retail' | 'platform';

export const upstreamTitles: Record<UpstreamName, string> = {
  dxcore: 'dxCore',
  retail: 'Retail Services Platform',
  platform: 'Platform accounts API',
};

/** How an upstream call failed: an HTTP answer, no answer, or an answer the gateway cannot read. */
export type UpstreamFailure = 'http' | 'unreachable' | 'timeout' | 'bad-response';

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

export interface UpstreamRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the upstream's base URL, already encoded. */
  path: string;
  /** The route pattern, for errors and logs: `GET /api/register/client/:domain/:login`. */
  route: string;
  query?: Record<string, string | string[] | undefined>;
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
  /** Reads the upstream's own error code and message out of a failure body. */
  parseError: (body: unknown) => { code?: string | undefined; message?: string | undefined };
}

/** One keep-alive undici Pool per upstream, with timeouts, JSON decoding and typed failures. */
export class UpstreamHttp {
  readonly upstream: UpstreamName;
  private readonly options: UpstreamHttpOptions;
  private readonly pool: Pool;
  private readonly basePath: string;

  constructor(upstream: UpstreamName, baseUrl: URL, options: UpstreamHttpOptions) {
    this.upstream = upstream;
    this.options = options;
    this.basePath = baseUrl.pathname.replace(/\/+$/, '');
    this.pool = new Pool(baseUrl.origin, {
      connections: options.connections ?? 32,
      connectTimeout: options.connectTimeoutMs ?? 3_000,
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      bodyTimeout: options.bodyTimeoutMs ?? 10_000,
      keepAliveTimeout: 10_000,
    });
  }

  async request<T>(req: UpstreamRequest<T>): Promise<T> {
    return (await this.exchange(req)).data;
  }

  /** Like `request`, with the answer's status and headers (ETag, 200-versus-201). */
  async exchange<T>(req: UpstreamRequest<T>): Promise<UpstreamAnswer<T>> {
    const attempts = 1 + ((req.idempotent ?? req.method === 'GET') ? (this.options.retries ?? 2) : 0);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(req);
      } catch (error) {
        if (attempt >= attempts || !(error instanceof UpstreamError) || !retriable(error)) throw error;
        await jitteredDelay(this.options.retryBaseDelayMs ?? 50, attempt);
      }
    }
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async attempt<T>(req: UpstreamRequest<T>): Promise<UpstreamAnswer<T>> {
    const { statusCode, headers, text } = await this.send(req);
    const body = parseBody(text, headers['content-type']);
    if (statusCode < 200 || statusCode >= 300) {
      const { code, message } = body === undefined ? {} : this.options.parseError(body);
      throw this.fail(req, 'http', statusCode, message ?? (text.slice(0, 200) || `HTTP ${statusCode}`), code);
    }
    const decoded = req.schema.safeParse(body);
    if (!decoded.success) {
      const issue = decoded.error.issues[0];
      throw this.fail(req, 'bad-response', statusCode, `unexpected answer at ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
    }
    return { status: statusCode, headers, data: decoded.data };
  }

  private async send(req: UpstreamRequest<unknown>): Promise<{ statusCode: number; headers: UpstreamAnswer<unknown>['headers']; text: string }> {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    if (req.authorization) headers.authorization = req.authorization;
    let body: string | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(req.form).toString();
    }
    try {
      const res = await this.pool.request({ method: req.method, path: this.basePath + req.path + queryString(req.query), headers, body });
      return { statusCode: res.statusCode, headers: res.headers, text: await res.body.text() };
    } catch (error) {
      const timeout = error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || error instanceof undiciErrors.ConnectTimeoutError;
      throw this.fail(req, timeout ? 'timeout' : 'unreachable', 0, timeout ? 'timed out' : 'connection failed');
    }
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

/** No answer, or a gateway/proxy in front of the upstream saying it could not get one. */
const retriable = (error: UpstreamError): boolean =>
  error.failure === 'unreachable' || error.failure === 'timeout' || [502, 503, 504].includes(error.status);

const jitteredDelay = (baseMs: number, attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * baseMs * 2 ** (attempt - 1)));

function queryString(query: UpstreamRequest<unknown>['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(name, v);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
