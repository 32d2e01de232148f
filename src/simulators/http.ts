import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { drawFault, garbageBody, seededRandom, simFaults, type AppliedFault, type SimFault, type SimFaults } from './faults.ts';

/** One upstream call as the simulator saw it; tests read these to assert which calls a query made. */
export interface CallRecord {
  method: string;
  /** The route pattern that matched, e.g. `GET /api/register/client/:domain/:login`, or `unmatched`. */
  route: string;
  /** The path exactly as the request sent it, dot segments included; routing uses it resolved, as a web server would. */
  path: string;
  query: string;
  /** The status answered; 0 when a `reset` fault destroyed the connection without an answer. */
  status: number;
  /** `performance.now()` when the request arrived and when the answer was sent. */
  startedAt: number;
  finishedAt: number;
  /** True when `dropResponseOnce` destroyed the connection instead of answering (the call was handled). */
  dropped?: boolean;
  /**
   * The injected fault (`setFaults`) this call got: `error` (a 5xx, handler not run), `reset` (no answer,
   * handler not run), `garbage` (200 with an unreadable body, handler run), or only `latency`.
   */
  fault?: AppliedFault;
  /** The caller's `x-request-id` and W3C `traceparent` headers, when sent. */
  requestId?: string;
  traceparent?: string;
  /** The names of every request header, lowercase and sorted: what the caller let through to the upstream. */
  headerNames: string[];
}

export interface SimRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  /** Defaults to application/json when there is a body. */
  contentType?: string;
  /** Extra response headers, e.g. dxCore's `ETag`. */
  headers?: Record<string, string>;
}

/** Thrown by a handler to answer with an upstream-specific failure. */
export class SimHttpError extends Error {
  readonly response: SimResponse;
  constructor(response: SimResponse) {
    super(`simulated failure ${response.status}`);
    this.response = response;
  }
}

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: Handler;
}

export interface SimServerOptions {
  /** Answer used when no route matches; upstreams differ in how they say 404. */
  notFound: (req: SimRequest) => SimResponse;
  /** Answer used when a handler throws something other than SimHttpError. */
  internalError: (req: SimRequest) => SimResponse;
  /** The upstream's own 503 answer, for injected errors. @default `internalError`'s body with status 503 */
  unavailable?: (req: SimRequest) => SimResponse;
}

/**
 * A small HTTP server for one simulated upstream: a router with `:param` segments (static segments
 * win over parameters), a per-route call log, an optional injected latency per call, and injected
 * faults per route (`setFaults`).
 */
export class SimServer {
  readonly calls: CallRecord[] = [];
  /** Delay added before every answer, in milliseconds. @default 0 */
  latencyMs = 0;
  readonly name: string;
  private readonly options: SimServerOptions;
  private readonly routes: Route[] = [];
  /** Calls received and not yet answered, and the most at once since the last `clearCalls`. */
  inFlight = 0;
  peakInFlight = 0;
  /** Route names (`METHOD pattern`) whose next answer is dropped, one entry per drop. */
  private readonly pendingDrops: string[] = [];
  private faults: SimFaults = {};
  private random: () => number = Math.random;
  private server: Server | undefined;

  constructor(name: string, options: SimServerOptions) {
    this.name = name;
    this.options = options;
  }

  route(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, pattern, segments: splitPath(pattern), handler });
    return this;
  }

  clearCalls(): void {
    this.calls.length = 0;
    this.peakInFlight = this.inFlight;
  }

  /**
   * Replaces the injected faults: by route pattern (`GET /accounts/:accountId`, as in `CallRecord.route`)
   * or `*` for every call; `{}` clears them. `seed` makes the draws repeat from here on.
   */
  setFaults(faults: SimFaults, options: { seed?: number } = {}): void {
    const parsed = simFaults.safeParse(faults);
    if (!parsed.success) throw new Error(`[${this.name} simulator] setFaults: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    for (const route of Object.keys(parsed.data)) {
      if (route !== '*' && !this.routes.some((r) => `${r.method} ${r.pattern}` === route)) throw new Error(`[${this.name} simulator] setFaults: no route ${route}`);
    }
    this.faults = parsed.data;
    if (options.seed !== undefined) this.random = seededRandom(options.seed);
  }

  /**
   * Fault hook: the next request that matches `route` (`METHOD pattern`, as in `CallRecord.route`) is
   * handled, state changes included, but its connection is destroyed instead of answered, so the client
   * sees a socket error and cannot tell whether the call took effect (a lost answer, not a lost request).
   */
  dropResponseOnce(route: string): void {
    if (!this.routes.some((r) => `${r.method} ${r.pattern}` === route)) {
      throw new Error(`[${this.name} simulator] dropResponseOnce: no route ${route}`);
    }
    this.pendingDrops.push(route);
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://simulator');
        const simReq: SimRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          params: {},
          query: url.searchParams,
          headers: req.headers,
          rawBody: Buffer.concat(chunks).toString('utf8'),
        };
        void this.handle(simReq, res, rawPath(req.url), url.search);
      });
    });
    server.keepAliveTimeout = 30_000;
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, host, resolve));
    const { port: bound } = server.address() as AddressInfo;
    return `http://${host}:${bound}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(simReq: SimRequest, res: ServerResponse, path: string, query: string): Promise<void> {
    const startedAt = performance.now();
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    const match = this.match(simReq.method, simReq.path);
    const route = match ? `${match.route.method} ${match.route.pattern}` : 'unmatched';
    const fault = drawFault(this.faultFor(route), this.random);
    const delay = this.latencyMs + fault.latencyMs;
    let status = 0;
    let dropped = false;
    if (fault.kind === 'reset') {
      if (delay > 0) await sleep(delay);
      res.destroy();
    } else {
      const response = fault.kind === 'error' ? this.injectedError(simReq, fault.errorStatus) : await this.dispatch(simReq, match);
      if (delay > 0) await sleep(delay);
      dropped = this.takeDrop(route);
      const body = encodeBody(response);
      if (dropped) {
        res.destroy();
      } else if (fault.kind === 'garbage') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(garbageBody(body?.text));
      } else {
        res.writeHead(response.status, { ...response.headers, ...(body === undefined ? {} : { 'content-type': body.contentType }) });
        res.end(body?.text);
      }
      status = fault.kind === 'garbage' ? 200 : response.status;
    }
    this.inFlight--;
    const applied = fault.kind ?? (fault.latencyMs > 0 ? 'latency' : undefined);
    this.calls.push({
      method: simReq.method,
      route,
      path,
      query,
      status,
      startedAt,
      finishedAt: performance.now(),
      ...(dropped ? { dropped } : {}),
      ...(applied ? { fault: applied } : {}),
      ...headerFields(simReq.headers),
    });
  }

  /** `*`'s settings with the route's own on top. */
  private faultFor(route: string): SimFault | undefined {
    const all = this.faults['*'];
    const own = this.faults[route];
    return all || own ? { ...all, ...own } : undefined;
  }

  private injectedError(req: SimRequest, status: 500 | 503): SimResponse {
    if (status === 500) return this.options.internalError(req);
    return this.options.unavailable?.(req) ?? { ...this.options.internalError(req), status };
  }

  private takeDrop(route: string): boolean {
    const index = this.pendingDrops.indexOf(route);
    if (index < 0) return false;
    this.pendingDrops.splice(index, 1);
    return true;
  }

  private async dispatch(req: SimRequest, match: { route: Route; params: Record<string, string> } | undefined): Promise<SimResponse> {
    if (!match) return this.options.notFound(req);
    req.params = match.params;
    try {
      return await match.route.handler(req);
    } catch (error) {
      if (error instanceof SimHttpError) return error.response;
      console.error(`[${this.name} simulator] handler failed`, error);
      return this.options.internalError(req);
    }
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    const segments = splitPath(path);
    let best: { route: Route; params: Record<string, string>; score: string } | undefined;
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let score = '';
      const ok = route.segments.every((seg, i) => {
        const actual = segments[i] ?? '';
        if (seg.startsWith(':')) {
          params[seg.slice(1)] = actual;
          score += '0';
          return true;
        }
        score += '1';
        return seg === actual;
      });
      if (ok && (!best || score > best.score)) best = { route, params, score };
    }
    return best;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The request target's path before URL parsing resolves `.` and `..` (what a client really sent). */
const rawPath = (target: string | undefined): string => (target ?? '/').split('?')[0] ?? '/';

function splitPath(path: string): string[] {
  return path
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

function encodeBody(response: SimResponse): { text: string; contentType: string } | undefined {
  if (response.body === undefined) return undefined;
  if (typeof response.body === 'string' && response.contentType !== 'application/json') {
    return { text: response.body, contentType: response.contentType ?? 'text/plain' };
  }
  return { text: JSON.stringify(response.body), contentType: response.contentType ?? 'application/json' };
}

/** Parses a JSON request body; `undefined` for an empty body, `SyntaxError` for malformed JSON. */
export function parseJsonBody(req: SimRequest): unknown {
  if (req.rawBody.trim() === '') return undefined;
  return JSON.parse(req.rawBody);
}

/** An `application/x-www-form-urlencoded` request body (dxCore's dxWeb paths take their parameters so). */
export function parseFormBody(req: SimRequest): URLSearchParams {
  return new URLSearchParams(req.rawBody);
}

/** Reads the credential of an `Authorization: <scheme> <credential>` header, or undefined. */
export function credentialOf(req: SimRequest, scheme: string): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const [given, ...rest] = header.trim().split(/\s+/);
  if (given?.toLowerCase() !== scheme.toLowerCase() || rest.length !== 1) return undefined;
  return rest[0];
}

/** The request id, trace context and header names a call carried, for the call log. */
function headerFields(headers: IncomingHttpHeaders): Pick<CallRecord, 'requestId' | 'traceparent' | 'headerNames'> {
  const requestId = headers['x-request-id'];
  const traceparent = headers.traceparent;
  return {
    ...(typeof requestId === 'string' ? { requestId } : {}),
    ...(typeof traceparent === 'string' ? { traceparent } : {}),
    headerNames: Object.keys(headers).sort(),
  };
}
