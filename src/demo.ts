/**
 * Demo mode (no upstream URL set): the simulators of the three upstreams on loopback, the configuration
 * pointed at them, a demo key when no caller key is configured, and GraphiQL with a tab per contract
 * operation. The only gateway module besides main.ts that knows the simulators.
 */
import { randomBytes } from 'node:crypto';
import { scopeNames } from './auth/scopes.ts';
import { loadConfig, type GatewayConfig } from './config.ts';
import { contractOperations } from './contract-operations.ts';
import { fromThisMachine } from './security/origins.ts';
import { startGateway, type RunningGateway } from './server.ts';
import { startSimulators, type Simulators } from './simulators/index.ts';
import { seededClientPassword } from './simulators/seed.ts';

/** Variables that make each operation return real simulator data. */
function exampleVariables(sims: Simulators): Record<string, unknown> {
  const trader = [...sims.dxcore.state.clients.values()].find((c) => c.dxFeedAccountId && c.status !== 'DISABLED');
  const notification = sims.dxcore.state.notifications.keys().next().value;
  return {
    TraderDashboard: { domain: trader?.domain, login: trader?.login },
    BackOfficeClients: { first: 10 },
    AccountsOverview: { first: 100 },
    PlatformAccounts: { first: 20 },
    NotificationDelivery: { id: notification },
    Login: { input: { username: trader?.login, domain: trader?.domain, password: seededClientPassword } },
  };
}

/** GraphiQL's opening state: one tab per contract operation, with variables and, when given, the key's header. */
function opening(sims: Simulators, apiKey: string | undefined) {
  const headers = apiKey ? JSON.stringify({ Authorization: `Bearer ${apiKey}` }, null, 2) : undefined;
  const variables = exampleVariables(sims);
  const defaultTabs = [...contractOperations()].map(([name, query]) => ({
    query: name === 'Me' ? `# Run Login first, then set the header to "Authorization": "DXAPI <token>".\n${query}` : query,
    variables: variables[name] ? JSON.stringify(variables[name], null, 2) : undefined,
    headers,
  }));
  return { defaultTabs, headers };
}

/**
 * GraphiQL in demo mode, per request: the demo key is filled in only where it is taken, for a connection
 * from this machine (with HOST=0.0.0.0 anyone may connect, and name `localhost` in `Host`) that asked by a
 * loopback name (`localhost`, `127.0.0.1`, `[::1]`), never for a host name that merely resolves here.
 */
function demoGraphiQL(sims: Simulators, apiKey: string | undefined) {
  const withKey = opening(sims, apiKey);
  const withoutKey = opening(sims, undefined);
  return (request: Request, address: string | undefined) => (fromThisMachine(address, request.headers.get('host')) ? withKey : withoutKey);
}

/**
 * Demo mode's key, with every scope, the same at every start (GraphiQL's saved tabs keep it across
 * restarts) and documented: so it is taken only from this machine by a loopback name (src/auth/callers.ts).
 */
export const demoApiKey = 'demo-key-localhost-only';

/** The gateway in demo mode, with what `npm start` prints about it. */
export interface DemoGateway extends RunningGateway {
  simulators: Simulators;
  /** Without GATEWAY_API_KEYS: `demoApiKey`, taken from this machine only. */
  demoApiKey?: string | undefined;
}

/** The demo's configuration: `loaded` pointed at the simulators, with a key and a webhook secret of its own where none is set. */
function demoConfig(loaded: GatewayConfig, env: NodeJS.ProcessEnv, simulators: Simulators, localKey: string | undefined): GatewayConfig {
  // The upstream targets as the environment would give them, UPSTREAM_RESILIENCE included.
  const { dxcore, retail, platform } = loadConfig({ ...env, ...simulators.env });
  return {
    ...loaded,
    dxcore,
    retail,
    platform,
    localApiKeys: localKey ? new Map([[localKey, new Set(scopeNames)]]) : undefined,
    webhookSecret: loaded.webhookSecret ?? `whsec_${randomBytes(32).toString('base64')}`,
  };
}

/**
 * Starts the simulators, then the gateway against them; they send their signed webhooks to it and
 * close with it. `loaded` is the configuration read from `env` (which names no upstream).
 */
export async function startDemoGateway(loaded: GatewayConfig, env: NodeJS.ProcessEnv): Promise<DemoGateway> {
  const simulators = await startSimulators();
  const localKey = loaded.apiKeys.size === 0 ? demoApiKey : undefined;
  const config = demoConfig(loaded, env, simulators, localKey);
  const secret = config.webhookSecret!;
  try {
    const gateway = await startGateway(config, {
      graphiql: demoGraphiQL(simulators, localKey),
      companion: { listening: (url) => simulators.sendWebhooksTo(url, secret), close: () => simulators.close() },
    });
    return { ...gateway, simulators, demoApiKey: localKey };
  } catch (error) {
    await simulators.close();
    throw error;
  }
}
