/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A point in time, ISO 8601 in UTC (e.g. 2026-11-21T10:00:00.000Z). */
  DateTime: { input: string; output: string; }
  _Any: { input: any; output: any; }
};

/** These credentials may not do this to this object. */
export type AccessDeniedError = Error & {
  __typename?: 'AccessDeniedError';
  /** Stable and machine-readable, e.g. VALIDATION, INSUFFICIENT_FUNDS. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** Null when the gateway refused on its own. */
  upstream?: Maybe<UpstreamDetail>;
};

/** A dxCore trading account. Needs `read`, or the owner's session; `clearingCode` and `accountCode` name it and are readable by whoever got it. */
export type Account = Node & {
  __typename?: 'Account';
  accountCashType?: Maybe<AccountCashType>;
  accountCode: Scalars['String']['output'];
  accountType?: Maybe<AccountType>;
  allowedInstruments?: Maybe<Array<Scalars['String']['output']>>;
  alpacaOmnibusSubAccountId?: Maybe<Scalars['String']['output']>;
  balance?: Maybe<Scalars['Float']['output']>;
  broker?: Maybe<Broker>;
  brokerCode?: Maybe<Scalars['String']['output']>;
  categories: Array<AccountCategoryValue>;
  /** The account's value in one category (GET .../account/{clearingCode}/{accountCode}/category/{categoryCode}). */
  category?: Maybe<AccountCategoryValue>;
  clearingCode: Scalars['String']['output'];
  /** The client that owns the account (for an end user: their own client, or null). */
  client?: Maybe<Client>;
  credit?: Maybe<Scalars['Float']['output']>;
  currency?: Maybe<Scalars['String']['output']>;
  equityOptionsLevel?: Maybe<Scalars['Int']['output']>;
  /** When a DEMO account expires. */
  expirationDate?: Maybe<Scalars['DateTime']['output']>;
  futuresOptionsLevel?: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  pdtAccount?: Maybe<Scalars['Boolean']['output']>;
  selfDepositBalanceAllowed?: Maybe<Scalars['Boolean']['output']>;
  status?: Maybe<AccountStatus>;
  type?: Maybe<AccountRole>;
};


/** A dxCore trading account. Needs `read`, or the owner's session; `clearingCode` and `accountCode` name it and are readable by whoever got it. */
export type AccountCategoryArgs = {
  name: Scalars['String']['input'];
};

/** The owner's permission on a new account (dxCore `accountAccess`); TRADE when omitted. */
export type AccountAccess =
  | 'TRADE'
  | 'VIEW_ONLY';

export type AccountCashType =
  | 'CASH'
  | 'MARGIN';

export type AccountCategoryChangeInput = {
  accountCode: Scalars['String']['input'];
  category: Scalars['String']['input'];
  clearingCode: Scalars['String']['input'];
  /** The group (value) to put the account in; omit when removing. */
  value?: InputMaybe<Scalars['String']['input']>;
};

export type AccountCategoryInput = {
  category: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

/** The account is in no value of the category any more. */
export type AccountCategoryRemoved = {
  __typename?: 'AccountCategoryRemoved';
  /** The account as dxCore has it now (read afresh when selected). */
  account: Account;
};

/** The account is in the category value (account group). */
export type AccountCategorySet = {
  __typename?: 'AccountCategorySet';
  /** The account as dxCore has it now (read afresh when selected). */
  account: Account;
};

/** The value an account has in one account category (dxCore "Account group"). */
export type AccountCategoryValue = {
  __typename?: 'AccountCategoryValue';
  category: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type AccountConnection = {
  __typename?: 'AccountConnection';
  edges: Array<AccountEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list holds, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A new trading account of the client. */
export type AccountCreated = {
  __typename?: 'AccountCreated';
  /** The account as dxCore answered the create. */
  account: Account;
};

export type AccountEdge = {
  __typename?: 'AccountEdge';
  cursor: Scalars['String']['output'];
  node: Account;
};

/** A Platform account event (document 004 webhook), delivered once and in order. */
export type AccountEvent = {
  __typename?: 'AccountEvent';
  account: PlatformAccountSnapshot;
  /** The upstream's timestamp. */
  createdAt: Scalars['DateTime']['output'];
  /** The upstream event's own id; pass it as `after` to resume after this event. */
  id: Scalars['ID']['output'];
  type: AccountEventType;
};

/** Document 004 account event types, with underscores (ACCOUNT.CLOSED is ACCOUNT_CLOSED). */
export type AccountEventType =
  | 'ACCOUNT_ACTIVATED'
  | 'ACCOUNT_CLOSED'
  | 'ACCOUNT_CLOSING_INITIATED'
  | 'ACCOUNT_CREATED'
  | 'ACCOUNT_LOCKED'
  | 'ACCOUNT_UPDATED';

/** What the account is for (dxCore account `type`): a client account, an offset or a reference account. */
export type AccountRole =
  | 'CLIENT'
  | 'OFFSET'
  | 'REFERENCE';

export type AccountStatus =
  | 'CLOSE_ONLY'
  | 'EXPIRED'
  | 'FULL_TRADING'
  | 'NO_TRADING'
  | 'TERMINATED';

/** DEMO, CHALLENGE or LIVE (dxCore `accountType`). */
export type AccountType =
  | 'CHALLENGE'
  | 'DEMO'
  | 'LIVE';

/** The account was updated. */
export type AccountUpdated = {
  __typename?: 'AccountUpdated';
  /** The account as dxCore answered the update. */
  account: Account;
};

export type ActivateMarketDataEntitlementsResult = AccessDeniedError | ConflictError | MarketDataEntitlementsActivated | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type ActivateSubscriptionsInput = {
  /** The Retail account id. */
  accountId: Scalars['ID']['input'];
  /** The feeds to activate; any end date sends the order as API v2. */
  subscriptions: Array<MarketDataFeedInput>;
  /** Where the signup page sends the user after the form; the application's setting when omitted. */
  successRedirectUrl?: InputMaybe<Scalars['String']['input']>;
};

export type ActivateSubscriptionsResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | SubscriptionActivation | UpstreamUnavailableError | ValidationError;

export type AddClientToGroupResult = AccessDeniedError | ClientAddedToGroup | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type AdjustBalanceResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | TransferSuccess | UpstreamUnavailableError | ValidationError;

/** A dxCore broker: the firm clients and accounts belong to. Needs `read` or an end-user session; `code` is readable by whoever got it. */
export type Broker = Node & {
  __typename?: 'Broker';
  /** The broker's trading accounts, paged by the gateway (for an end user: their own accounts at the broker). */
  accounts?: Maybe<AccountConnection>;
  categories?: Maybe<Array<Category>>;
  category?: Maybe<Category>;
  /** Brokers whose parent this broker is. */
  children?: Maybe<Array<Broker>>;
  clientPrincipalGroup?: Maybe<Scalars['String']['output']>;
  /** The broker's clients, paged by the gateway (for an end user: their own client, if it is the broker's). */
  clients?: Maybe<ClientConnection>;
  code: Scalars['String']['output'];
  countryCode?: Maybe<Scalars['String']['output']>;
  dealerPrincipalGroup?: Maybe<Scalars['String']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
  namespace?: Maybe<Scalars['String']['output']>;
  parent?: Maybe<Broker>;
  parentCode?: Maybe<Scalars['String']['output']>;
  type?: Maybe<BrokerType>;
};


/** A dxCore broker: the firm clients and accounts belong to. Needs `read` or an end-user session; `code` is readable by whoever got it. */
export type BrokerAccountsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A dxCore broker: the firm clients and accounts belong to. Needs `read` or an end-user session; `code` is readable by whoever got it. */
export type BrokerCategoryArgs = {
  name: Scalars['String']['input'];
};


/** A dxCore broker: the firm clients and accounts belong to. Needs `read` or an end-user session; `code` is readable by whoever got it. */
export type BrokerClientsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** The broker has the new account category with its values. */
export type BrokerCategoryCreated = {
  __typename?: 'BrokerCategoryCreated';
  /** The broker; its categories are read afresh when selected. */
  broker: Broker;
};

/** The values, or the whole category, are gone from the broker. */
export type BrokerCategoryDeleted = {
  __typename?: 'BrokerCategoryDeleted';
  /** The broker; its categories are read afresh when selected. */
  broker: Broker;
};

export type BrokerCategoryInput = {
  brokerCode: Scalars['String']['input'];
  /** The category key, e.g. TRADE_TYPE. */
  category: Scalars['String']['input'];
  /** Group names (values). On delete, omit to remove the whole category. */
  values?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** The category value was renamed, on the broker's accounts too. */
export type BrokerCategoryValueRenamed = {
  __typename?: 'BrokerCategoryValueRenamed';
  /** The broker; its categories are read afresh when selected. */
  broker: Broker;
};

export type BrokerConnection = {
  __typename?: 'BrokerConnection';
  edges: Array<BrokerEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list holds, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type BrokerEdge = {
  __typename?: 'BrokerEdge';
  cursor: Scalars['String']['output'];
  node: Broker;
};

export type BrokerType =
  | 'EXEC_BROKER'
  | 'OMNIBUS'
  | 'SUP_BROKER'
  | 'TRADING_FIRM';

export type CancelMarketDataEntitlementsResult = AccessDeniedError | ConflictError | MarketDataEntitlementsCancelled | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type CancelSubscriptionsInput = {
  /** The Retail account id. */
  accountId: Scalars['ID']['input'];
  /** The subscriptions to cancel, by feed name. */
  feedNames: Array<Scalars['String']['input']>;
};

export type CancelSubscriptionsResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | SubscriptionsCancelled | UpstreamUnavailableError | ValidationError;

/** A dxCore account category (account group category) and the values an account may take in it. */
export type Category = {
  __typename?: 'Category';
  /** The category key, e.g. Commissions or TRADE_TYPE. */
  name: Scalars['String']['output'];
  values: Array<Scalars['String']['output']>;
};

export type CategoryConnection = {
  __typename?: 'CategoryConnection';
  edges: Array<CategoryEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list holds, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type CategoryEdge = {
  __typename?: 'CategoryEdge';
  cursor: Scalars['String']['output'];
  node: Category;
};

export type ChangeMarketDataEmailInput = {
  /** The Retail account id. */
  accountId: Scalars['ID']['input'];
  /** The new email; saved in lower case. */
  email: Scalars['String']['input'];
};

export type ChangeMarketDataEmailResult = AccessDeniedError | ConflictError | MarketDataEmailChanged | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

/** Credentials to check, as dxCore's /checkLogin names them: `password` or an SSO `token`, exactly one. */
export type CheckLoginInput = {
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
  password?: InputMaybe<Scalars['String']['input']>;
  /** An SSO token (from `ssoToken`). */
  token?: InputMaybe<Scalars['String']['input']>;
};

export type CheckLoginResult = AccessDeniedError | ConflictError | CredentialsValid | InvalidCredentialsError | LoginThrottledError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

/** A dxCore client (user) with its trading accounts, broker, groups and market-data account. Needs `read`, or the client's own session; `domain`, `login` and `version` name it and are readable by whoever got it. */
export type Client = Node & {
  __typename?: 'Client';
  /** The trading accounts the client owns (carried by the client record: no extra call). */
  accounts: Array<Account>;
  /** ISO date (YYYY-MM-DD). */
  birthDate?: Maybe<Scalars['String']['output']>;
  birthPlace?: Maybe<Scalars['String']['output']>;
  broker?: Maybe<Broker>;
  brokerCode?: Maybe<Scalars['String']['output']>;
  citizenship?: Maybe<Scalars['String']['output']>;
  comments?: Maybe<Scalars['String']['output']>;
  company?: Maybe<Scalars['String']['output']>;
  /** ISO date (YYYY-MM-DD). */
  contractDate?: Maybe<Scalars['String']['output']>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  document?: Maybe<IdentityDocument>;
  domain: Scalars['String']['output'];
  /** The linked Retail Services (dxFeed) account id. */
  dxFeedAccountId?: Maybe<Scalars['String']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  fullName?: Maybe<Scalars['String']['output']>;
  /** The client groups that have the client as a direct member. */
  groups: Array<ClientGroup>;
  id: Scalars['ID']['output'];
  insuranceNumber?: Maybe<Scalars['String']['output']>;
  lastLogin?: Maybe<Scalars['DateTime']['output']>;
  location?: Maybe<Location>;
  login: Scalars['String']['output'];
  /** The linked market-data account; `{ id }` alone needs no Retail call. */
  marketDataAccount?: Maybe<MarketDataAccount>;
  /** Password expiration period in days. */
  passwordExpiry?: Maybe<Scalars['Int']['output']>;
  passwordReset?: Maybe<Scalars['Boolean']['output']>;
  phone?: Maybe<Scalars['String']['output']>;
  status?: Maybe<ClientStatus>;
  type?: Maybe<ClientType>;
  /** dxCore's version of the client (its ETag): pass it as `expectedVersion` so an update cannot overwrite a change made since. */
  version?: Maybe<Scalars['String']['output']>;
};

/** The client is a direct member of the group. */
export type ClientAddedToGroup = {
  __typename?: 'ClientAddedToGroup';
  /** The client as dxCore has it now (read afresh when selected). */
  client: Client;
};

export type ClientConnection = {
  __typename?: 'ClientConnection';
  edges: Array<ClientEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list holds, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** The new client, with the accounts opened with it. */
export type ClientCreated = {
  __typename?: 'ClientCreated';
  /** The client as dxCore answered the create. */
  client: Client;
};

export type ClientDeactivated = {
  __typename?: 'ClientDeactivated';
  /** Feeds the gateway had to cancel itself because dxCore left them active. */
  cancelledSubscriptions: Array<Scalars['String']['output']>;
  client: Client;
  steps: Array<WorkflowStep>;
};

export type ClientDeleted = {
  __typename?: 'ClientDeleted';
  domain: Scalars['String']['output'];
  login: Scalars['String']['output'];
};

/** The client is disabled and every account of theirs terminated; their sessions at the gateway ended. */
export type ClientDisabled = {
  __typename?: 'ClientDisabled';
  /** The client as dxCore has it now (read afresh when selected). */
  client: Client;
};

export type ClientEdge = {
  __typename?: 'ClientEdge';
  cursor: Scalars['String']['output'];
  node: Client;
};

/** A change the gateway itself made in dxCore (a mutation), published once it succeeded. */
export type ClientEvent = {
  __typename?: 'ClientEvent';
  /** The trading account as dxCore has it now (a fresh read). */
  account?: Maybe<Account>;
  accountCode?: Maybe<Scalars['String']['output']>;
  clearingCode?: Maybe<Scalars['String']['output']>;
  /** The client as dxCore has it now (a fresh read; an error once deleted): the one the event names, or else the owner of its account. */
  client?: Maybe<Client>;
  createdAt: Scalars['DateTime']['output'];
  domain?: Maybe<Scalars['String']['output']>;
  /** The event id; pass it as `after` to resume after this event. */
  id: Scalars['ID']['output'];
  login?: Maybe<Scalars['String']['output']>;
  /** The new status, for status changes. */
  status?: Maybe<Scalars['String']['output']>;
  transfer?: Maybe<ClientEventTransfer>;
  type: ClientEventType;
};

export type ClientEventTransfer = {
  __typename?: 'ClientEventTransfer';
  amount: Scalars['Float']['output'];
  currency: Scalars['String']['output'];
  /** The transfer id. */
  id: Scalars['ID']['output'];
  kind: TransferKind;
};

/** Changes the gateway made in dxCore, with underscores (CLIENT.STATUS_CHANGED is CLIENT_STATUS_CHANGED). */
export type ClientEventType =
  | 'ACCOUNT_CREATED'
  | 'ACCOUNT_UPDATED'
  | 'BALANCE_ADJUSTED'
  | 'CLIENT_CREATED'
  | 'CLIENT_DELETED'
  | 'CLIENT_STATUS_CHANGED'
  | 'CLIENT_UPDATED'
  | 'FUNDS_DEPOSITED'
  | 'FUNDS_WITHDRAWN';

/** A dxCore client group (principal group). Needs `read`; `domain` and `name` are readable by whoever got it. */
export type ClientGroup = Node & {
  __typename?: 'ClientGroup';
  /** Direct ancestors. */
  ancestors: Array<ClientGroup>;
  domain: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Direct members. */
  members: Array<Client>;
  name: Scalars['String']['output'];
};

export type ClientGroupConnection = {
  __typename?: 'ClientGroupConnection';
  edges: Array<ClientGroupEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list holds, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type ClientGroupEdge = {
  __typename?: 'ClientGroupEdge';
  cursor: Scalars['String']['output'];
  node: ClientGroup;
};

export type ClientIdInput = {
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
};

export type ClientOnboarded = {
  __typename?: 'ClientOnboarded';
  client: Client;
  /** CRM mode: confirm the feed order with this (confirmSubscriptions) when dxFeed needs it. */
  confirmationId?: Maybe<Scalars['String']['output']>;
  /** CRM mode: the linked dxFeed account. */
  marketDataAccount?: Maybe<MarketDataAccount>;
  /** CRM mode: the dxFeed form the user fills in before the feeds start. */
  signupPage?: Maybe<ThemedLinks>;
  steps: Array<WorkflowStep>;
};

export type ClientReactivated = {
  __typename?: 'ClientReactivated';
  account: Account;
  client: Client;
  /** CRM mode, with feeds: confirm the feed order with this (confirmSubscriptions) when dxFeed needs it. */
  confirmationId?: Maybe<Scalars['String']['output']>;
  /** CRM mode, with feeds: the dxFeed form the user fills in before the feeds start, while dxFeed has not got it. */
  signupPage?: Maybe<ThemedLinks>;
  steps: Array<WorkflowStep>;
};

/** The client is no longer a direct member of the group. */
export type ClientRemovedFromGroup = {
  __typename?: 'ClientRemovedFromGroup';
  /** The client as dxCore has it now (read afresh when selected). */
  client: Client;
};

export type ClientStatus =
  | 'DISABLED'
  | 'OFFLINE'
  | 'ONLINE';

export type ClientType =
  | 'CLIENT'
  | 'OTHER';

/** The client was updated. */
export type ClientUpdated = {
  __typename?: 'ClientUpdated';
  /** The client as dxCore answered the update (its `version` is the new one). */
  client: Client;
};

export type ClosePlatformAccountInput = {
  /** The Platform account uuid. */
  accountId: Scalars['ID']['input'];
};

export type ClosePlatformAccountResult = AccessDeniedError | ConflictError | NotFoundError | PlatformAccountClosureAccepted | RejectedError | UpstreamUnavailableError | ValidationError;

export type ConfirmSubscriptionsInput = {
  /** The Retail account id. */
  accountId: Scalars['ID']['input'];
  /** The activation's `confirmationId` (the latest one: a new activation replaces it). */
  confirmationId: Scalars['String']['input'];
};

export type ConfirmSubscriptionsResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | SubscriptionsConfirmed | UpstreamUnavailableError | ValidationError;

/** The write collides with the current state (a reused transfer id, a stale version, an existing login). */
export type ConflictError = Error & {
  __typename?: 'ConflictError';
  /** Stable and machine-readable, e.g. VALIDATION, INSUFFICIENT_FUNDS. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** Null when the gateway refused on its own. */
  upstream?: Maybe<UpstreamDetail>;
};

export type CreateAccountInput = {
  account: NewAccountInput;
  accountAccess?: InputMaybe<AccountAccess>;
  /** The owner's domain. */
  domain: Scalars['String']['input'];
  /** The owner's login. */
  login: Scalars['String']['input'];
};

export type CreateAccountResult = AccessDeniedError | AccountCreated | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type CreateBrokerCategoryResult = AccessDeniedError | BrokerCategoryCreated | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type CreateClientInput = {
  /** The client's permission on those accounts. */
  accountAccess?: InputMaybe<AccountAccess>;
  /** Accounts opened with the client, in one dxCore call. */
  accounts?: InputMaybe<Array<NewAccountInput>>;
  /** YYYY-MM-DD. */
  birthDate?: InputMaybe<Scalars['String']['input']>;
  birthPlace?: InputMaybe<Scalars['String']['input']>;
  brokerCode?: InputMaybe<Scalars['String']['input']>;
  citizenship?: InputMaybe<Scalars['String']['input']>;
  comments?: InputMaybe<Scalars['String']['input']>;
  company?: InputMaybe<Scalars['String']['input']>;
  /** YYYY-MM-DD. */
  contractDate?: InputMaybe<Scalars['String']['input']>;
  /** The broker's domain when omitted. */
  domain?: InputMaybe<Scalars['String']['input']>;
  /** Links the Retail Services (dxFeed) market-data account; one linked to another client is MARKET_DATA_ACCOUNT_ALREADY_LINKED. */
  dxFeedAccountId?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  fullName?: InputMaybe<Scalars['String']['input']>;
  insuranceNumber?: InputMaybe<Scalars['String']['input']>;
  login: Scalars['String']['input'];
  /** Write-only. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** Days. */
  passwordExpiry?: InputMaybe<Scalars['Int']['input']>;
  /** Ask for a new password at the next login. */
  passwordReset?: InputMaybe<Scalars['Boolean']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ClientStatus>;
  type?: InputMaybe<ClientType>;
};

export type CreateClientResult = AccessDeniedError | ClientCreated | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type CreateMarketDataAccountInput = {
  allowedStatuses?: InputMaybe<MarketDataAllowedStatuses>;
  /** Saved in lower case. Without it the user enters and confirms one in the onboarding wizard. */
  email?: InputMaybe<Scalars['String']['input']>;
  personalData?: InputMaybe<MarketDataPersonalDataInput>;
};

export type CreateMarketDataAccountResult = AccessDeniedError | ConflictError | MarketDataAccountCreated | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type CreatePlatformAccountInput = {
  /** An account group uuid. */
  accountGroupId: Scalars['ID']['input'];
  /** At most 100 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** TRADING: orders per instrument; PORTFOLIO: orders on a portfolio basis. */
  type: PlatformAccountType;
  /** The owner: a Platform user uuid. */
  userId: Scalars['ID']['input'];
};

export type CreatePlatformAccountResult = AccessDeniedError | ConflictError | NotFoundError | PlatformAccountCreated | RejectedError | UpstreamUnavailableError | ValidationError;

/** dxCore accepted the credentials. No session was made. */
export type CredentialsValid = {
  __typename?: 'CredentialsValid';
  domain: Scalars['String']['output'];
  login: Scalars['String']['output'];
};

export type DeactivateClientInput = {
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
};

export type DeactivateClientResult = AccessDeniedError | ClientDeactivated | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError | WorkflowStepError;

export type DeleteBrokerCategoryResult = AccessDeniedError | BrokerCategoryDeleted | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type DeleteClientResult = AccessDeniedError | ClientDeleted | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type DepositFundsResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | TransferSuccess | UpstreamUnavailableError | ValidationError;

export type DisableClientInput = {
  /** Also cancel the linked dxFeed subscriptions (document 003). Default false. */
  cancelMarketDataSubscriptions?: InputMaybe<Scalars['Boolean']['input']>;
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
};

export type DisableClientResult = AccessDeniedError | ClientDisabled | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

/** Every error member of a mutation result: switch on `code`. */
export type Error = {
  /** Stable and machine-readable, e.g. VALIDATION, INSUFFICIENT_FUNDS. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** Null when the gateway refused on its own. */
  upstream?: Maybe<UpstreamDetail>;
};

export type ExtendSubscriptionsInput = {
  /** The Retail account id. */
  accountId: Scalars['ID']['input'];
  /** The subscriptions to extend, by feed name. */
  feedNames: Array<Scalars['String']['input']>;
};

export type ExtendSubscriptionsResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | SubscriptionsExtended | UpstreamUnavailableError | ValidationError;

/** A transaction dxCore refused; the others of the call were imported. */
export type FailedTransaction = {
  __typename?: 'FailedTransaction';
  code: TransactionFailureCode;
  /** What the code means; dxCore's own errorText goes to the operator's log, never to the caller. */
  message: Scalars['String']['output'];
  transactionId: Scalars['String']['output'];
  /** dxCore's errorCode (UNKNOWN when it is not a plain code). */
  upstreamCode: Scalars['String']['output'];
};

export type GrantTradePermissionResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | TradePermissionChange | UpstreamUnavailableError | ValidationError;

export type GroupMembershipInput = {
  domain: Scalars['String']['input'];
  /** dxCore requires the client version (`if-match`); the current one is read when omitted. */
  expectedVersion?: InputMaybe<Scalars['String']['input']>;
  groupDomain: Scalars['String']['input'];
  groupName: Scalars['String']['input'];
  login: Scalars['String']['input'];
};

export type IdentityDocument = {
  __typename?: 'IdentityDocument';
  issuedBy?: Maybe<Scalars['String']['output']>;
  /** ISO date (YYYY-MM-DD). */
  issuedDate?: Maybe<Scalars['String']['output']>;
  number?: Maybe<Scalars['String']['output']>;
  series?: Maybe<Scalars['String']['output']>;
  type?: Maybe<Scalars['String']['output']>;
};

export type ImportTransactionsInput = {
  /** At most 1000 per call. */
  transactions: Array<TransactionInput>;
};

export type ImportTransactionsResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | TransactionsImported | UpstreamUnavailableError | ValidationError;

/** The credentials were refused. */
export type InvalidCredentialsError = Error & {
  __typename?: 'InvalidCredentialsError';
  /** Stable and machine-readable, e.g. VALIDATION, INSUFFICIENT_FUNDS. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** Null when the gateway refused on its own. */
  upstream?: Maybe<UpstreamDetail>;
};

export type Location = {
  __typename?: 'Location';
  address?: Maybe<Scalars['String']['output']>;
  countryCode?: Maybe<Scalars['String']['output']>;
  zipCode?: Maybe<Scalars['String']['output']>;
};

/** dxCore ended the session(s); the user named as the mutation named them. */
export type LoggedOut = {
  __typename?: 'LoggedOut';
  domain?: Maybe<Scalars['String']['output']>;
  login?: Maybe<Scalars['String']['output']>;
  userId?: Maybe<Scalars['Int']['output']>;
};

/** dxCore's /login credentials. */
export type LoginInput = {
  domain: Scalars['String']['input'];
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};

export type LoginResult = AccessDeniedError | ConflictError | InvalidCredentialsError | LoginThrottledError | NotFoundError | RejectedError | Session | UpstreamUnavailableError | ValidationError;

/** Too many failed password tries for this username or from this address; the same answer whether or not the user exists. */
export type LoginThrottledError = Error & {
  __typename?: 'LoginThrottledError';
  /** Stable and machine-readable, e.g. VALIDATION, INSUFFICIENT_FUNDS. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** Seconds until a try is allowed again. */
  retryAfter: Scalars['Int']['output'];
  /** Null when the gateway refused on its own. */
  upstream?: Maybe<UpstreamDetail>;
};

export type LogoutResult = AccessDeniedError | ConflictError | LoggedOut | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

/** The user whose sessions end: by dxCore `userId` or by `user`, exactly one. */
export type LogoutUserInput = {
  user?: InputMaybe<SessionUserInput>;
  /** dxCore's numeric user id (SSOTokenInfo's userId). */
  userId?: InputMaybe<Scalars['Int']['input']>;
};

export type LogoutUserResult = AccessDeniedError | ConflictError | LoggedOut | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

/** A Retail Services Platform (dxFeed) market-data account. Needs `read`, or the session of the client it is linked to; `id` is readable by whoever got it. */
export type MarketDataAccount = {
  __typename?: 'MarketDataAccount';
  /**
   * The Retail account id, as `id`.
   * @deprecated Use `id`: the same value.
   */
  accountId: Scalars['String']['output'];
  /** The client whose `dxFeedAccountId` links this account (for an end user: their own client, or null). */
  client?: Maybe<Client>;
  /** One of ENABLED, SUSPENDED on the simulators; passed through as the upstream spells it. */
  dataAccessStatus?: Maybe<Scalars['String']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  /** The Retail account id: what dxCore stores as `dxFeedAccountId`, and what market-data inputs and events take. */
  id: Scalars['ID']['output'];
  /** One of ACTIVE, BLOCKED on the simulators; passed through as the upstream spells it. */
  status?: Maybe<Scalars['String']['output']>;
  /** One of NON_PROFESSIONAL, PROFESSIONAL on the simulators; passed through as the upstream spells it. */
  subscriberStatus?: Maybe<Scalars['String']['output']>;
  /** Every subscription, active and expired. Needs only the account id, so it is fetched beside the account, not after it. */
  subscriptions?: Maybe<Array<MarketDataSubscription>>;
};

/** A new Retail Services Platform account. */
export type MarketDataAccountCreated = {
  __typename?: 'MarketDataAccountCreated';
  /** The market-data account as the Retail Services Platform has it after the write (read afresh when selected). */
  account: MarketDataAccount;
};

export type MarketDataAccountInput = {
  /** The Retail account id (`MarketDataAccount.id`). */
  accountId: Scalars['ID']['input'];
};

/** dxCore recorded the suspension of the dxFeed account and logged the user out. */
export type MarketDataAccountSuspended = {
  __typename?: 'MarketDataAccountSuspended';
  /** The market-data account as the Retail Services Platform has it (read when selected). dxCore keeps entitlements on its own side and answers only OK, so this is not dxCore's copy. */
  account: MarketDataAccount;
};

/** Which subscriber statuses the user may choose in the onboarding wizard (Retail `allowedStatuses`); no restriction when omitted. */
export type MarketDataAllowedStatuses =
  | 'ALL'
  | 'NON_PROFESSIONAL'
  | 'PROFESSIONAL';

/** The Retail Services Platform API version a call used: V2 only for an activation with end dates. */
export type MarketDataApiVersion =
  | 'V1'
  | 'V2';

/** The account's email was changed. */
export type MarketDataEmailChanged = {
  __typename?: 'MarketDataEmailChanged';
  /** The market-data account as the Retail Services Platform has it after the write (read afresh when selected). */
  account: MarketDataAccount;
};

/** dxCore recorded the change (market-data-subscription-activation) and, as document 003 says, logged the user out. */
export type MarketDataEntitlementsActivated = {
  __typename?: 'MarketDataEntitlementsActivated';
  /** The market-data account as the Retail Services Platform has it (read when selected). dxCore keeps entitlements on its own side and answers only OK, so this is not dxCore's copy. */
  account: MarketDataAccount;
};

/** dxCore recorded the change (market-data-subscription-cancelation) and, as document 003 says, logged the user out. */
export type MarketDataEntitlementsCancelled = {
  __typename?: 'MarketDataEntitlementsCancelled';
  /** The market-data account as the Retail Services Platform has it (read when selected). dxCore keeps entitlements on its own side and answers only OK, so this is not dxCore's copy. */
  account: MarketDataAccount;
};

export type MarketDataEntitlementsInput = {
  /** The market-data (dxFeed) account id, as a dxCore client's `dxFeedAccountId`. */
  accountId: Scalars['ID']['input'];
  subscriptions: Array<MarketDataFeedInput>;
};

/** dxFeed subscription callback types, with underscores (SUBSCRIPTION.ACTIVATED is SUBSCRIPTION_ACTIVATED). */
export type MarketDataEventType =
  | 'SUBSCRIPTION_ACTIVATED'
  | 'SUBSCRIPTION_ADDED'
  | 'SUBSCRIPTION_DEACTIVATED'
  | 'SUBSCRIPTION_EXTENDED'
  | 'SUBSCRIPTION_REMOVED';

export type MarketDataFeedInput = {
  /** When the subscription ends; in the future. Without it, the application's default period applies. */
  endDate?: InputMaybe<Scalars['DateTime']['input']>;
  /** The feed (subscription) name, e.g. CMEGROUP. */
  feedName: Scalars['String']['input'];
};

/** The password was regenerated (or there was none yet to regenerate); it goes to the user by email or the callback, never in this answer. */
export type MarketDataPasswordReset = {
  __typename?: 'MarketDataPasswordReset';
  /** The market-data account as the Retail Services Platform has it after the write (read afresh when selected). */
  account: MarketDataAccount;
};

/** Prefills the onboarding wizard and the profile page (Retail's `metadata`); every field is optional. */
export type MarketDataPersonalDataInput = {
  address?: InputMaybe<Scalars['String']['input']>;
  city?: InputMaybe<Scalars['String']['input']>;
  companyName?: InputMaybe<Scalars['String']['input']>;
  country?: InputMaybe<Scalars['String']['input']>;
  firstName?: InputMaybe<Scalars['String']['input']>;
  jobTitle?: InputMaybe<Scalars['String']['input']>;
  lastName?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  state?: InputMaybe<Scalars['String']['input']>;
  zip?: InputMaybe<Scalars['String']['input']>;
};

/** Links to the user's personal profile page. */
export type MarketDataProfileLink = {
  __typename?: 'MarketDataProfileLink';
  account: MarketDataAccount;
  /** When the links stop working. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  profilePage: ThemedLinks;
};

export type MarketDataProfileLinkResult = AccessDeniedError | ConflictError | MarketDataProfileLink | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

/** A market-data feed subscription of a Retail Services (dxFeed) account. */
export type MarketDataSubscription = {
  __typename?: 'MarketDataSubscription';
  /** Null for a subscription without an end date. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The feed name, e.g. CMEGROUP. */
  name: Scalars['String']['output'];
  status: MarketDataSubscriptionStatus;
};

/** A dxFeed subscription callback (document 003): the subscriptions a change touched, as the callback carried them. */
export type MarketDataSubscriptionEvent = {
  __typename?: 'MarketDataSubscriptionEvent';
  /** @deprecated Use `marketDataAccount`: the same account. */
  account?: Maybe<MarketDataAccount>;
  /** The market-data (dxFeed) account id. */
  accountId: Scalars['ID']['output'];
  /** The client whose `dxFeedAccountId` links the account (for an end user: their own client). */
  client?: Maybe<Client>;
  /** The upstream's timestamp. */
  createdAt: Scalars['DateTime']['output'];
  /** The callback's own id; pass it as `after` to resume after this event. */
  id: Scalars['ID']['output'];
  /** The market-data account as the Retail API has it now (a fresh read after the change). */
  marketDataAccount?: Maybe<MarketDataAccount>;
  subscriptions: Array<MarketDataSubscription>;
  type: MarketDataEventType;
};

export type MarketDataSubscriptionStatus =
  | 'ACTIVE'
  | 'EXPIRED';

/** A dxFeed token: the key for market data. */
export type MarketDataToken = {
  __typename?: 'MarketDataToken';
  /** The QD filters enabled for the user; only with `withDetails`. */
  details?: Maybe<Array<Scalars['String']['output']>>;
  token: Scalars['String']['output'];
};

/** Either `accountId`, or `login` and `password` (the market-data credentials). */
export type MarketDataTokenInput = {
  /** The Retail account id (`MarketDataAccount.id`); for an end user, their own by default. */
  accountId?: InputMaybe<Scalars['ID']['input']>;
  login?: InputMaybe<Scalars['String']['input']>;
  password?: InputMaybe<Scalars['String']['input']>;
  /** Also return the QD filters enabled for the user (`details`). */
  withDetails?: InputMaybe<Scalars['Boolean']['input']>;
};

export type MarketDataTokenResult = AccessDeniedError | ConflictError | InvalidCredentialsError | LoginThrottledError | MarketDataToken | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type Mutation = {
  __typename?: 'Mutation';
  /** Adds dxFeed market-data subscriptions to what dxCore keeps for the client linked to this market-data account (dxCore logs that user out). CLIENT_NOT_FOUND when no client is linked. */
  activateMarketDataEntitlements?: Maybe<ActivateMarketDataEntitlementsResult>;
  /** Activates market-data subscriptions of a Retail account (API v1, or v2 when any feed has an end date). Refused with SUBSCRIPTION_ALREADY_ACTIVE, SINGLE_USE_FEED_ACTIVATED_BEFORE, MARKET_DATA_ACCOUNT_BLOCKED, MARKET_DATA_ACCOUNT_NOT_FOUND or VALIDATION (an unknown feed). */
  activateSubscriptions?: Maybe<ActivateSubscriptionsResult>;
  addClientToGroup?: Maybe<AddClientToGroupResult>;
  /** Adjusts a balance up (positive amount) or down (negative). */
  adjustBalance?: Maybe<AdjustBalanceResult>;
  /** Removes dxFeed market-data subscriptions from what dxCore keeps for the client linked to this market-data account (dxCore logs that user out). CLIENT_NOT_FOUND when no client is linked. */
  cancelMarketDataEntitlements?: Maybe<CancelMarketDataEntitlementsResult>;
  /** Cancels active subscriptions. SUBSCRIPTION_NOT_FOUND for a feed the account never had, SUBSCRIPTION_EXPIRED for one already ended. */
  cancelSubscriptions?: Maybe<CancelSubscriptionsResult>;
  /** Changes a market-data account's email, where a new password is sent. Needs the `admin` scope besides `write` (FORBIDDEN otherwise): it sets a credential. */
  changeMarketDataEmail?: Maybe<ChangeMarketDataEmailResult>;
  /** Checks a user's password or SSO token without logging in (dxCore POST /checkLogin); refused ones are INVALID_CREDENTIALS. Needs the `admin` scope. */
  checkLogin?: Maybe<CheckLoginResult>;
  /** Starts closing a Platform account. Repeating it while CLOSING is accepted again; a CLOSED account is PLATFORM_ACCOUNT_CLOSED. */
  closePlatformAccount?: Maybe<ClosePlatformAccountResult>;
  /** Confirms an activation order that needs confirmation. ORDER_NOT_FOUND when the id is unknown, expired or replaced. */
  confirmSubscriptions?: Maybe<ConfirmSubscriptionsResult>;
  /** Opens a trading account for an existing client. A `balance` or `credit` needs the `transfers` scope besides `write` (FORBIDDEN otherwise). */
  createAccount?: Maybe<CreateAccountResult>;
  /** Adds an account category with its values to a broker (dxCore: 'Create new account category'). */
  createBrokerCategory?: Maybe<CreateBrokerCategoryResult>;
  /** Creates a client, with its accounts, in one dxCore call. A `balance` or `credit` needs the `transfers` scope besides `write` (FORBIDDEN otherwise). */
  createClient?: Maybe<CreateClientResult>;
  /** Creates a Retail Services Platform (dxFeed) account. An email already taken is MARKET_DATA_ACCOUNT_ALREADY_EXISTS. */
  createMarketDataAccount?: Maybe<CreateMarketDataAccountResult>;
  /** Creates a Platform account for a user. PLATFORM_USER_NOT_FOUND or ACCOUNT_GROUP_NOT_FOUND when they do not exist. */
  createPlatformAccount?: Maybe<CreatePlatformAccountResult>;
  /** Document 003, "User Deactivation": disables the client, terminates the accounts and cancels the linked feeds. */
  deactivateClient?: Maybe<DeactivateClientResult>;
  /** Removes the listed values from a category, or the whole category when no values are given. */
  deleteBrokerCategory?: Maybe<DeleteBrokerCategoryResult>;
  deleteClient?: Maybe<DeleteClientResult>;
  /** Deposits into a trading account. */
  depositFunds?: Maybe<DepositFundsResult>;
  /** Disables the client and terminates every account of theirs (dxCore disable-user-and-terminate-accounts). */
  disableClient?: Maybe<DisableClientResult>;
  /** Extends active subscriptions by one period, once per period: SUBSCRIPTION_ALREADY_EXTENDED after that, SUBSCRIPTION_NOT_EXTENDABLE for an infinite or single-use feed. */
  extendSubscriptions?: Maybe<ExtendSubscriptionsResult>;
  /** Lets a user trade on the account (kept as it is when already granted). */
  grantTradePermission?: Maybe<GrantTradePermissionResult>;
  /** Imports account transactions (dxCore POST /api/transaction-import): each is created, updated, deleted or reported in `failed`. Needs the `admin` scope: it rewrites trade history; a batch that can move cash (an UPDATE or a DELETE, a cashEffect or calculateCashEffect, commissions, fees or taxes, a cash activity such as DEPOSIT, WITHDRAWAL, DIVIDEND or ADJUSTMENT, or a currency as the symbol) needs `transfers` too. */
  importTransactions?: Maybe<ImportTransactionsResult>;
  /** Logs an end user in to dxCore. Needs no credentials; the session token it returns is the caller credential for that user. */
  login?: Maybe<LoginResult>;
  /** Ends the caller's own dxCore session (dxCore POST /logoutUserByToken); the token stops working at the gateway at once. An end user (DXAPI) only. A session dxCore has already ended counts as logged out. */
  logout?: Maybe<LogoutResult>;
  /** Ends every dxCore session of a user (dxCore POST /logoutUserById or /logoutUserByLogin). Needs the `admin` scope. */
  logoutUser?: Maybe<LogoutUserResult>;
  /** Makes links to the user's personal profile page (each call a new pair, with an expiry). Needs `write`, or an end user's session: then for their own linked account only (another is FORBIDDEN). */
  marketDataProfileLink?: Maybe<MarketDataProfileLinkResult>;
  /** Issues a dxFeed token by account id or by market-data credentials. Refusals: MARKET_DATA_ACCOUNT_NOT_FOUND, INVALID_CREDENTIALS, NO_ACTIVE_SUBSCRIPTIONS, DATA_ACCESS_SUSPENDED, VALIDATION; failed password tries are counted like logins (LOGIN_THROTTLED), and a request holds one credential check. Needs `write`, or an end user's session: then for their own linked account only (the default; another is FORBIDDEN). */
  marketDataToken?: Maybe<MarketDataTokenResult>;
  /** Document 003, "User Creation". CRM mode: the dxFeed account, then the dxCore client linked to it, then the feeds; a login that exists is CLIENT_ALREADY_EXISTS before anything is created. XT and single-feed modes: the client with its email. A `balance` or `credit` needs the `transfers` scope besides `write` (FORBIDDEN otherwise). */
  onboardClient?: Maybe<OnboardClientResult>;
  /** Document 003, "User Reactivation": restores the status, then opens a new account, then (CRM mode, `feeds`) activates the feeds deactivation cancelled; a client that is not DISABLED is CLIENT_NOT_DISABLED, with nothing changed. A `balance` or `credit` needs the `transfers` scope besides `write` (FORBIDDEN otherwise). */
  reactivateClient?: Maybe<ReactivateClientResult>;
  /** Prolongs the caller's own dxCore session (dxCore POST /ping). dxCore extends a session only once it is past half its duration, by half of it; `expiresAt` is when it now ends. An end user (DXAPI) only. */
  refreshSession?: Maybe<RefreshSessionResult>;
  removeAccountCategory?: Maybe<RemoveAccountCategoryResult>;
  removeClientFromGroup?: Maybe<RemoveClientFromGroupResult>;
  renameBrokerCategoryValue?: Maybe<RenameBrokerCategoryValueResult>;
  /** Renames a Platform account. PLATFORM_ACCOUNT_CLOSED for a closing or closed account. */
  renamePlatformAccount?: Maybe<RenamePlatformAccountResult>;
  /** Regenerates the market-data password, if one was generated before. Needs the `admin` scope besides `write` (FORBIDDEN otherwise): it sets a credential. */
  resetMarketDataPassword?: Maybe<ResetMarketDataPasswordResult>;
  revokeTradePermission?: Maybe<RevokeTradePermissionResult>;
  /** Sends a client notification (dxCore POST /api/clientnotifications). Needs the `write` scope. */
  sendNotification?: Maybe<SendNotificationResult>;
  /** Puts the account in one of its broker's category values (account group). */
  setAccountCategory?: Maybe<SetAccountCategoryResult>;
  /** Makes an SSO token: an end user (DXAPI) for their own session, or an admin key for any user (LOGIN_ON_BEHALF). */
  ssoToken?: Maybe<SsoTokenResult>;
  /** Reads what an SSO token stands for (dxCore POST /getSSOTokenInfo). A mutation only so that the token travels in a POST body, never a URL. A malformed or expired token is INVALID_SSO_TOKEN. Needs the `admin` scope. */
  ssoTokenInfo?: Maybe<SsoTokenInfoResult>;
  /** Tells dxCore the dxFeed account is suspended (dxCore logs the linked user out). CLIENT_NOT_FOUND when no client is linked. */
  suspendMarketDataAccount?: Maybe<SuspendMarketDataAccountResult>;
  /** Records a trial subscription for tracking and reporting. */
  trackTrial?: Maybe<TrackTrialResult>;
  /** A `balance` or `credit` needs the `transfers` scope besides `write` (FORBIDDEN otherwise). */
  updateAccount?: Maybe<UpdateAccountResult>;
  /** Setting `password`, `passwordExpiry` or `passwordReset` (credentials) needs the `admin` scope besides `write` (FORBIDDEN otherwise). A new credential or a DISABLED status ends the client's gateway sessions. */
  updateClient?: Maybe<UpdateClientResult>;
  /** Moves a notification's expiration (dxCore PUT .../notification/{id}/date/{date}). Needs the `write` scope. */
  updateNotificationExpiration?: Maybe<UpdateNotificationExpirationResult>;
  /** Withdraws from a trading account; refused (INSUFFICIENT_FUNDS) beyond the withdrawable amount. */
  withdrawFunds?: Maybe<WithdrawFundsResult>;
};


export type MutationActivateMarketDataEntitlementsArgs = {
  input: MarketDataEntitlementsInput;
};


export type MutationActivateSubscriptionsArgs = {
  input: ActivateSubscriptionsInput;
};


export type MutationAddClientToGroupArgs = {
  input: GroupMembershipInput;
};


export type MutationAdjustBalanceArgs = {
  input: TransferInput;
};


export type MutationCancelMarketDataEntitlementsArgs = {
  input: MarketDataEntitlementsInput;
};


export type MutationCancelSubscriptionsArgs = {
  input: CancelSubscriptionsInput;
};


export type MutationChangeMarketDataEmailArgs = {
  input: ChangeMarketDataEmailInput;
};


export type MutationCheckLoginArgs = {
  input: CheckLoginInput;
};


export type MutationClosePlatformAccountArgs = {
  input: ClosePlatformAccountInput;
};


export type MutationConfirmSubscriptionsArgs = {
  input: ConfirmSubscriptionsInput;
};


export type MutationCreateAccountArgs = {
  input: CreateAccountInput;
};


export type MutationCreateBrokerCategoryArgs = {
  input: BrokerCategoryInput;
};


export type MutationCreateClientArgs = {
  input: CreateClientInput;
};


export type MutationCreateMarketDataAccountArgs = {
  input: CreateMarketDataAccountInput;
};


export type MutationCreatePlatformAccountArgs = {
  input: CreatePlatformAccountInput;
};


export type MutationDeactivateClientArgs = {
  input: DeactivateClientInput;
};


export type MutationDeleteBrokerCategoryArgs = {
  input: BrokerCategoryInput;
};


export type MutationDeleteClientArgs = {
  input: ClientIdInput;
};


export type MutationDepositFundsArgs = {
  input: TransferInput;
};


export type MutationDisableClientArgs = {
  input: DisableClientInput;
};


export type MutationExtendSubscriptionsArgs = {
  input: ExtendSubscriptionsInput;
};


export type MutationGrantTradePermissionArgs = {
  input: TradePermissionInput;
};


export type MutationImportTransactionsArgs = {
  input: ImportTransactionsInput;
};


export type MutationLoginArgs = {
  input: LoginInput;
};


export type MutationLogoutUserArgs = {
  input: LogoutUserInput;
};


export type MutationMarketDataProfileLinkArgs = {
  input: MarketDataAccountInput;
};


export type MutationMarketDataTokenArgs = {
  input: MarketDataTokenInput;
};


export type MutationOnboardClientArgs = {
  input: OnboardClientInput;
};


export type MutationReactivateClientArgs = {
  input: ReactivateClientInput;
};


export type MutationRemoveAccountCategoryArgs = {
  input: AccountCategoryChangeInput;
};


export type MutationRemoveClientFromGroupArgs = {
  input: GroupMembershipInput;
};


export type MutationRenameBrokerCategoryValueArgs = {
  input: RenameBrokerCategoryValueInput;
};


export type MutationRenamePlatformAccountArgs = {
  input: RenamePlatformAccountInput;
};


export type MutationResetMarketDataPasswordArgs = {
  input: MarketDataAccountInput;
};


export type MutationRevokeTradePermissionArgs = {
  input: TradePermissionInput;
};


export type MutationSendNotificationArgs = {
  input: SendNotificationInput;
};


export type MutationSetAccountCategoryArgs = {
  input: AccountCategoryChangeInput;
};


export type MutationSsoTokenArgs = {
  input?: InputMaybe<SsoTokenInput>;
};


export type MutationSsoTokenInfoArgs = {
  token: Scalars['String']['input'];
};


export type MutationSuspendMarketDataAccountArgs = {
  input: MarketDataAccountInput;
};


export type MutationTrackTrialArgs = {
  input: TrackTrialInput;
};


export type MutationUpdateAccountArgs = {
  input: UpdateAccountInput;
};


export type MutationUpdateClientArgs = {
  input: UpdateClientInput;
};


export type MutationUpdateNotificationExpirationArgs = {
  input: UpdateNotificationExpirationInput;
};


export type MutationWithdrawFundsArgs = {
  input: TransferInput;
};

/** dxCore's Account model; omitted fields take dxCore's defaults (CLIENT, FULL_TRADING, MARGIN, DEMO, balance 0). A `balance` or `credit` needs the `transfers` scope besides `write` (FORBIDDEN otherwise). */
export type NewAccountInput = {
  accountCashType?: InputMaybe<AccountCashType>;
  accountCode: Scalars['String']['input'];
  accountType?: InputMaybe<AccountType>;
  allowedInstruments?: InputMaybe<Array<Scalars['String']['input']>>;
  balance?: InputMaybe<Scalars['Float']['input']>;
  brokerCode?: InputMaybe<Scalars['String']['input']>;
  categories?: InputMaybe<Array<AccountCategoryInput>>;
  /** The broker's clearing code when omitted. */
  clearingCode?: InputMaybe<Scalars['String']['input']>;
  credit?: InputMaybe<Scalars['Float']['input']>;
  currency: Scalars['String']['input'];
  equityOptionsLevel?: InputMaybe<Scalars['Int']['input']>;
  /** DEMO accounts only. */
  expirationDate?: InputMaybe<Scalars['DateTime']['input']>;
  futuresOptionsLevel?: InputMaybe<Scalars['Int']['input']>;
  selfDepositBalanceAllowed?: InputMaybe<Scalars['Boolean']['input']>;
  status?: InputMaybe<AccountStatus>;
  type?: InputMaybe<AccountRole>;
};

export type Node = {
  id: Scalars['ID']['output'];
};

/** Something the input names does not exist. */
export type NotFoundError = Error & {
  __typename?: 'NotFoundError';
  /** Stable and machine-readable, e.g. VALIDATION, INSUFFICIENT_FUNDS. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** Null when the gateway refused on its own. */
  upstream?: Maybe<UpstreamDetail>;
};

/** A dxCore client notification and its delivery status per recipient. Needs `read`; `id` is readable by whoever got it. */
export type Notification = {
  __typename?: 'Notification';
  deliveries: Array<NotificationDelivery>;
  /** dxCore's notification id: what the notification inputs take. */
  id: Scalars['ID']['output'];
  /**
   * dxCore's notification id, as `id`.
   * @deprecated Use `id`: the same value.
   */
  notificationId: Scalars['String']['output'];
};


/** A dxCore client notification and its delivery status per recipient. Needs `read`; `id` is readable by whoever got it. */
export type NotificationDeliveriesArgs = {
  recipients?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** dxCore's `sendToAll`: every client, or the clients with LIVE or DEMO accounts. */
export type NotificationAudience =
  | 'ALL'
  | 'DEMO'
  | 'LIVE';

/** Whether one recipient has read and acknowledged a client notification. */
export type NotificationDelivery = {
  __typename?: 'NotificationDelivery';
  acknowledgmentTime?: Maybe<Scalars['DateTime']['output']>;
  client?: Maybe<Client>;
  readTime?: Maybe<Scalars['DateTime']['output']>;
  /** "login@domain" */
  recipient?: Maybe<Scalars['String']['output']>;
};

export type NotificationExpirationUpdated = {
  __typename?: 'NotificationExpirationUpdated';
  expiresAt: Scalars['DateTime']['output'];
  notification: Notification;
};

export type NotificationPriority =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW';

/** One client to notify. */
export type NotificationRecipientInput = {
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
};

/** dxCore accepted the notification; `notification` reads its delivery status. */
export type NotificationSent = {
  __typename?: 'NotificationSent';
  notification: Notification;
  /** The recipients as dxCore names them ("login@domain"); null when sent to all. */
  recipients?: Maybe<Array<Scalars['String']['output']>>;
  sendToAll?: Maybe<NotificationAudience>;
};

/** A new DxTradeXT user: the dxCore client with its accounts and, in CRM mode, its dxFeed account and feeds. */
export type OnboardClientInput = {
  accountAccess?: InputMaybe<AccountAccess>;
  accounts?: InputMaybe<Array<NewAccountInput>>;
  brokerCode?: InputMaybe<Scalars['String']['input']>;
  domain?: InputMaybe<Scalars['String']['input']>;
  email: Scalars['String']['input'];
  /** CRM mode: feeds to activate on the new dxFeed account. */
  feeds?: InputMaybe<Array<OnboardingFeedInput>>;
  /** For the dxFeed onboarding form (CRM mode). */
  firstName?: InputMaybe<Scalars['String']['input']>;
  fullName?: InputMaybe<Scalars['String']['input']>;
  /** For the dxFeed onboarding form (CRM mode). */
  lastName?: InputMaybe<Scalars['String']['input']>;
  login: Scalars['String']['input'];
  /** CRM mode: link this existing dxFeed account instead of creating one (e.g. the one a failed onboarding left); one linked to another client is MARKET_DATA_ACCOUNT_ALREADY_LINKED. */
  marketDataAccountId?: InputMaybe<Scalars['String']['input']>;
  password?: InputMaybe<Scalars['String']['input']>;
  /** CRM mode: where dxFeed sends the user after its onboarding form. */
  successRedirectUrl?: InputMaybe<Scalars['String']['input']>;
};

export type OnboardClientResult = AccessDeniedError | ClientOnboarded | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError | WorkflowStepError;

export type OnboardingFeedInput = {
  endDate?: InputMaybe<Scalars['DateTime']['input']>;
  feedName: Scalars['String']['input'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** An account of the Platform accounts API (document 004). Needs `read`; `id` is readable by whoever got it. */
export type PlatformAccount = {
  __typename?: 'PlatformAccount';
  accountGroupId?: Maybe<Scalars['String']['output']>;
  /**
   * The Platform account uuid, as `id`.
   * @deprecated Use `id`: the same value.
   */
  accountId: Scalars['String']['output'];
  accountNumber?: Maybe<Scalars['Int']['output']>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** The Platform account uuid: what account events carry as `account.id` and the Platform writes take. */
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
  status?: Maybe<PlatformAccountStatus>;
  type?: Maybe<PlatformAccountType>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  users: Array<PlatformAccountUser>;
};

/** The Platform accepted the closure and carries it out asynchronously: the account reads CLOSING, then CLOSED (the ACCOUNT.CLOSED event says when). */
export type PlatformAccountClosureAccepted = {
  __typename?: 'PlatformAccountClosureAccepted';
  /** The account as read after the request was accepted (CLOSING, or CLOSED if the Platform was quick). */
  account: PlatformAccount;
};

export type PlatformAccountConnection = {
  __typename?: 'PlatformAccountConnection';
  edges: Array<PlatformAccountEdge>;
  pageInfo: PageInfo;
  /** How many items the whole list holds, across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A new Platform account. */
export type PlatformAccountCreated = {
  __typename?: 'PlatformAccountCreated';
  /** The account as the Platform created it. */
  account: PlatformAccount;
};

export type PlatformAccountEdge = {
  __typename?: 'PlatformAccountEdge';
  cursor: Scalars['String']['output'];
  node: PlatformAccount;
};

/** The account has its new name. */
export type PlatformAccountRenamed = {
  __typename?: 'PlatformAccountRenamed';
  /** The account as the Platform answered the update. */
  account: PlatformAccount;
};

/** A Platform account as an event carried it (its `object`): right at that moment, even for an account closed since. */
export type PlatformAccountSnapshot = {
  __typename?: 'PlatformAccountSnapshot';
  accountGroupId?: Maybe<Scalars['String']['output']>;
  accountNumber?: Maybe<Scalars['Int']['output']>;
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  /** The account as the Platform API has it now (a fresh read). */
  current?: Maybe<PlatformAccount>;
  /** The Platform account uuid. */
  id: Scalars['ID']['output'];
  name?: Maybe<Scalars['String']['output']>;
  status?: Maybe<PlatformAccountStatus>;
  type?: Maybe<PlatformAccountType>;
  updatedAt?: Maybe<Scalars['DateTime']['output']>;
  users: Array<PlatformAccountUser>;
};

export type PlatformAccountSort =
  | 'CREATED_AT'
  | 'UPDATED_AT';

export type PlatformAccountStatus =
  | 'ACTIVE'
  | 'CLOSED'
  | 'CLOSING'
  | 'LOCKED'
  | 'PENDING';

export type PlatformAccountType =
  | 'PORTFOLIO'
  | 'TRADING';

export type PlatformAccountUser = {
  __typename?: 'PlatformAccountUser';
  /** e.g. OWNER */
  role?: Maybe<Scalars['String']['output']>;
  user: PlatformUser;
};

/** A Platform user. Needs `read`; `id` is readable by whoever got it. */
export type PlatformUser = {
  __typename?: 'PlatformUser';
  accounts?: Maybe<PlatformAccountConnection>;
  /** The Platform user uuid. */
  id: Scalars['ID']['output'];
};


/** A Platform user. Needs `read`; `id` is readable by whoever got it. */
export type PlatformUserAccountsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  order?: InputMaybe<SortOrder>;
  sort?: InputMaybe<PlatformAccountSort>;
};

/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type Query = {
  __typename?: 'Query';
  _entities: Array<Maybe<_Entity>>;
  _service: _Service;
  /** One trading account. End users reach only their own (dxCore refuses others). */
  account?: Maybe<Account>;
  accounts?: Maybe<AccountConnection>;
  broker?: Maybe<Broker>;
  brokers?: Maybe<BrokerConnection>;
  /** Every settings category dxCore knows (GET /api/register/category). */
  categories?: Maybe<CategoryConnection>;
  /** One client by domain and login. An end user may ask only for themselves. */
  client?: Maybe<Client>;
  clientGroup?: Maybe<ClientGroup>;
  clientGroups?: Maybe<ClientGroupConnection>;
  clients?: Maybe<ClientConnection>;
  marketDataAccount?: Maybe<MarketDataAccount>;
  marketDataAccountByEmail?: Maybe<MarketDataAccount>;
  /** The client whose dxCore session is calling (Authorization: DXAPI <token>). */
  me?: Maybe<Client>;
  node?: Maybe<Node>;
  nodes: Array<Maybe<Node>>;
  notification?: Maybe<Notification>;
  platformAccount?: Maybe<PlatformAccount>;
  /** All Platform accounts, paged by the upstream (offset and limit). */
  platformAccounts?: Maybe<PlatformAccountConnection>;
  platformUser?: Maybe<PlatformUser>;
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type Query_EntitiesArgs = {
  representations: Array<Scalars['_Any']['input']>;
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryAccountArgs = {
  accountCode: Scalars['String']['input'];
  clearingCode: Scalars['String']['input'];
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryAccountsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<AccountStatus>;
  type?: InputMaybe<AccountRole>;
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryBrokerArgs = {
  code: Scalars['String']['input'];
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryBrokersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  type?: InputMaybe<BrokerType>;
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryCategoriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryClientArgs = {
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryClientGroupArgs = {
  domain: Scalars['String']['input'];
  name: Scalars['String']['input'];
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryClientGroupsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryClientsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  type?: InputMaybe<ClientType>;
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryMarketDataAccountArgs = {
  accountId: Scalars['ID']['input'];
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryMarketDataAccountByEmailArgs = {
  email: Scalars['String']['input'];
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryNotificationArgs = {
  id: Scalars['ID']['input'];
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryPlatformAccountArgs = {
  accountId: Scalars['ID']['input'];
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryPlatformAccountsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  order?: InputMaybe<SortOrder>;
  sort?: InputMaybe<PlatformAccountSort>;
};


/** Reads across dxCore, the Retail Services Platform and the Platform accounts API. */
export type QueryPlatformUserArgs = {
  id: Scalars['ID']['input'];
};

export type ReactivateClientInput = {
  /** The new trading account (the old ones stay terminated). */
  account: NewAccountInput;
  accountAccess?: InputMaybe<AccountAccess>;
  domain: Scalars['String']['input'];
  /** CRM mode: feeds to activate on the client's linked dxFeed account, after the new account. Deactivation cancelled the feeds, and login needs an active one: without feeds here the user cannot log in until a feed is active again (activateSubscriptions). */
  feeds?: InputMaybe<Array<OnboardingFeedInput>>;
  login: Scalars['String']['input'];
  /** The status to restore; OFFLINE as document 003 shows. */
  status?: InputMaybe<ClientStatus>;
};

export type ReactivateClientResult = AccessDeniedError | ClientReactivated | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError | WorkflowStepError;

export type RefreshSessionResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | Session | UpstreamUnavailableError | ValidationError;

/** The upstream refused by a business rule (insufficient funds, a blocked account, ...). */
export type RejectedError = Error & {
  __typename?: 'RejectedError';
  /** Stable and machine-readable, e.g. VALIDATION, INSUFFICIENT_FUNDS. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** Null when the gateway refused on its own. */
  upstream?: Maybe<UpstreamDetail>;
};

export type RemoveAccountCategoryResult = AccessDeniedError | AccountCategoryRemoved | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type RemoveClientFromGroupResult = AccessDeniedError | ClientRemovedFromGroup | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type RenameBrokerCategoryValueInput = {
  brokerCode: Scalars['String']['input'];
  category: Scalars['String']['input'];
  newValue: Scalars['String']['input'];
  oldValue: Scalars['String']['input'];
};

export type RenameBrokerCategoryValueResult = AccessDeniedError | BrokerCategoryValueRenamed | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type RenamePlatformAccountInput = {
  /** The Platform account uuid. */
  accountId: Scalars['ID']['input'];
  /** At most 100 characters. */
  name: Scalars['String']['input'];
};

export type RenamePlatformAccountResult = AccessDeniedError | ConflictError | NotFoundError | PlatformAccountRenamed | RejectedError | UpstreamUnavailableError | ValidationError;

export type ResetMarketDataPasswordResult = AccessDeniedError | ConflictError | MarketDataPasswordReset | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type RevokeTradePermissionResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | TradePermissionChange | UpstreamUnavailableError | ValidationError;

/** A client notification: to `recipients` or to everyone of `sendToAll`, exactly one of the two. */
export type SendNotificationInput = {
  /** When dxCore stops showing it; in the future. */
  expiresAt: Scalars['DateTime']['input'];
  /** At most 4096 characters. */
  message: Scalars['String']['input'];
  /** Recipients must acknowledge it, not only read it. */
  mustAcknowledge?: Scalars['Boolean']['input'];
  priority: NotificationPriority;
  /** The clients to notify (at most 1000). */
  recipients?: InputMaybe<Array<NotificationRecipientInput>>;
  /** Notify every client of this kind instead of a list. */
  sendToAll?: InputMaybe<NotificationAudience>;
  /** At most 256 characters. */
  subject: Scalars['String']['input'];
};

export type SendNotificationResult = AccessDeniedError | ConflictError | NotFoundError | NotificationSent | RejectedError | UpstreamUnavailableError | ValidationError;

/** An end user's dxCore session: send `Authorization: DXAPI <token>` to act as that user. */
export type Session = {
  __typename?: 'Session';
  /** The session's client. Its `id`, `domain` and `login` read at once; its other fields with the session's own token (`me`), or `read`; null when one of those is refused. */
  client?: Maybe<Client>;
  /** When dxCore ends the session unless it is extended. */
  expiresAt: Scalars['DateTime']['output'];
  /** XT and CRM modes: the market-data subscriptions synced at login (at least one is active). Null in single-feed mode or without a linked account. */
  subscriptions?: Maybe<Array<MarketDataSubscription>>;
  token: Scalars['String']['output'];
};

/** A dxCore user by login and domain. */
export type SessionUserInput = {
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
};

export type SetAccountCategoryResult = AccessDeniedError | AccountCategorySet | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type SortOrder =
  | 'ASC'
  | 'DESC';

/** A single sign-on token: `checkLogin` (and dxCore-based apps) accept it in place of a password until it expires. */
export type SsoToken = {
  __typename?: 'SsoToken';
  domain: Scalars['String']['output'];
  login: Scalars['String']['output'];
  token: Scalars['String']['output'];
};

/** What dxCore knows of a live SSO token (its SSOTokenInfo). */
export type SsoTokenInfo = {
  __typename?: 'SsoTokenInfo';
  /** The client the token logs in as; null for a user that is not a client. */
  client?: Maybe<Client>;
  domain?: Maybe<Scalars['String']['output']>;
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  login?: Maybe<Scalars['String']['output']>;
  serialNumber?: Maybe<Scalars['Float']['output']>;
  /** dxCore's numeric user id (for logoutUser). */
  userId?: Maybe<Scalars['Int']['output']>;
};

export type SsoTokenInfoResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | SsoTokenInfo | UpstreamUnavailableError | ValidationError;

/** An end user's SSO token for their own session (dxCore /getSSOToken: `durationMs`, `origin` apply), or, for an admin, one for `user` (dxCore /generateToken, needs dxCore's LOGIN_ON_BEHALF permission). */
export type SsoTokenInput = {
  /** End user: the token's lifetime in milliseconds, at most 300000 (5 minutes); dxCore's default when omitted. */
  durationMs?: InputMaybe<Scalars['Int']['input']>;
  /** End user: dxCore's tokenOrigin. */
  origin?: InputMaybe<Scalars['String']['input']>;
  /** Admin: the user to make a token for. An end user may name only themselves. */
  user?: InputMaybe<SessionUserInput>;
};

export type SsoTokenResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | SsoToken | UpstreamUnavailableError | ValidationError;

/** Event streams over graphql-ws and SSE: each event once and in order; `after` resumes from the event log without loss. */
export type Subscription = {
  __typename?: 'Subscription';
  /** Platform account events as the Platform API sends them. Needs the `read` scope: end users cannot subscribe, because nothing links a dxCore user to Platform accounts. */
  accountEvents: AccountEvent;
  /** Changes to dxCore clients and trading accounts made through this gateway: transfers, status changes, creations, updates. dxCore sends no webhooks, so changes made elsewhere do not appear. Partners need the `read` scope; an end user sees only their own client and accounts. */
  clientEvents: ClientEvent;
  /** dxFeed subscription changes. Partners need the `read` scope; an end user sees only their own market-data account. */
  marketDataSubscriptionEvents: MarketDataSubscriptionEvent;
};


/** Event streams over graphql-ws and SSE: each event once and in order; `after` resumes from the event log without loss. */
export type SubscriptionAccountEventsArgs = {
  accountId?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['ID']['input']>;
  types?: InputMaybe<Array<AccountEventType>>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};


/** Event streams over graphql-ws and SSE: each event once and in order; `after` resumes from the event log without loss. */
export type SubscriptionClientEventsArgs = {
  accountCode?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['ID']['input']>;
  domain?: InputMaybe<Scalars['String']['input']>;
  login?: InputMaybe<Scalars['String']['input']>;
  types?: InputMaybe<Array<ClientEventType>>;
};


/** Event streams over graphql-ws and SSE: each event once and in order; `after` resumes from the event log without loss. */
export type SubscriptionMarketDataSubscriptionEventsArgs = {
  accountId?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['ID']['input']>;
  types?: InputMaybe<Array<MarketDataEventType>>;
};

/** An accepted activation order. With a `signupPage`, the user must first fill in personal data there; with a `confirmationId`, the order waits for `confirmSubscriptions`. With neither, the subscriptions are active. */
export type SubscriptionActivation = {
  __typename?: 'SubscriptionActivation';
  /** The market-data account as the Retail Services Platform has it after the write (read afresh when selected). */
  account: MarketDataAccount;
  /** V2 when any feed had an end date; `confirmSubscriptions` uses the same. */
  apiVersion: MarketDataApiVersion;
  /** For `confirmSubscriptions`; null when no feed of the order needs confirmation. A new activation replaces it. */
  confirmationId?: Maybe<Scalars['String']['output']>;
  confirmationRequired: Scalars['Boolean']['output'];
  /** The page to send the user to; null when they provided their data before. */
  signupPage?: Maybe<ThemedLinks>;
};

/** The subscriptions were cancelled under the application's rule (on the simulator: EXPIRED at once). */
export type SubscriptionsCancelled = {
  __typename?: 'SubscriptionsCancelled';
  /** The market-data account as the Retail Services Platform has it after the write (read afresh when selected). */
  account: MarketDataAccount;
};

/** The order was confirmed; its subscriptions are active once the user has also submitted the signup form. */
export type SubscriptionsConfirmed = {
  __typename?: 'SubscriptionsConfirmed';
  /** The market-data account as the Retail Services Platform has it after the write (read afresh when selected). */
  account: MarketDataAccount;
  /** The version the order was activated and confirmed under. */
  apiVersion: MarketDataApiVersion;
};

/** The subscriptions were extended by one default period. */
export type SubscriptionsExtended = {
  __typename?: 'SubscriptionsExtended';
  /** The market-data account as the Retail Services Platform has it after the write (read afresh when selected). */
  account: MarketDataAccount;
};

export type SuspendMarketDataAccountResult = AccessDeniedError | ConflictError | MarketDataAccountSuspended | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

/** A page of the Retail Services Platform in its light and dark themes. */
export type ThemedLinks = {
  __typename?: 'ThemedLinks';
  dark?: Maybe<Scalars['String']['output']>;
  light?: Maybe<Scalars['String']['output']>;
};

/** What is known about the trial user; every field is optional. */
export type TrackTrialInput = {
  email?: InputMaybe<Scalars['String']['input']>;
  firstName?: InputMaybe<Scalars['String']['input']>;
  lastName?: InputMaybe<Scalars['String']['input']>;
  macAddress?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
};

export type TrackTrialResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | TrialTracked | UpstreamUnavailableError | ValidationError;

export type TradePermissionChange = {
  __typename?: 'TradePermissionChange';
  account: Account;
  /** True after a grant, false after a revocation. */
  granted: Scalars['Boolean']['output'];
  user: Client;
};

export type TradePermissionInput = {
  accountCode: Scalars['String']['input'];
  clearingCode: Scalars['String']['input'];
  /** Domain of the user who may trade. */
  domain: Scalars['String']['input'];
  /** Login of the user who may trade. */
  login: Scalars['String']['input'];
};

export type TransactionAction =
  | 'CREATE'
  | 'DELETE'
  | 'UPDATE';

/** What a transaction is; dxCore takes ADJUSTMENT with the product leg when it is omitted. */
export type TransactionActivityType =
  | 'ADJUSTMENT'
  | 'ASSIGNMENT'
  | 'BOOK_TRADE'
  | 'COMMISSION'
  | 'CORPORATE_ACTION'
  | 'DELISTING'
  | 'DEPOSIT'
  | 'DIVIDEND'
  | 'EXERCISE'
  | 'EXPIRATION'
  | 'FINANCING'
  | 'MARGIN_INTEREST'
  | 'M_AND_A'
  | 'OVERNIGHT_SHORT_FEE'
  | 'POSITION_UPDATE'
  | 'REBATE'
  | 'RENAME'
  | 'SERVICE_CHARGE'
  | 'SPIN_OFF'
  | 'SPLIT'
  | 'TRADE'
  | 'WITHDRAWAL';

/** A commission, fee or tax of a transaction. */
export type TransactionChargeInput = {
  quantity: Scalars['Float']['input'];
  /** Its type; may be omitted. */
  type?: InputMaybe<Scalars['String']['input']>;
};

/** Why dxCore refused one transaction: document 000's values, and UNKNOWN for a value it does not list (the raw value is in `upstreamCode`). */
export type TransactionFailureCode =
  | 'ACCOUNT_NOT_FOUND'
  | 'ACCOUNT_NUMBER_CANNOT_BE_UPDATED'
  | 'ACTION_TYPE_IS_MISSED'
  | 'ACTION_TYPE_IS_NOT_SUPPORTED_FOR_INSTRUMENT_TYPE'
  | 'CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY'
  | 'COLUMN_CANNOT_BE_UPDATED_FOR_TRADE'
  | 'COST_BASIS_NOT_SPECIFIED_FOR_NON_CASH_POSITION'
  | 'COST_BASIS_SIGN_MISMATCH_QUANTITY_SIGN'
  | 'DUPLICATE_TRANSACTION_ID'
  | 'EMPTY_TRANSACTION_ID'
  | 'INCORRECT_CASH_EFFECT'
  | 'INCORRECT_COMMISSION_VALUE'
  | 'INCORRECT_COST_BASIS'
  | 'INCORRECT_PRICE'
  | 'INCORRECT_QUANTITY'
  | 'INCORRECT_TRANSACTION_ID'
  | 'MISMATCH_TRADE_TYPE'
  | 'MISMATCH_TRANSACTION_TYPE'
  | 'MULTILEG_TRANSACTION_CAN_NOT_BE_UPDATED'
  | 'NON_CASH_TRANSACTION_IS_NOT_IN_ACCOUNT_CURRENCY'
  | 'ONLY_DELETE_AND_UPDATE_FOR_TRADE'
  | 'SYMBOL_NOT_FOUND'
  | 'TRANSACTION_NOT_FOUND_FOR_UPDATE_OR_DELETE'
  | 'UNEXPECTED_ERROR'
  | 'UNKNOWN';

/** One transaction, as document 000's Transaction model. */
export type TransactionInput = {
  accountCode: Scalars['String']['input'];
  action: TransactionAction;
  activityType?: InputMaybe<TransactionActivityType>;
  /** dxCore computes cashEffect from costBasis. */
  calculateCashEffect?: InputMaybe<Scalars['Boolean']['input']>;
  /** Effect on the account balance; none (only the position changes) when omitted. */
  cashEffect?: InputMaybe<Scalars['Float']['input']>;
  /** dxCore's default clearing code when omitted. */
  clearingCode?: InputMaybe<Scalars['String']['input']>;
  commissions?: InputMaybe<Array<TransactionChargeInput>>;
  /** Total cost: for stocks, ETFs and mutual funds negative when quantity is positive, and vice versa. */
  costBasis?: InputMaybe<Scalars['Float']['input']>;
  /** dxCore's transactionDescription. */
  description?: InputMaybe<Scalars['String']['input']>;
  fees?: InputMaybe<Array<TransactionChargeInput>>;
  quantity: Scalars['Float']['input'];
  /** Instrument symbol, e.g. IBM, AAPL. */
  symbol: Scalars['String']['input'];
  taxes?: InputMaybe<Array<TransactionChargeInput>>;
  /** When it happened; the time of the call when omitted. */
  timestamp?: InputMaybe<Scalars['DateTime']['input']>;
  /** Unique id, "sessionCode:actionCode". */
  transactionId: Scalars['String']['input'];
};

/** What dxCore did with each transaction of the call; ids are "sessionCode:actionCode". */
export type TransactionsImported = {
  __typename?: 'TransactionsImported';
  /** True when no transaction failed. */
  complete: Scalars['Boolean']['output'];
  created: Array<Scalars['ID']['output']>;
  deleted: Array<Scalars['ID']['output']>;
  failed: Array<FailedTransaction>;
  updated: Array<Scalars['ID']['output']>;
};

/** A deposit, withdrawal or balance adjustment, applied once per id. */
export type Transfer = {
  __typename?: 'Transfer';
  amount: Scalars['Float']['output'];
  createdAt?: Maybe<Scalars['DateTime']['output']>;
  currency: Scalars['String']['output'];
  description?: Maybe<Scalars['String']['output']>;
  /** The transfer id: the caller's `transferId`, or the one the gateway generated. */
  id: Scalars['ID']['output'];
  kind: TransferKind;
  /** True when this id had already been applied: the answer describes that transfer and no money moved now. */
  replayed: Scalars['Boolean']['output'];
};

export type TransferInput = {
  accountCode: Scalars['String']['input'];
  /** Positive; for adjustments, non-zero (negative takes money out). */
  amount: Scalars['Float']['input'];
  clearingCode: Scalars['String']['input'];
  /** The account's currency, e.g. USD. */
  currency: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** Makes the call safe to repeat: the same id moves money once. Generated (and returned) when omitted. */
  transferId?: InputMaybe<Scalars['String']['input']>;
};

export type TransferKind =
  | 'ADJUSTMENT'
  | 'DEPOSIT'
  | 'WITHDRAWAL';

export type TransferSuccess = {
  __typename?: 'TransferSuccess';
  /** The account as dxCore has it after the transfer (read afresh). */
  account: Account;
  transfer: Transfer;
};

/** The trial was saved for tracking and reporting. */
export type TrialTracked = {
  __typename?: 'TrialTracked';
  recorded: Scalars['Boolean']['output'];
};

/** dxCore's Account update model: only the fields given change. */
export type UpdateAccountInput = {
  accountCode: Scalars['String']['input'];
  allowedInstruments?: InputMaybe<Array<Scalars['String']['input']>>;
  alpacaOmnibusSubAccountId?: InputMaybe<Scalars['String']['input']>;
  clearingCode: Scalars['String']['input'];
  credit?: InputMaybe<Scalars['Float']['input']>;
  equityOptionsLevel?: InputMaybe<Scalars['Int']['input']>;
  /** DEMO accounts only (dxCore 20008 otherwise). */
  expirationDate?: InputMaybe<Scalars['DateTime']['input']>;
  futuresOptionsLevel?: InputMaybe<Scalars['Int']['input']>;
  pdtAccount?: InputMaybe<Scalars['Boolean']['input']>;
  selfDepositBalanceAllowed?: InputMaybe<Scalars['Boolean']['input']>;
  status?: InputMaybe<AccountStatus>;
};

export type UpdateAccountResult = AccessDeniedError | AccountUpdated | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

/** Only the fields given change. */
export type UpdateClientInput = {
  /** YYYY-MM-DD. */
  birthDate?: InputMaybe<Scalars['String']['input']>;
  birthPlace?: InputMaybe<Scalars['String']['input']>;
  citizenship?: InputMaybe<Scalars['String']['input']>;
  comments?: InputMaybe<Scalars['String']['input']>;
  company?: InputMaybe<Scalars['String']['input']>;
  /** YYYY-MM-DD. */
  contractDate?: InputMaybe<Scalars['String']['input']>;
  domain: Scalars['String']['input'];
  /** Links the Retail Services (dxFeed) market-data account; one linked to another client is MARKET_DATA_ACCOUNT_ALREADY_LINKED. */
  dxFeedAccountId?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  /** `Client.version` as last read: the update is refused (VERSION_CONFLICT) if the client changed since. Omit to update regardless. */
  expectedVersion?: InputMaybe<Scalars['String']['input']>;
  fullName?: InputMaybe<Scalars['String']['input']>;
  insuranceNumber?: InputMaybe<Scalars['String']['input']>;
  login: Scalars['String']['input'];
  /** Write-only. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** Days. */
  passwordExpiry?: InputMaybe<Scalars['Int']['input']>;
  /** Ask for a new password at the next login. */
  passwordReset?: InputMaybe<Scalars['Boolean']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<ClientStatus>;
};

export type UpdateClientResult = AccessDeniedError | ClientUpdated | ConflictError | NotFoundError | RejectedError | UpstreamUnavailableError | ValidationError;

export type UpdateNotificationExpirationInput = {
  /** The new expiration; in the future. */
  expiresAt: Scalars['DateTime']['input'];
  /** dxCore's notification id (`Notification.id`); an earlier version's global id is still accepted, until the next release. */
  notificationId: Scalars['ID']['input'];
};

export type UpdateNotificationExpirationResult = AccessDeniedError | ConflictError | NotFoundError | NotificationExpirationUpdated | RejectedError | UpstreamUnavailableError | ValidationError;

/** The upstream's answer behind an error: its name (dxcore, retail, platform), HTTP status, and code or reason. The upstream's own error text stays in the gateway's log (by request id); `message` says what the failure means. */
export type UpstreamDetail = {
  __typename?: 'UpstreamDetail';
  /** dxCore errorCode, Retail reason, Platform code. */
  code?: Maybe<Scalars['String']['output']>;
  /** What the failure means (e.g. "insufficient funds"), or why there was no answer; never the upstream's own text. */
  message: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** 0 when there was no answer. */
  status: Scalars['Int']['output'];
};

/** An upstream could not be reached or answered something unreadable; nothing is known to have changed. */
export type UpstreamUnavailableError = Error & {
  __typename?: 'UpstreamUnavailableError';
  /** Stable and machine-readable, e.g. VALIDATION, INSUFFICIENT_FUNDS. */
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** Null when the gateway refused on its own. */
  upstream?: Maybe<UpstreamDetail>;
};

export type ValidationError = Error & {
  __typename?: 'ValidationError';
  /** Stable and machine-readable, e.g. VALIDATION, INSUFFICIENT_FUNDS. */
  code: Scalars['String']['output'];
  /** The input field at fault, e.g. input.amount. */
  field: Scalars['String']['output'];
  message: Scalars['String']['output'];
  /** Null when the gateway refused on its own. */
  upstream?: Maybe<UpstreamDetail>;
};

export type WithdrawFundsResult = AccessDeniedError | ConflictError | NotFoundError | RejectedError | TransferSuccess | UpstreamUnavailableError | ValidationError;

/** Why the failed step failed: its own stable code (as the single mutation would return it) and what the upstream said. */
export type WorkflowCause = {
  __typename?: 'WorkflowCause';
  code: Scalars['String']['output'];
  message: Scalars['String']['output'];
  upstream?: Maybe<UpstreamDetail>;
};

export type WorkflowStep = {
  __typename?: 'WorkflowStep';
  detail?: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  outcome: WorkflowStepOutcome;
};

/** A DxTradeXT workflow stopped at one step. `steps` says what each step came to: what was undone and what is left. */
export type WorkflowStepError = Error & {
  __typename?: 'WorkflowStepError';
  cause: WorkflowCause;
  /** Stable and machine-readable, e.g. VALIDATION, INSUFFICIENT_FUNDS. */
  code: Scalars['String']['output'];
  failedStep: Scalars['String']['output'];
  message: Scalars['String']['output'];
  steps: Array<WorkflowStep>;
  /** Null when the gateway refused on its own. */
  upstream?: Maybe<UpstreamDetail>;
};

export type WorkflowStepOutcome =
  /** Done, and still in place. */
  | 'COMPLETED'
  /** The step that failed. */
  | 'FAILED'
  /** Done, and cannot be reversed through the upstream API (e.g. a market-data account). */
  | 'LEFT_IN_PLACE'
  /** Not started, because an earlier step failed. */
  | 'NOT_RUN'
  /** Done, then reversed after the failure. */
  | 'UNDONE'
  /** Done; reversing it failed, so it is still in place. */
  | 'UNDO_FAILED';

export type _Entity = Account | Broker | Client | ClientGroup | MarketDataAccount | Notification | PlatformAccount;

export type _Service = {
  __typename?: '_Service';
  /** The sdl representing the federated service capabilities. Includes federation directives, removes federation types, and includes rest of full schema after schema directives have been applied */
  sdl?: Maybe<Scalars['String']['output']>;
};

export type BrokerListQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type BrokerListQuery = { __typename: 'Query', brokers?: { __typename: 'BrokerConnection', totalCount: number, edges: Array<{ __typename: 'BrokerEdge', node: { __typename: 'Broker', code: string, name?: string | null, type?: BrokerType | null } }> } | null };

export type AccountEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AccountEventsSubscription = { __typename?: 'Subscription', accountEvents: { __typename: 'AccountEvent', id: string, type: AccountEventType, createdAt: string, account: { __typename: 'PlatformAccountSnapshot', id: string, name?: string | null, status?: PlatformAccountStatus | null, type?: PlatformAccountType | null } } };

export type AccountsOverviewQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  status?: InputMaybe<AccountStatus>;
}>;


export type AccountsOverviewQuery = { __typename: 'Query', accounts?: { __typename: 'AccountConnection', totalCount: number, edges: Array<{ __typename: 'AccountEdge', node: { __typename: 'Account', clearingCode: string, accountCode: string, currency?: string | null, balance?: number | null, status?: AccountStatus | null, broker?: { __typename: 'Broker', code: string, name?: string | null, type?: BrokerType | null } | null } }> } | null };

export type ActivateSubscriptionsMutationVariables = Exact<{
  input: ActivateSubscriptionsInput;
}>;


export type ActivateSubscriptionsMutation = { __typename: 'Mutation', activateSubscriptions?:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'RejectedError', code: string, message: string }
    | { __typename: 'SubscriptionActivation', confirmationId?: string | null, signupPage?: { __typename: 'ThemedLinks', light?: string | null, dark?: string | null } | null }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string }
   | null };

export type BackOfficeClientsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type BackOfficeClientsQuery = { __typename: 'Query', clients?: { __typename: 'ClientConnection', totalCount: number, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename: 'ClientEdge', cursor: string, node: { __typename: 'Client', login: string, domain: string, status?: ClientStatus | null, broker?: { __typename: 'Broker', code: string, name?: string | null } | null, accounts: Array<{ __typename: 'Account', accountCode: string, currency?: string | null, balance?: number | null }>, marketDataAccount?: { __typename: 'MarketDataAccount', id: string, subscriptions?: Array<{ __typename: 'MarketDataSubscription', name: string, status: MarketDataSubscriptionStatus }> | null } | null } }> } | null };

export type DepositFundsMutationVariables = Exact<{
  input: TransferInput;
}>;


export type DepositFundsMutation = { __typename: 'Mutation', depositFunds?:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'RejectedError', code: string, message: string }
    | { __typename: 'TransferSuccess', transfer: { __typename: 'Transfer', id: string, kind: TransferKind, amount: number, currency: string }, account: { __typename: 'Account', accountCode: string, balance?: number | null } }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string }
   | null };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { __typename: 'Mutation', login?:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'InvalidCredentialsError', code: string, message: string }
    | { __typename: 'LoginThrottledError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'RejectedError', code: string, message: string }
    | { __typename: 'Session', token: string, expiresAt: string }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string }
   | null };

export type MarketDataEventsSubscriptionVariables = Exact<{
  accountId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type MarketDataEventsSubscription = { __typename?: 'Subscription', marketDataSubscriptionEvents: { __typename: 'MarketDataSubscriptionEvent', id: string, type: MarketDataEventType, accountId: string, subscriptions: Array<{ __typename: 'MarketDataSubscription', name: string, status: MarketDataSubscriptionStatus, expiresAt?: string | null }> } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename: 'Query', me?: { __typename: 'Client', login: string, domain: string, fullName?: string | null, accounts: Array<{ __typename: 'Account', accountCode: string, balance?: number | null, currency?: string | null }> } | null };

export type NotificationDeliveryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type NotificationDeliveryQuery = { __typename: 'Query', notification?: { __typename: 'Notification', id: string, deliveries: Array<{ __typename: 'NotificationDelivery', recipient?: string | null, readTime?: string | null, acknowledgmentTime?: string | null }> } | null };

export type PlatformAccountsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type PlatformAccountsQuery = { __typename: 'Query', platformAccounts?: { __typename: 'PlatformAccountConnection', totalCount: number, edges: Array<{ __typename: 'PlatformAccountEdge', node: { __typename: 'PlatformAccount', id: string, name?: string | null, type?: PlatformAccountType | null, status?: PlatformAccountStatus | null, accountNumber?: number | null, createdAt?: string | null } }> } | null };

export type SendNotificationMutationVariables = Exact<{
  input: SendNotificationInput;
}>;


export type SendNotificationMutation = { __typename: 'Mutation', sendNotification?:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'NotificationSent', notification: { __typename: 'Notification', id: string } }
    | { __typename: 'RejectedError', code: string, message: string }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string }
   | null };

export type TraderDashboardQueryVariables = Exact<{
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
}>;


export type TraderDashboardQuery = { __typename: 'Query', client?: { __typename: 'Client', id: string, domain: string, login: string, fullName?: string | null, email?: string | null, status?: ClientStatus | null, broker?: { __typename: 'Broker', code: string, name?: string | null } | null, accounts: Array<{ __typename: 'Account', clearingCode: string, accountCode: string, currency?: string | null, balance?: number | null, status?: AccountStatus | null, accountType?: AccountType | null, broker?: { __typename: 'Broker', code: string, name?: string | null } | null }>, marketDataAccount?: { __typename: 'MarketDataAccount', id: string, email?: string | null, subscriptions?: Array<{ __typename: 'MarketDataSubscription', name: string, status: MarketDataSubscriptionStatus, expiresAt?: string | null }> | null } | null } | null };

export type WithdrawFundsMutationVariables = Exact<{
  input: TransferInput;
}>;


export type WithdrawFundsMutation = { __typename: 'Mutation', withdrawFunds?:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'RejectedError', code: string, message: string }
    | { __typename: 'TransferSuccess', transfer: { __typename: 'Transfer', id: string, kind: TransferKind, amount: number, currency: string }, account: { __typename: 'Account', accountCode: string, balance?: number | null } }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string }
   | null };


export const BrokerListDocument = {"__meta__":{"hash":"fb82dc55247ba1aad8f50a4ed8446d5ba30cdd3eb5e16fc2f7d30da7d4859bea"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BrokerList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"brokers"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BrokerListQuery, BrokerListQueryVariables>;
export const AccountEventsDocument = {"__meta__":{"hash":"61b09fefd8a9d5537f7b5a71251a9bd3cf62c8996a87c9f3d205dfec4e8740b5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AccountEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]} as unknown as DocumentNode<AccountEventsSubscription, AccountEventsSubscriptionVariables>;
export const AccountsOverviewDocument = {"__meta__":{"hash":"e8651b20dcaaf5e49a2293112b65a7d249d7f25610d90bb71e2df67139eaf11a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountsOverview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"clearingCode"}},{"kind":"Field","name":{"kind":"Name","value":"accountCode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"broker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AccountsOverviewQuery, AccountsOverviewQueryVariables>;
export const ActivateSubscriptionsDocument = {"__meta__":{"hash":"02f6e89f7628203f8ad0c8807e6dd35a4062284b067c4c63b61f91d5d636b354"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ActivateSubscriptions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivateSubscriptionsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"activateSubscriptions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubscriptionActivation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"confirmationId"}},{"kind":"Field","name":{"kind":"Name","value":"signupPage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"light"}},{"kind":"Field","name":{"kind":"Name","value":"dark"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ActivateSubscriptionsMutation, ActivateSubscriptionsMutationVariables>;
export const BackOfficeClientsDocument = {"__meta__":{"hash":"c9922f2d46f0ba9b7648895fb57bddcc4df60e422f72623004f854dcf2d997f7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BackOfficeClients"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"clients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"broker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"accountCode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}}]}},{"kind":"Field","name":{"kind":"Name","value":"marketDataAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BackOfficeClientsQuery, BackOfficeClientsQueryVariables>;
export const DepositFundsDocument = {"__meta__":{"hash":"aa3c1a068e64a3e2d1bdadc048e344850b5d61c66132a0d60aff988184ed9f88"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DepositFunds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TransferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"depositFunds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TransferSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"transfer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"accountCode"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<DepositFundsMutation, DepositFundsMutationVariables>;
export const LoginDocument = {"__meta__":{"hash":"ca6844b92acbdf307f8fd24fc6ea7d7fbee1a3e493cf9557deeb0b5560609d1f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const MarketDataEventsDocument = {"__meta__":{"hash":"4a425fdc0d6b55c8e2685f006f7afd31b60a63c56312e7dcaa9e7188da354977"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MarketDataEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"marketDataSubscriptionEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<MarketDataEventsSubscription, MarketDataEventsSubscriptionVariables>;
export const MeDocument = {"__meta__":{"hash":"f1f1bec22046b83f4ecc63e972f5e6ee2da7ebf42c0f418a07b16811150e155e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"accountCode"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const NotificationDeliveryDocument = {"__meta__":{"hash":"142d8ec5dea8c61c695da366b322a2d7c1be0ac22b96d52af312d4d9046ed6ef"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotificationDelivery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"notification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"readTime"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgmentTime"}}]}}]}}]}}]} as unknown as DocumentNode<NotificationDeliveryQuery, NotificationDeliveryQueryVariables>;
export const PlatformAccountsDocument = {"__meta__":{"hash":"17331ec1f2f42ded8b1be80918244d1a0546dbddfb16ea5250d4ec75cc45f702"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlatformAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"platformAccounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"accountNumber"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlatformAccountsQuery, PlatformAccountsQueryVariables>;
export const SendNotificationDocument = {"__meta__":{"hash":"c1e05fb6ecc567406e0e3c761375ccb4fdf58ac268cd7895bf297eee9ace2477"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendNotification"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendNotificationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"sendNotification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationSent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"notification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SendNotificationMutation, SendNotificationMutationVariables>;
export const TraderDashboardDocument = {"__meta__":{"hash":"f4bddce3e3d63cb4bcee6742bf5fe1662778f7b8e3f1457001b9984e32a72c06"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TraderDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"domain"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"login"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"client"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"domain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"domain"}}},{"kind":"Argument","name":{"kind":"Name","value":"login"},"value":{"kind":"Variable","name":{"kind":"Name","value":"login"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"broker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"clearingCode"}},{"kind":"Field","name":{"kind":"Name","value":"accountCode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"accountType"}},{"kind":"Field","name":{"kind":"Name","value":"broker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"marketDataAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TraderDashboardQuery, TraderDashboardQueryVariables>;
export const WithdrawFundsDocument = {"__meta__":{"hash":"9d5207897283187a09ad6ce8942fd2d477a5fb615df760ab11d3e09bc4850957"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawFunds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TransferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"withdrawFunds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TransferSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"transfer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"accountCode"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WithdrawFundsMutation, WithdrawFundsMutationVariables>;