import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { withCallerTraceContext } from '../observability/tracing.ts';
import { requestIdFrom, requestIds } from '../request-id.ts';
import { tooManyConnections, type ConnectionCap } from '../security/connections.ts';
import type { Upstreams } from '../upstreams/index.ts';
import { answer } from './answer.ts';
import { graphiqlAssetsPath, serveGraphiQLAsset } from './graphiql.ts';
import type { HttpDrain } from './drain.ts';
import { alwaysServed, serveOperational } from './operational.ts';
import { webhookSourceOf, type WebhookRoute } from './webhooks.ts';

/** What the gateway's HTTP side routes to. */
export interface Routes {
  connections: ConnectionCap;
  drain: HttpDrain;
  webhooks: WebhookRoute;
  upstreams: Upstreams;
  /** `/graphql` (GraphQL over HTTP and SSE, GraphiQL), and whatever else Yoga answers. */
  graphql: RequestListener;
}

/** A refusal before the request is served, in its endpoint's shape: a webhook answer or GraphQL errors. */
function refusal(path: string, error: { message: string; extensions: { code: string } }): unknown {
  return webhookSourceOf(path) ? { accepted: false, error: error.message } : { errors: [error] };
}

const shuttingDown = { message: 'The gateway is shutting down: send the request again, to another instance', extensions: { code: 'SHUTTING_DOWN' } };

/**
 * Every HTTP request: refused while its address is over its connections or the gateway is closing;
 * then the webhook routes, the operational endpoints, GraphiQL's assets, and GraphQL for the rest.
 */
async function route(routes: Routes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://gateway').pathname;
  const { connections, drain } = routes;
  if (connections.refuses(req)) return answer(res.setHeader('connection', 'close'), 503, refusal(path, tooManyConnections(connections.perAddress)));
  if (drain.closing && !alwaysServed.has(path)) return answer(res, 503, refusal(path, shuttingDown));
  const source = webhookSourceOf(path);
  if (source) return routes.webhooks.serve(source, req, res);
  if (serveOperational(path, res, { upstreams: routes.upstreams, draining: drain.draining })) return;
  if (path.startsWith(graphiqlAssetsPath)) return serveGraphiQLAsset(path, req, res);
  return void routes.graphql(req, res);
}

/** The HTTP server's request listener. Every request has an id (the caller's sane x-request-id or a new one), sent back and to the upstreams, and joins the caller's trace. */
export function requestListener(routes: Routes): RequestListener {
  return (req, res) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    return requestIds.run(requestId, () => withCallerTraceContext(req.headers, () => route(routes, req, res)));
  };
}
