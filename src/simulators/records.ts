/**
 * The records the simulators keep, shaped as the upstream documents define them. Fields that only
 * the simulator needs (owner, password, version) are marked; they never appear in an answer.
 */

// --- dxCore (document 000) -------------------------------------------------------------------

export type DxBrokerType = 'TRADING_FIRM' | 'EXEC_BROKER' | 'SUP_BROKER' | 'OMNIBUS';

export interface DxBroker {
  brokerCode: string;
  name: string;
  namespace: string;
  parentBrokerCode?: string;
  countryCode?: string;
  type?: DxBrokerType;
  description?: string;
  clientPrincipalGroup?: string;
  dealerPrincipalGroup?: string;
}

export interface DxAccountGroup {
  category: string;
  value: string;
}

export interface DxAccount {
  clearingCode: string;
  accountCode: string;
  /** Optional in the Account model: an account created for a client without a broker has none. */
  brokerCode?: string;
  type: 'CLIENT' | 'OFFSET' | 'REFERENCE';
  status: 'FULL_TRADING' | 'CLOSE_ONLY' | 'NO_TRADING' | 'TERMINATED' | 'EXPIRED';
  accountCashType: 'MARGIN' | 'CASH';
  expirationDate?: string;
  accountType: 'DEMO' | 'CHALLENGE' | 'LIVE';
  currency: string;
  balance: number;
  credit: number;
  equityOptionsLevel?: number;
  futuresOptionsLevel?: number;
  categories: DxAccountGroup[];
  allowedInstruments?: string[];
  alpacaOmnibusSubAccountId?: string;
  selfDepositBalanceAllowed?: boolean;
  pdtAccount?: boolean;
  /** Simulator only: the client that owns the account ("domain@login"). */
  owner: string;
}

export interface DxLocation {
  countryCode?: string;
  zipCode?: string;
  address?: string;
}

export interface DxDocument {
  type?: string;
  series?: string;
  number?: string;
  issuedBy?: string;
  issuedDate?: string;
}

export interface DxClient {
  domain: string;
  login: string;
  fullName?: string;
  email?: string;
  brokerCode?: string;
  type: 'CLIENT' | 'OTHER';
  status: 'ONLINE' | 'OFFLINE' | 'DISABLED';
  passwordExpiry?: number;
  passwordReset?: boolean;
  createdDateTime: string;
  lastLogin?: string;
  birthPlace?: string;
  birthDate?: string;
  citizenship?: string;
  phone?: string;
  insuranceNumber?: string;
  company?: string;
  contractDate?: string;
  location?: DxLocation;
  document?: DxDocument;
  comments?: string;
  dxFeedAccountId?: string;
  /** Simulator only: the password `/login` checks. */
  password: string;
  /** Simulator only: the version an `if-match` header must name. */
  version: number;
  /**
   * Simulator only: the numeric user id of SSOTokenInfo and `/logoutUserById`. The dxCore state
   * assigns one, in order, to every client that has none (seeded clients included).
   */
  userId?: number;
}

export interface DxClientGroup {
  domain: string;
  name: string;
  /** Direct members, "domain@login". */
  clients: string[];
  /** Direct ancestors, "domain@name". */
  ancestors: string[];
}

export interface DxCategory {
  category: string;
  values: { value: string }[];
}

export interface DxDeliveryStatus {
  recipient: string;
  readTime?: number;
  acknowledgmentTime?: number;
}

export interface DxNotification {
  id: string;
  recipients?: string[];
  sendToAll?: 'ALL' | 'LIVE' | 'DEMO';
  priority: 'LOW' | 'HIGH' | 'CRITICAL';
  subject: string;
  message: string;
  expirationDate: string;
  mustAcknowledge: boolean;
  statuses: DxDeliveryStatus[];
}

export interface DxCoreSeed {
  brokers: DxBroker[];
  clients: DxClient[];
  accounts: DxAccount[];
  clientGroups: DxClientGroup[];
  /** Account categories per broker code. */
  brokerCategories: Record<string, DxCategory[]>;
  notifications: DxNotification[];
}

// --- Retail Services Platform (documents 001, 002) -------------------------------------------

export interface RetailSubscription {
  name: string;
  status: 'ACTIVE' | 'EXPIRED';
  expiresAt: string | null;
}

export interface RetailAccount {
  id: string;
  email?: string;
  status: string;
  subscriberStatus: string;
  dataAccessStatus: string;
  metadata: Record<string, string | null>;
  subscriptions: RetailSubscription[];
  /**
   * Simulator only: the end user has submitted the signup form (document 001's "provided personal data
   * and signed agreements"); until then activation answers signup links. Absent means false.
   */
  personalDataProvided?: boolean;
  /** Simulator only: create account's `allowedStatuses` (ALL, PROFESSIONAL, NON_PROFESSIONAL); absent means ALL. */
  allowedStatuses?: string;
}

/**
 * A feed the application offers, with the per-feed settings document 001 refers to but does not show
 * (readings.ts, Retail writes).
 */
export interface RetailFeed {
  name: string;
  /** An order holding this feed waits for Confirm subscription. */
  confirmation: boolean;
  /** Activated at most once in an account's lifetime; never extended. */
  singleUse: boolean;
  /** No default end ("Infinite"): without `endDate` the subscription never expires; never extended. */
  infinite: boolean;
}

export interface RetailSeed {
  accounts: RetailAccount[];
  /** The feeds the application offers, with their settings. */
  feeds: RetailFeed[];
}

// --- Platform accounts API (document 004) ----------------------------------------------------

export interface PlatformAccount {
  id: string;
  created_at: string;
  updated_at: string;
  account_group_id: string;
  type: 'TRADING' | 'PORTFOLIO';
  users: { id: string; type: string }[];
  account_number: number;
  name: string;
  status: string;
}

export interface PlatformSeed {
  accounts: PlatformAccount[];
  userIds: string[];
  accountGroupIds: string[];
}

export interface World {
  dxcore: DxCoreSeed;
  retail: RetailSeed;
  platform: PlatformSeed;
}
