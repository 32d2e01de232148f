import type {
  DxAccount,
  DxBroker,
  DxCategory,
  DxClient,
  DxClientGroup,
  DxNotification,
  PlatformAccount,
  RetailAccount,
  RetailFeed,
  World,
} from './records.ts';

/** The password of every seeded client, so that partners can try end-user sessions in demo mode. */
export const seededClientPassword = 'Demo-1234';

const day = 86_400_000;
/**
 * Dates are seeded around the start of the current UTC day, so that an ACTIVE subscription still
 * expires in the future whenever the simulators start, and the world is the same all day long.
 */
const seedEpoch = Math.floor(Date.now() / day) * day;

/** mulberry32: a tiny deterministic PRNG, so that every run and every test sees the same world. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16)).join('');
    const variant = ((this.int(0, 15) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
  date(fromMs: number, toMs: number): string {
    return new Date(fromMs + Math.floor(this.next() * (toMs - fromMs))).toISOString();
  }
}

const brokers: DxBroker[] = [
  { brokerCode: 'ACME', name: 'Acme Securities', namespace: 'acme', countryCode: 'US', type: 'TRADING_FIRM', description: 'Retail trading firm', clientPrincipalGroup: 'default@retail', dealerPrincipalGroup: 'default@dealers' },
  { brokerCode: 'ACME_EU', name: 'Acme Securities Europe', namespace: 'acme', parentBrokerCode: 'ACME', countryCode: 'DE', type: 'EXEC_BROKER', description: 'European execution arm of Acme' },
  { brokerCode: 'NORTHWIND', name: 'Northwind Brokerage', namespace: 'northwind', countryCode: 'GB', type: 'SUP_BROKER' },
  { brokerCode: 'ORION', name: 'Orion Omnibus', namespace: 'orion', countryCode: 'CH', type: 'OMNIBUS', description: 'Omnibus clearing' },
  { brokerCode: 'BLUEPEAK', name: 'Bluepeak Capital', namespace: 'bluepeak', countryCode: 'US', type: 'TRADING_FIRM' },
  { brokerCode: 'HELIX', name: 'Helix Prop', namespace: 'bluepeak', parentBrokerCode: 'BLUEPEAK', countryCode: 'US', type: 'EXEC_BROKER', description: 'Proprietary trading desk' },
  { brokerCode: 'ZENITH', name: 'Zenith Markets', namespace: 'zenith', countryCode: 'SG', type: 'SUP_BROKER' },
];

const firstNames = ['Alice', 'Bruno', 'Chloe', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Keira', 'Liam', 'Maya', 'Nikos', 'Olga', 'Pavel', 'Quinn', 'Rosa', 'Sven', 'Tara'];
const lastNames = ['Martin', 'Novak', 'Schmidt', 'Rossi', 'Tanaka', 'Dubois', 'Kowalski', 'Silva', 'Jensen', 'Okafor', 'Larsen', 'Moreau'];
const currencies = ['USD', 'EUR', 'GBP', 'CHF'] as const;
const feedNames = ['CMEGROUP', 'CME', 'CBOT', 'NYMEX', 'NASDAQ_BASIC', 'NYSE', 'OPRA', 'EUREX', 'ICE_US'];
/**
 * Feed settings (records.ts RetailFeed): most feeds are plain, so that the simplest order completes on
 * the signup form alone; one feed of each special kind lets tests reach every documented branch:
 * OPRA needs the partner's order confirmation, EUREX is single-use, ICE_US never ends ("Infinite").
 * They apply to activations made in the simulator; the seeded subscriptions stay as they were dealt.
 */
const feedSettings: Record<string, Partial<Omit<RetailFeed, 'name'>>> = {
  OPRA: { confirmation: true },
  EUREX: { singleUse: true },
  ICE_US: { infinite: true },
};
const feeds: RetailFeed[] = feedNames.map((name) => ({
  name,
  confirmation: false,
  singleUse: false,
  infinite: false,
  ...feedSettings[name],
}));
const countries = ['US', 'DE', 'GB', 'CH', 'FR', 'JP', 'SG', 'PL'];

function categoriesFor(): DxCategory[] {
  return [
    { category: 'Commissions', values: [{ value: 'Standard' }, { value: 'VIP' }] },
    { category: 'TRADE_TYPE', values: [{ value: 'FUTURES' }, { value: 'EQUITIES' }, { value: 'OPTIONS' }] },
    { category: 'DxBroRiskControl', values: [{ value: 'Default' }, { value: 'Strict' }] },
  ];
}

function seedClients(dice: Dice): DxClient[] {
  const clients: DxClient[] = [];
  for (let i = 0; i < 60; i++) {
    const first = firstNames[i % firstNames.length] as string;
    const last = lastNames[(i * 7) % lastNames.length] as string;
    const domain = i < 40 ? 'default' : 'prop';
    const broker = brokers[i % brokers.length] as DxBroker;
    const country = dice.pick(countries);
    const created = dice.date(seedEpoch - 900 * day, seedEpoch - 30 * day);
    clients.push({
      domain,
      login: `${first}.${last}${i}`.toLowerCase(),
      fullName: `${first} ${last}`,
      email: `${first}.${last}${i}@example.com`.toLowerCase(),
      brokerCode: broker.brokerCode,
      type: 'CLIENT',
      status: dice.pick(['ONLINE', 'OFFLINE', 'OFFLINE', 'OFFLINE', 'DISABLED'] as const),
      passwordExpiry: 90,
      passwordReset: false,
      createdDateTime: created,
      lastLogin: dice.date(Date.parse(created), seedEpoch),
      birthDate: `19${dice.int(60, 99)}-0${dice.int(1, 9)}-1${dice.int(0, 9)}`,
      citizenship: country,
      phone: `+${dice.int(1, 49)}-555-${dice.int(100, 999)}-${dice.int(1000, 9999)}`,
      company: dice.chance(0.3) ? `${last} Holdings` : undefined,
      location: { countryCode: country, zipCode: String(dice.int(10000, 99999)), address: `${dice.int(1, 200)} Market Street` },
      dxFeedAccountId: undefined,
      password: seededClientPassword,
      version: 1,
    });
  }
  return clients;
}

function seedAccounts(dice: Dice, clients: DxClient[], brokerCategories: Record<string, DxCategory[]>): DxAccount[] {
  const accounts: DxAccount[] = [];
  clients.forEach((client, i) => {
    const count = i < 30 ? 3 : 2; // 30 * 3 + 30 * 2 = 150 accounts
    for (let n = 1; n <= count; n++) {
      const brokerCode = client.brokerCode as string;
      const accountType = dice.pick(['DEMO', 'DEMO', 'LIVE', 'LIVE', 'CHALLENGE'] as const);
      const category = dice.pick(brokerCategories[brokerCode] ?? []);
      accounts.push({
        clearingCode: brokerCode.toLowerCase(),
        accountCode: `${client.login}-${n}`,
        brokerCode,
        type: n === 3 && i % 10 === 0 ? 'OFFSET' : 'CLIENT',
        status: dice.pick(['FULL_TRADING', 'FULL_TRADING', 'FULL_TRADING', 'CLOSE_ONLY', 'NO_TRADING', 'TERMINATED', 'EXPIRED'] as const),
        accountCashType: dice.chance(0.7) ? 'MARGIN' : 'CASH',
        expirationDate: accountType === 'DEMO' ? dice.date(seedEpoch, seedEpoch + 180 * day) : undefined,
        accountType,
        currency: currencies[(i + n) % currencies.length] as string,
        balance: Math.round(dice.int(500, 2_000_000) * 100) / 100,
        credit: dice.chance(0.2) ? dice.int(1, 50) * 1000 : 0,
        equityOptionsLevel: dice.int(0, 4),
        futuresOptionsLevel: dice.int(0, 2),
        categories: category ? [{ category: category.category, value: dice.pick(category.values).value }] : [],
        selfDepositBalanceAllowed: accountType === 'DEMO',
        pdtAccount: dice.chance(0.1),
        owner: `${client.domain}@${client.login}`,
      });
    }
  });
  return accounts;
}

function seedClientGroups(clients: DxClient[]): DxClientGroup[] {
  const member = (c: DxClient) => `${c.domain}@${c.login}`;
  const defaults = clients.filter((c) => c.domain === 'default');
  const prop = clients.filter((c) => c.domain === 'prop');
  return [
    { domain: 'default', name: 'all-clients', clients: [], ancestors: [] },
    { domain: 'default', name: 'retail', clients: defaults.filter((_, i) => i % 3 !== 0).map(member), ancestors: ['default@all-clients'] },
    { domain: 'default', name: 'vip', clients: defaults.filter((_, i) => i % 3 === 0).map(member), ancestors: ['default@all-clients'] },
    { domain: 'prop', name: 'traders', clients: prop.filter((_, i) => i % 2 === 0).map(member), ancestors: [] },
    { domain: 'prop', name: 'funded', clients: prop.filter((_, i) => i % 2 === 1).map(member), ancestors: ['prop@traders'] },
  ];
}

function seedRetail(dice: Dice, clients: DxClient[]): RetailAccount[] {
  // The first 40 clients (every domain 'default' client) have a market-data account.
  return clients.slice(0, 40).map((client, i) => {
    const id = dice.uuid();
    client.dxFeedAccountId = id;
    const owned = dice.shuffle(feedNames).slice(0, i % 4 === 3 ? 0 : dice.int(1, 3));
    return {
      id,
      email: client.email,
      status: i === 7 ? 'BLOCKED' : 'ACTIVE',
      subscriberStatus: i % 5 === 0 ? 'PROFESSIONAL' : 'NON_PROFESSIONAL',
      dataAccessStatus: i === 11 ? 'SUSPENDED' : 'ENABLED',
      metadata: { firstName: client.fullName?.split(' ')[0] ?? null, lastName: client.fullName?.split(' ')[1] ?? null, country: client.location?.countryCode ?? null },
      subscriptions: owned.map((name, n) => {
        const active = (i + n) % 3 !== 0;
        return active
          ? { name, status: 'ACTIVE' as const, expiresAt: n === 2 ? null : dice.date(seedEpoch + 30 * day, seedEpoch + 365 * day) }
          : { name, status: 'EXPIRED' as const, expiresAt: dice.date(seedEpoch - 200 * day, seedEpoch - day) };
      }),
      // An account that ever had a subscription went through the signup form once.
      personalDataProvided: owned.length > 0,
    };
  });
}

function seedNotifications(clients: DxClient[]): DxNotification[] {
  const recipient = (c: DxClient) => `${c.login}@${c.domain}`;
  const sent = seedEpoch - 3 * day;
  return [
    {
      id: '1001',
      recipients: clients.slice(0, 3).map(recipient),
      priority: 'HIGH',
      subject: 'Margin call policy update',
      message: 'Maintenance margin changes take effect next Monday.',
      expirationDate: new Date(seedEpoch + 60 * day).toISOString(),
      mustAcknowledge: true,
      statuses: clients.slice(0, 3).map((c, i) => ({
        recipient: recipient(c),
        ...(i < 2 ? { readTime: sent + (i + 1) * 3_600_000 } : {}),
        ...(i === 0 ? { acknowledgmentTime: sent + 2 * 3_600_000 } : {}),
      })),
    },
    {
      id: '1002',
      sendToAll: 'LIVE',
      priority: 'LOW',
      subject: 'Holiday trading hours',
      message: 'Markets close early on Friday.',
      expirationDate: new Date(seedEpoch + 30 * day).toISOString(),
      mustAcknowledge: false,
      statuses: clients.slice(10, 14).map((c, i) => ({ recipient: recipient(c), ...(i % 2 === 0 ? { readTime: sent + i * 600_000 } : {}) })),
    },
  ];
}

function seedPlatform(dice: Dice): World['platform'] {
  const userIds = Array.from({ length: 10 }, () => dice.uuid());
  const accountGroupIds = Array.from({ length: 3 }, () => dice.uuid());
  const accounts: PlatformAccount[] = [];
  userIds.forEach((userId, u) => {
    for (let n = 1; n <= 4; n++) {
      const created = dice.date(seedEpoch - 500 * day, seedEpoch - 10 * day);
      accounts.push({
        id: dice.uuid(),
        created_at: created,
        updated_at: dice.date(Date.parse(created), seedEpoch),
        account_group_id: dice.pick(accountGroupIds),
        type: n === 4 ? 'PORTFOLIO' : 'TRADING',
        users: [{ id: userId, type: 'OWNER' }],
        account_number: n,
        name: n === 1 ? 'Main account' : `${dice.pick(['Swing', 'Income', 'Hedge', 'Growth'])} account ${n}`,
        status: u === 3 && n === 2 ? 'LOCKED' : u === 5 && n === 3 ? 'CLOSED' : 'ACTIVE',
      });
    }
  });
  return { accounts, userIds, accountGroupIds };
}

/** Builds the simulators' starting world: the same every time. */
export function seedWorld(seed = 20261101): World {
  const dice = new Dice(seed);
  const brokerCategories = Object.fromEntries(brokers.map((b) => [b.brokerCode, categoriesFor()]));
  const clients = seedClients(dice);
  const accounts = seedAccounts(dice, clients, brokerCategories);
  const retailAccounts = seedRetail(dice, clients);
  return {
    dxcore: {
      brokers: brokers.map((b) => ({ ...b })),
      clients,
      accounts,
      clientGroups: seedClientGroups(clients),
      brokerCategories,
      notifications: seedNotifications(clients),
    },
    retail: { accounts: retailAccounts, feeds: feeds.map((feed) => ({ ...feed })) },
    platform: seedPlatform(dice),
  };
}
