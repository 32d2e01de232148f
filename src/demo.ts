import { seededClientPassword } from './simulators/seed.ts';
import type { Simulators } from './simulators/index.ts';
import { contractOperations } from './contract-operations.ts';
import { askedForLoopback } from './security/origins.ts';

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
 * GraphiQL in demo mode, per request: the demo key is filled in only for a page asked for by a loopback
 * name (`localhost`, `127.0.0.1`, `[::1]`), never for a host name that merely resolves here.
 */
export function demoGraphiQL(sims: Simulators, apiKey: string | undefined) {
  const withKey = opening(sims, apiKey);
  const withoutKey = opening(sims, undefined);
  return (request: Request) => (askedForLoopback(request) ? withKey : withoutKey);
}
