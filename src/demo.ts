/**
 * Demo mode (no upstream URL set): the simulators of the three upstreams on loopback, the configuration
 * pointed at them, a demo key when no caller key is configured, and GraphiQL with a tab per contract
 * operation and per walkthrough mutation, each runnable as it is. The only gateway module besides
 * main.ts that knows the simulators.
 */
import { randomBytes } from 'node:crypto';
import { scopeNames } from './auth/scopes.ts';
import { loadConfig, type GatewayConfig } from './config.ts';
import { contractOperations } from './contract-operations.ts';
import { fromThisMachine } from './security/origins.ts';
import { startGateway, type RunningGateway } from './server.ts';
import { startSimulators, type Simulators } from './simulators/index.ts';
import { seededClientPassword } from './simulators/seed.ts';

/** The seeded client the tabs are about: a trader with a market-data account that takes a new feed at once, and an account that moves money. */
function demoTrader(sims: Simulators) {
  const { dxcore, retail } = sims;
  for (const client of dxcore.state.clients.values()) {
    const marketData = client.dxFeedAccountId ? retail.state.accounts.get(client.dxFeedAccountId) : undefined;
    const account = dxcore.state.accountsOf(client).find((a) => a.status === 'FULL_TRADING' && a.type === 'CLIENT' && a.balance >= 100);
    // A form already filled in: a plain feed's activation completes at once, and its event follows.
    if (client.status === 'DISABLED' || !marketData?.personalDataProvided || marketData.status !== 'ACTIVE' || !account) continue;
    const active = new Set(marketData.subscriptions.filter((s) => s.status === 'ACTIVE').map((s) => s.name));
    const feed = retail.state.feeds.find((f) => !f.confirmation && !f.singleUse && !active.has(f.name));
    if (feed) return { client, marketDataAccountId: marketData.id, account, feed: feed.name };
  }
  throw new Error('the seeded data has no trader for the demo tabs');
}

const dayMs = 24 * 60 * 60 * 1000;

/** Variables that make each operation run as it is, on the seeded data. */
function exampleVariables(sims: Simulators): Record<string, unknown> {
  const { client, marketDataAccountId, account, feed } = demoTrader(sims);
  const notification = sims.dxcore.state.notifications.keys().next().value;
  const [platformAccount] = sims.platform.state.accounts.values();
  const transfer = { clearingCode: account.clearingCode, accountCode: account.accountCode, currency: account.currency };
  // A year ahead, on a day boundary: a saved tab stays valid across restarts.
  const expiresAt = new Date(Math.ceil((Date.now() + 365 * dayMs) / dayMs) * dayMs).toISOString();
  return {
    TraderDashboard: { domain: client.domain, login: client.login },
    BackOfficeClients: { first: 10 },
    AccountsOverview: { first: 100 },
    PlatformAccounts: { first: 20 },
    NotificationDelivery: { id: notification },
    Login: { input: { username: client.login, domain: client.domain, password: seededClientPassword } },
    DepositFunds: { input: { ...transfer, amount: 100, description: 'Demo deposit' } },
    WithdrawFunds: { input: { ...transfer, amount: 25, description: 'Demo withdrawal' } },
    SendNotification: { input: { subject: 'Demo notice', message: 'Markets close early today.', priority: 'HIGH', expiresAt, recipients: [{ domain: client.domain, login: client.login }] } },
    // The Retail account id, as TraderDashboard's marketDataAccount reads it.
    ActivateSubscriptions: { input: { accountId: marketDataAccountId, subscriptions: [{ feedName: feed }] } },
    MarketDataEvents: { accountId: marketDataAccountId },
    CreatePlatformAccount: { input: { userId: platformAccount?.users[0]?.id, accountGroupId: platformAccount?.account_group_id, type: 'TRADING', name: 'Demo account' } },
  };
}

/** The events walkthrough's own mutation (README, "Trying it"): run in a second window while AccountEvents runs in the first. */
const walkthroughOperations = new Map([
  [
    'CreatePlatformAccount',
    `# Run AccountEvents in another window first: this account's
# ACCOUNT_CREATED and ACCOUNT_ACTIVATED arrive there.
mutation CreatePlatformAccount($input: CreatePlatformAccountInput!) {
  createPlatformAccount(input: $input) {
    __typename
    ... on PlatformAccountCreated { account { accountId name status } }
    ... on Error { code message }
  }
}
`,
  ],
]);

/** Comments that make a tab run as it is. */
const notes: Record<string, string> = {
  Me: '# Run Login first, then set the header to "Authorization": "DXAPI <token>".\n',
  AccountEvents: '# Keep this running and run CreatePlatformAccount in a second window:\n# GraphiQL ends a subscription when you switch tabs.\n',
  MarketDataEvents: '# Keep this running and run ActivateSubscriptions in a second window:\n# GraphiQL ends a subscription when you switch tabs.\n',
};

/** GraphiQL's opening state: one tab per contract operation and walkthrough mutation, with variables and, when given, the key's header. */
function opening(sims: Simulators, apiKey: string | undefined) {
  const headers = apiKey ? JSON.stringify({ Authorization: `Bearer ${apiKey}` }, null, 2) : undefined;
  const variables = exampleVariables(sims);
  const defaultTabs = [...contractOperations(), ...walkthroughOperations].map(([name, query]) => ({
    query: `${notes[name] ?? ''}${query}`,
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
