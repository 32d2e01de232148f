import type { ServerResponse } from 'node:http';
import { logger } from '../observability/logger.ts';
import { metricsText } from '../observability/metrics.ts';
import { upstreamHealth, type Upstreams } from '../upstreams/index.ts';
import { answer } from './answer.ts';

/** The paths a draining gateway still answers: a load balancer reads them to take it out of rotation. */
export const alwaysServed = new Set(['/healthz', '/readyz']);

/**
 * `/healthz`: the process answers. `/readyz`: this process can serve, which an upstream being down does
 * not change (its fields fail alone, and an instance out of rotation would get no call to find the
 * upstream healed); the body names each upstream's state, circuit and load, without error text, and
 * asks no upstream. While the gateway shuts down `/readyz` answers 503 `draining`, so that a load
 * balancer stops sending. `/metrics`: Prometheus text, open like `/healthz` (operation counts and
 * latencies, no credential, no caller identity). Answers whether `path` was one of them.
 */
export function serveOperational(path: string, res: ServerResponse, state: { upstreams: Upstreams; draining: boolean }): boolean {
  if (path === '/healthz') answer(res, 200, 'ok');
  else if (path === '/readyz' && state.draining) answer(res, 503, { status: 'draining' });
  else if (path === '/readyz') answer(res, 200, { status: 'ready', upstreams: upstreamHealth(state.upstreams) });
  else if (path === '/metrics') void serveMetrics(res);
  else return false;
  return true;
}

/** A failed render (a collector throwing) is a 500 and a log line, not an unhandled rejection. */
async function serveMetrics(res: ServerResponse): Promise<void> {
  try {
    const { contentType, body } = await metricsText();
    res.writeHead(200, { 'content-type': contentType }).end(body);
  } catch (error) {
    logger.error({ err: error }, '/metrics could not be rendered');
    answer(res, 500, 'metrics could not be rendered');
  }
}
