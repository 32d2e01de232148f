import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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

export type ActivateSubscriptionsInput = {
  /** The Retail account id. */
  accountId: Scalars['ID']['input'];
  /** The feeds to activate; any end date sends the order as API v2. */
  subscriptions: Array<MarketDataFeedInput>;
  /** Where the signup page sends the user after the form; the application's setting when omitted. */
  successRedirectUrl?: InputMaybe<Scalars['String']['input']>;
};

export type BrokerCategoryInput = {
  brokerCode: Scalars['String']['input'];
  /** The category key, e.g. TRADE_TYPE. */
  category: Scalars['String']['input'];
  /** Group names (values). On delete, omit to remove the whole category. */
  values?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type BrokerType =
  | 'EXEC_BROKER'
  | 'OMNIBUS'
  | 'SUP_BROKER'
  | 'TRADING_FIRM';

export type CancelSubscriptionsInput = {
  /** The Retail account id. */
  accountId: Scalars['ID']['input'];
  /** The subscriptions to cancel, by feed name. */
  feedNames: Array<Scalars['String']['input']>;
};

export type ChangeMarketDataEmailInput = {
  /** The Retail account id. */
  accountId: Scalars['ID']['input'];
  /** The new email; saved in lower case. */
  email: Scalars['String']['input'];
};

/** Credentials to check, as dxCore's /checkLogin names them: `password` or an SSO `token`, exactly one. */
export type CheckLoginInput = {
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
  password?: InputMaybe<Scalars['String']['input']>;
  /** An SSO token (from `ssoToken`). */
  token?: InputMaybe<Scalars['String']['input']>;
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

export type ClientIdInput = {
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
};

export type ClientStatus =
  | 'DISABLED'
  | 'OFFLINE'
  | 'ONLINE';

export type ClientType =
  | 'CLIENT'
  | 'OTHER';

export type ClosePlatformAccountInput = {
  /** The Platform account uuid. */
  accountId: Scalars['ID']['input'];
};

export type ConfirmSubscriptionsInput = {
  /** The Retail account id. */
  accountId: Scalars['ID']['input'];
  /** The activation's `confirmationId` (the latest one: a new activation replaces it). */
  confirmationId: Scalars['String']['input'];
};

export type CreateAccountInput = {
  account: NewAccountInput;
  accountAccess?: InputMaybe<AccountAccess>;
  /** The owner's domain. */
  domain: Scalars['String']['input'];
  /** The owner's login. */
  login: Scalars['String']['input'];
};

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

export type CreateMarketDataAccountInput = {
  allowedStatuses?: InputMaybe<MarketDataAllowedStatuses>;
  /** Saved in lower case. Without it the user enters and confirms one in the onboarding wizard. */
  email?: InputMaybe<Scalars['String']['input']>;
  personalData?: InputMaybe<MarketDataPersonalDataInput>;
};

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

export type DeactivateClientInput = {
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
};

export type DisableClientInput = {
  /** Also cancel the linked dxFeed subscriptions (document 003). Default false. */
  cancelMarketDataSubscriptions?: InputMaybe<Scalars['Boolean']['input']>;
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
};

export type ExtendSubscriptionsInput = {
  /** The Retail account id. */
  accountId: Scalars['ID']['input'];
  /** The subscriptions to extend, by feed name. */
  feedNames: Array<Scalars['String']['input']>;
};

export type GroupMembershipInput = {
  domain: Scalars['String']['input'];
  /** dxCore requires the client version (`if-match`); the current one is read when omitted. */
  expectedVersion?: InputMaybe<Scalars['String']['input']>;
  groupDomain: Scalars['String']['input'];
  groupName: Scalars['String']['input'];
  login: Scalars['String']['input'];
};

export type ImportTransactionsInput = {
  /** At most 1000 per call. */
  transactions: Array<TransactionInput>;
};

/** dxCore's /login credentials. */
export type LoginInput = {
  domain: Scalars['String']['input'];
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};

/** The user whose sessions end: by dxCore `userId` or by `user`, exactly one. */
export type LogoutUserInput = {
  user?: InputMaybe<SessionUserInput>;
  /** dxCore's numeric user id (SSOTokenInfo's userId). */
  userId?: InputMaybe<Scalars['Int']['input']>;
};

export type MarketDataAccountInput = {
  /** The Retail account id (`MarketDataAccount.id`). */
  accountId: Scalars['ID']['input'];
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

export type MarketDataSubscriptionStatus =
  | 'ACTIVE'
  | 'EXPIRED';

/** Either `accountId`, or `login` and `password` (the market-data credentials). */
export type MarketDataTokenInput = {
  /** The Retail account id (`MarketDataAccount.id`); for an end user, their own by default. */
  accountId?: InputMaybe<Scalars['ID']['input']>;
  login?: InputMaybe<Scalars['String']['input']>;
  password?: InputMaybe<Scalars['String']['input']>;
  /** Also return the QD filters enabled for the user (`details`). */
  withDetails?: InputMaybe<Scalars['Boolean']['input']>;
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

/** dxCore's `sendToAll`: every client, or the clients with LIVE or DEMO accounts. */
export type NotificationAudience =
  | 'ALL'
  | 'DEMO'
  | 'LIVE';

export type NotificationPriority =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW';

/** One client to notify. */
export type NotificationRecipientInput = {
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
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

export type OnboardingFeedInput = {
  endDate?: InputMaybe<Scalars['DateTime']['input']>;
  feedName: Scalars['String']['input'];
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

export type RenameBrokerCategoryValueInput = {
  brokerCode: Scalars['String']['input'];
  category: Scalars['String']['input'];
  newValue: Scalars['String']['input'];
  oldValue: Scalars['String']['input'];
};

export type RenamePlatformAccountInput = {
  /** The Platform account uuid. */
  accountId: Scalars['ID']['input'];
  /** At most 100 characters. */
  name: Scalars['String']['input'];
};

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

/** A dxCore user by login and domain. */
export type SessionUserInput = {
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
};

export type SortOrder =
  | 'ASC'
  | 'DESC';

/** An end user's SSO token for their own session (dxCore /getSSOToken: `durationMs`, `origin` apply), or, for an admin, one for `user` (dxCore /generateToken, needs dxCore's LOGIN_ON_BEHALF permission). */
export type SsoTokenInput = {
  /** End user: the token's lifetime in milliseconds, at most 300000 (5 minutes); dxCore's default when omitted. */
  durationMs?: InputMaybe<Scalars['Int']['input']>;
  /** End user: dxCore's tokenOrigin. */
  origin?: InputMaybe<Scalars['String']['input']>;
  /** Admin: the user to make a token for. An end user may name only themselves. */
  user?: InputMaybe<SessionUserInput>;
};

/** What is known about the trial user; every field is optional. */
export type TrackTrialInput = {
  email?: InputMaybe<Scalars['String']['input']>;
  firstName?: InputMaybe<Scalars['String']['input']>;
  lastName?: InputMaybe<Scalars['String']['input']>;
  macAddress?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
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

export type UpdateNotificationExpirationInput = {
  /** The new expiration; in the future. */
  expiresAt: Scalars['DateTime']['input'];
  /** dxCore's notification id (`Notification.id`); an earlier version's global id is still accepted, until the next release. */
  notificationId: Scalars['ID']['input'];
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

export type AccountEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type AccountEventsSubscription = { __typename?: 'Subscription', accountEvents: { __typename?: 'AccountEvent', id: string, type: AccountEventType, createdAt: string, account: { __typename?: 'PlatformAccountSnapshot', id: string, name?: string | null, status?: PlatformAccountStatus | null, type?: PlatformAccountType | null } } };

export type AccountsOverviewQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  status?: InputMaybe<AccountStatus>;
}>;


export type AccountsOverviewQuery = { __typename?: 'Query', accounts?: { __typename?: 'AccountConnection', totalCount: number, edges: Array<{ __typename?: 'AccountEdge', node: { __typename?: 'Account', clearingCode: string, accountCode: string, currency?: string | null, balance?: number | null, status?: AccountStatus | null, broker?: { __typename?: 'Broker', code: string, name?: string | null, type?: BrokerType | null } | null } }> } | null };

export type ActivateSubscriptionsMutationVariables = Exact<{
  input: ActivateSubscriptionsInput;
}>;


export type ActivateSubscriptionsMutation = { __typename?: 'Mutation', activateSubscriptions?:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'RejectedError', code: string, message: string }
    | { __typename: 'SubscriptionActivation', confirmationId?: string | null, signupPage?: { __typename?: 'ThemedLinks', light?: string | null, dark?: string | null } | null }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string }
   | null };

export type BackOfficeClientsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type BackOfficeClientsQuery = { __typename?: 'Query', clients?: { __typename?: 'ClientConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'ClientEdge', cursor: string, node: { __typename?: 'Client', login: string, domain: string, status?: ClientStatus | null, broker?: { __typename?: 'Broker', code: string, name?: string | null } | null, accounts: Array<{ __typename?: 'Account', accountCode: string, currency?: string | null, balance?: number | null }>, marketDataAccount?: { __typename?: 'MarketDataAccount', id: string, subscriptions?: Array<{ __typename?: 'MarketDataSubscription', name: string, status: MarketDataSubscriptionStatus }> | null } | null } }> } | null };

export type DepositFundsMutationVariables = Exact<{
  input: TransferInput;
}>;


export type DepositFundsMutation = { __typename?: 'Mutation', depositFunds?:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'RejectedError', code: string, message: string }
    | { __typename: 'TransferSuccess', transfer: { __typename?: 'Transfer', id: string, kind: TransferKind, amount: number, currency: string }, account: { __typename?: 'Account', accountCode: string, balance?: number | null } }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string }
   | null };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { __typename?: 'Mutation', login?:
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


export type MarketDataEventsSubscription = { __typename?: 'Subscription', marketDataSubscriptionEvents: { __typename?: 'MarketDataSubscriptionEvent', id: string, type: MarketDataEventType, accountId: string, subscriptions: Array<{ __typename?: 'MarketDataSubscription', name: string, status: MarketDataSubscriptionStatus, expiresAt?: string | null }> } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me?: { __typename?: 'Client', login: string, domain: string, fullName?: string | null, accounts: Array<{ __typename?: 'Account', accountCode: string, balance?: number | null, currency?: string | null }> } | null };

export type NotificationDeliveryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type NotificationDeliveryQuery = { __typename?: 'Query', notification?: { __typename?: 'Notification', id: string, deliveries: Array<{ __typename?: 'NotificationDelivery', recipient?: string | null, readTime?: string | null, acknowledgmentTime?: string | null }> } | null };

export type PlatformAccountsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
}>;


export type PlatformAccountsQuery = { __typename?: 'Query', platformAccounts?: { __typename?: 'PlatformAccountConnection', totalCount: number, edges: Array<{ __typename?: 'PlatformAccountEdge', node: { __typename?: 'PlatformAccount', id: string, name?: string | null, type?: PlatformAccountType | null, status?: PlatformAccountStatus | null, accountNumber?: number | null, createdAt?: string | null } }> } | null };

export type SendNotificationMutationVariables = Exact<{
  input: SendNotificationInput;
}>;


export type SendNotificationMutation = { __typename?: 'Mutation', sendNotification?:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'NotificationSent', notification: { __typename?: 'Notification', id: string } }
    | { __typename: 'RejectedError', code: string, message: string }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string }
   | null };

export type TraderDashboardQueryVariables = Exact<{
  domain: Scalars['String']['input'];
  login: Scalars['String']['input'];
}>;


export type TraderDashboardQuery = { __typename?: 'Query', client?: { __typename?: 'Client', id: string, domain: string, login: string, fullName?: string | null, email?: string | null, status?: ClientStatus | null, broker?: { __typename?: 'Broker', code: string, name?: string | null } | null, accounts: Array<{ __typename?: 'Account', clearingCode: string, accountCode: string, currency?: string | null, balance?: number | null, status?: AccountStatus | null, accountType?: AccountType | null, broker?: { __typename?: 'Broker', code: string, name?: string | null } | null }>, marketDataAccount?: { __typename?: 'MarketDataAccount', id: string, email?: string | null, subscriptions?: Array<{ __typename?: 'MarketDataSubscription', name: string, status: MarketDataSubscriptionStatus, expiresAt?: string | null }> | null } | null } | null };

export type WithdrawFundsMutationVariables = Exact<{
  input: TransferInput;
}>;


export type WithdrawFundsMutation = { __typename?: 'Mutation', withdrawFunds?:
    | { __typename: 'AccessDeniedError', code: string, message: string }
    | { __typename: 'ConflictError', code: string, message: string }
    | { __typename: 'NotFoundError', code: string, message: string }
    | { __typename: 'RejectedError', code: string, message: string }
    | { __typename: 'TransferSuccess', transfer: { __typename?: 'Transfer', id: string, kind: TransferKind, amount: number, currency: string }, account: { __typename?: 'Account', accountCode: string, balance?: number | null } }
    | { __typename: 'UpstreamUnavailableError', code: string, message: string }
    | { __typename: 'ValidationError', code: string, message: string }
   | null };


export const AccountEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"AccountEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]} as unknown as DocumentNode<AccountEventsSubscription, AccountEventsSubscriptionVariables>;
export const AccountsOverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AccountsOverview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AccountStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clearingCode"}},{"kind":"Field","name":{"kind":"Name","value":"accountCode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"broker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AccountsOverviewQuery, AccountsOverviewQueryVariables>;
export const ActivateSubscriptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ActivateSubscriptions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ActivateSubscriptionsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activateSubscriptions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubscriptionActivation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmationId"}},{"kind":"Field","name":{"kind":"Name","value":"signupPage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"light"}},{"kind":"Field","name":{"kind":"Name","value":"dark"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ActivateSubscriptionsMutation, ActivateSubscriptionsMutationVariables>;
export const BackOfficeClientsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BackOfficeClients"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"broker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountCode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}}]}},{"kind":"Field","name":{"kind":"Name","value":"marketDataAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BackOfficeClientsQuery, BackOfficeClientsQueryVariables>;
export const DepositFundsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DepositFunds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TransferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"depositFunds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TransferSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transfer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountCode"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<DepositFundsMutation, DepositFundsMutationVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Session"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const MarketDataEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"MarketDataEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"marketDataSubscriptionEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<MarketDataEventsSubscription, MarketDataEventsSubscriptionVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountCode"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const NotificationDeliveryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotificationDelivery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"deliveries"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"readTime"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgmentTime"}}]}}]}}]}}]} as unknown as DocumentNode<NotificationDeliveryQuery, NotificationDeliveryQueryVariables>;
export const PlatformAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlatformAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"platformAccounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"accountNumber"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlatformAccountsQuery, PlatformAccountsQueryVariables>;
export const SendNotificationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendNotification"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SendNotificationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendNotification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotificationSent"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"notification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SendNotificationMutation, SendNotificationMutationVariables>;
export const TraderDashboardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TraderDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"domain"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"login"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"client"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"domain"},"value":{"kind":"Variable","name":{"kind":"Name","value":"domain"}}},{"kind":"Argument","name":{"kind":"Name","value":"login"},"value":{"kind":"Variable","name":{"kind":"Name","value":"login"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"domain"}},{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"fullName"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"broker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clearingCode"}},{"kind":"Field","name":{"kind":"Name","value":"accountCode"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"accountType"}},{"kind":"Field","name":{"kind":"Name","value":"broker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"marketDataAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TraderDashboardQuery, TraderDashboardQueryVariables>;
export const WithdrawFundsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawFunds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TransferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdrawFunds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TransferSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"transfer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accountCode"}},{"kind":"Field","name":{"kind":"Name","value":"balance"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Error"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<WithdrawFundsMutation, WithdrawFundsMutationVariables>;