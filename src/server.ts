import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayApp } from './app.ts';
import { loadConfig, type GatewayConfig } from './config.ts';
import { requestIdFrom, requestIds } from './request-id.ts';
import { demoGraphiQL } from './demo.ts';
import { startSimulators, type Simulators } from './simulators/index.ts';
import { closeUpstreams, createUpstreams, type Upstreams } from './upstreams/index.ts';

export interface RunningGateway {
  url: string;
  upstreams: Upstreams;
  /** In demo mode: the simulators the gateway talks to. */
  simulators?: Simulators;
  /** In demo mode without GATEWAY_API_KEYS: the printed all-scopes key. */
  demoApiKey?: string;
  close(): Promise<void>;
}

/** `/healthz`: the process answers. `/readyz`: dxCore grants the gateway a session. */
async function operational(path: string, upstreams: Upstreams): Promise<{ status: number; body: string } | undefined> {
  if (path === '/healthz') return { status: 200, body: 'ok' };
  if (path !== '/readyz') return undefined;
  try {
    await upstreams.dxcore.session.authorization();
    return { status: 200, body: 'ready' };
  } catch {
    return { status: 503, body: 'dxcore: unreachable or refusing the service login' };
  }
}

/** Starts the gateway on `config.port`, with the simulators in demo mode. */
export async function startGateway(config: GatewayConfig = loadConfig()): Promise<RunningGateway> {
  const simulators = config.demo ? await startSimulators() : undefined;
  const effective = simulators ? { ...config, ...loadConfig({ ...process.env, ...simulators.env, PORT: String(config.port) }), demo: true } : config;
  const { dxcore, retail, platform } = effective;
  if (!dxcore || !retail || !platform) throw new Error('upstreams are not configured');
  const upstreams = createUpstreams({ dxcore, retail, platform });
  const demoApiKey = simulators && effective.apiKeys.size === 0 ? `demo_${randomBytes(12).toString('base64url')}` : undefined;
  const apiKeys = demoApiKey ? new Map([[demoApiKey, new Set(['read', 'write', 'transfers', 'admin'] as const)]]) : effective.apiKeys;
  const yoga = createGatewayApp({ upstreams, apiKeys, mode: effective.mode, graphiql: simulators ? demoGraphiQL(simulators, demoApiKey) : undefined });

  const server: Server = createServer(async (req, res) => {
    const op = await operational(new URL(req.url ?? '/', 'http://gateway').pathname, upstreams);
    if (!op) {
      const requestId = requestIdFrom(req.headers['x-request-id']);
      res.setHeader('x-request-id', requestId);
      return requestIds.run(requestId, () => yoga(req, res));
    }
    res.writeHead(op.status, { 'content-type': 'text/plain' }).end(op.body);
  });
  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    upstreams,
    simulators,
    demoApiKey,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await closeUpstreams(upstreams);
      await simulators?.close();
    },
  };
}
