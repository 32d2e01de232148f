import { readdirSync, readFileSync } from 'node:fs';
import { seededClientPassword } from './simulators/seed.ts';
import type { Simulators } from './simulators/index.ts';
import { askedForLoopback, connectedFromLoopback } from './security/origins.ts';

export const operationsDir = new URL('../schema/operations/', import.meta.url);

/** The contract operations the gateway serves, by name (schema/operations/<Name>.graphql). */
export function contractOperations(): Map<string, string> {
  const files = readdirSync(operationsDir).filter((f) => f.endsWith('.graphql')).sort();
  return new Map(files.map((f) => [f.replace(/\.graphql$/, ''), readFileSync(new URL(f, operationsDir), 'utf8')]));
}

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
 * GraphiQL in demo mode, per request: the demo key is filled in only for a connection from this machine
 * (with HOST=0.0.0.0 anyone may connect, and name `localhost` in `Host`) that asked by a loopback name
 * (`localhost`, `127.0.0.1`, `[::1]`), never for a host name that merely resolves here.
 */
export function demoGraphiQL(sims: Simulators, apiKey: string | undefined) {
  const withKey = opening(sims, apiKey);
  const withoutKey = opening(sims, undefined);
  return (request: Request, address: string | undefined) => (connectedFromLoopback(address) && askedForLoopback(request) ? withKey : withoutKey);
}
