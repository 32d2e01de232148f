/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query BrokerList($first: Int!) {\n  brokers(first: $first) {\n    totalCount\n    edges {\n      node {\n        code\n        name\n        type\n      }\n    }\n  }\n}": typeof types.BrokerListDocument,
    "subscription AccountEvents {\n  accountEvents {\n    id\n    type\n    createdAt\n    account {\n      id\n      name\n      status\n      type\n    }\n  }\n}": typeof types.AccountEventsDocument,
    "query AccountsOverview($first: Int!, $status: AccountStatus) {\n  accounts(first: $first, status: $status) {\n    totalCount\n    edges {\n      node {\n        clearingCode\n        accountCode\n        currency\n        balance\n        status\n        broker {\n          code\n          name\n          type\n        }\n      }\n    }\n  }\n}": typeof types.AccountsOverviewDocument,
    "mutation ActivateSubscriptions($input: ActivateSubscriptionsInput!) {\n  activateSubscriptions(input: $input) {\n    __typename\n    ... on SubscriptionActivation {\n      confirmationId\n      signupPage {\n        light\n        dark\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}": typeof types.ActivateSubscriptionsDocument,
    "query BackOfficeClients($first: Int!, $after: String) {\n  clients(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        login\n        domain\n        status\n        broker {\n          code\n          name\n        }\n        accounts {\n          accountCode\n          currency\n          balance\n        }\n        marketDataAccount {\n          id\n          subscriptions {\n            name\n            status\n          }\n        }\n      }\n    }\n  }\n}": typeof types.BackOfficeClientsDocument,
    "mutation DepositFunds($input: TransferInput!) {\n  depositFunds(input: $input) {\n    __typename\n    ... on TransferSuccess {\n      transfer {\n        id\n        kind\n        amount\n        currency\n      }\n      account {\n        accountCode\n        balance\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}": typeof types.DepositFundsDocument,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on Session {\n      token\n      expiresAt\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}": typeof types.LoginDocument,
    "subscription MarketDataEvents($accountId: ID) {\n  marketDataSubscriptionEvents(accountId: $accountId) {\n    id\n    type\n    accountId\n    subscriptions {\n      name\n      status\n      expiresAt\n    }\n  }\n}": typeof types.MarketDataEventsDocument,
    "query Me {\n  me {\n    login\n    domain\n    fullName\n    accounts {\n      accountCode\n      balance\n      currency\n    }\n  }\n}": typeof types.MeDocument,
    "query NotificationDelivery($id: ID!) {\n  notification(id: $id) {\n    id\n    deliveries {\n      recipient\n      readTime\n      acknowledgmentTime\n    }\n  }\n}": typeof types.NotificationDeliveryDocument,
    "query PlatformAccounts($first: Int!) {\n  platformAccounts(first: $first) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        type\n        status\n        accountNumber\n        createdAt\n      }\n    }\n  }\n}": typeof types.PlatformAccountsDocument,
    "mutation SendNotification($input: SendNotificationInput!) {\n  sendNotification(input: $input) {\n    __typename\n    ... on NotificationSent {\n      notification {\n        id\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}": typeof types.SendNotificationDocument,
    "query TraderDashboard($domain: String!, $login: String!) {\n  client(domain: $domain, login: $login) {\n    id\n    domain\n    login\n    fullName\n    email\n    status\n    broker {\n      code\n      name\n    }\n    accounts {\n      clearingCode\n      accountCode\n      currency\n      balance\n      status\n      accountType\n      broker {\n        code\n        name\n      }\n    }\n    marketDataAccount {\n      id\n      email\n      subscriptions {\n        name\n        status\n        expiresAt\n      }\n    }\n  }\n}": typeof types.TraderDashboardDocument,
    "mutation WithdrawFunds($input: TransferInput!) {\n  withdrawFunds(input: $input) {\n    __typename\n    ... on TransferSuccess {\n      transfer {\n        id\n        kind\n        amount\n        currency\n      }\n      account {\n        accountCode\n        balance\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}": typeof types.WithdrawFundsDocument,
};
const documents: Documents = {
    "query BrokerList($first: Int!) {\n  brokers(first: $first) {\n    totalCount\n    edges {\n      node {\n        code\n        name\n        type\n      }\n    }\n  }\n}": types.BrokerListDocument,
    "subscription AccountEvents {\n  accountEvents {\n    id\n    type\n    createdAt\n    account {\n      id\n      name\n      status\n      type\n    }\n  }\n}": types.AccountEventsDocument,
    "query AccountsOverview($first: Int!, $status: AccountStatus) {\n  accounts(first: $first, status: $status) {\n    totalCount\n    edges {\n      node {\n        clearingCode\n        accountCode\n        currency\n        balance\n        status\n        broker {\n          code\n          name\n          type\n        }\n      }\n    }\n  }\n}": types.AccountsOverviewDocument,
    "mutation ActivateSubscriptions($input: ActivateSubscriptionsInput!) {\n  activateSubscriptions(input: $input) {\n    __typename\n    ... on SubscriptionActivation {\n      confirmationId\n      signupPage {\n        light\n        dark\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}": types.ActivateSubscriptionsDocument,
    "query BackOfficeClients($first: Int!, $after: String) {\n  clients(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        login\n        domain\n        status\n        broker {\n          code\n          name\n        }\n        accounts {\n          accountCode\n          currency\n          balance\n        }\n        marketDataAccount {\n          id\n          subscriptions {\n            name\n            status\n          }\n        }\n      }\n    }\n  }\n}": types.BackOfficeClientsDocument,
    "mutation DepositFunds($input: TransferInput!) {\n  depositFunds(input: $input) {\n    __typename\n    ... on TransferSuccess {\n      transfer {\n        id\n        kind\n        amount\n        currency\n      }\n      account {\n        accountCode\n        balance\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}": types.DepositFundsDocument,
    "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on Session {\n      token\n      expiresAt\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}": types.LoginDocument,
    "subscription MarketDataEvents($accountId: ID) {\n  marketDataSubscriptionEvents(accountId: $accountId) {\n    id\n    type\n    accountId\n    subscriptions {\n      name\n      status\n      expiresAt\n    }\n  }\n}": types.MarketDataEventsDocument,
    "query Me {\n  me {\n    login\n    domain\n    fullName\n    accounts {\n      accountCode\n      balance\n      currency\n    }\n  }\n}": types.MeDocument,
    "query NotificationDelivery($id: ID!) {\n  notification(id: $id) {\n    id\n    deliveries {\n      recipient\n      readTime\n      acknowledgmentTime\n    }\n  }\n}": types.NotificationDeliveryDocument,
    "query PlatformAccounts($first: Int!) {\n  platformAccounts(first: $first) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        type\n        status\n        accountNumber\n        createdAt\n      }\n    }\n  }\n}": types.PlatformAccountsDocument,
    "mutation SendNotification($input: SendNotificationInput!) {\n  sendNotification(input: $input) {\n    __typename\n    ... on NotificationSent {\n      notification {\n        id\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}": types.SendNotificationDocument,
    "query TraderDashboard($domain: String!, $login: String!) {\n  client(domain: $domain, login: $login) {\n    id\n    domain\n    login\n    fullName\n    email\n    status\n    broker {\n      code\n      name\n    }\n    accounts {\n      clearingCode\n      accountCode\n      currency\n      balance\n      status\n      accountType\n      broker {\n        code\n        name\n      }\n    }\n    marketDataAccount {\n      id\n      email\n      subscriptions {\n        name\n        status\n        expiresAt\n      }\n    }\n  }\n}": types.TraderDashboardDocument,
    "mutation WithdrawFunds($input: TransferInput!) {\n  withdrawFunds(input: $input) {\n    __typename\n    ... on TransferSuccess {\n      transfer {\n        id\n        kind\n        amount\n        currency\n      }\n      account {\n        accountCode\n        balance\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}": types.WithdrawFundsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BrokerList($first: Int!) {\n  brokers(first: $first) {\n    totalCount\n    edges {\n      node {\n        code\n        name\n        type\n      }\n    }\n  }\n}"): (typeof documents)["query BrokerList($first: Int!) {\n  brokers(first: $first) {\n    totalCount\n    edges {\n      node {\n        code\n        name\n        type\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription AccountEvents {\n  accountEvents {\n    id\n    type\n    createdAt\n    account {\n      id\n      name\n      status\n      type\n    }\n  }\n}"): (typeof documents)["subscription AccountEvents {\n  accountEvents {\n    id\n    type\n    createdAt\n    account {\n      id\n      name\n      status\n      type\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccountsOverview($first: Int!, $status: AccountStatus) {\n  accounts(first: $first, status: $status) {\n    totalCount\n    edges {\n      node {\n        clearingCode\n        accountCode\n        currency\n        balance\n        status\n        broker {\n          code\n          name\n          type\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query AccountsOverview($first: Int!, $status: AccountStatus) {\n  accounts(first: $first, status: $status) {\n    totalCount\n    edges {\n      node {\n        clearingCode\n        accountCode\n        currency\n        balance\n        status\n        broker {\n          code\n          name\n          type\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ActivateSubscriptions($input: ActivateSubscriptionsInput!) {\n  activateSubscriptions(input: $input) {\n    __typename\n    ... on SubscriptionActivation {\n      confirmationId\n      signupPage {\n        light\n        dark\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}"): (typeof documents)["mutation ActivateSubscriptions($input: ActivateSubscriptionsInput!) {\n  activateSubscriptions(input: $input) {\n    __typename\n    ... on SubscriptionActivation {\n      confirmationId\n      signupPage {\n        light\n        dark\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BackOfficeClients($first: Int!, $after: String) {\n  clients(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        login\n        domain\n        status\n        broker {\n          code\n          name\n        }\n        accounts {\n          accountCode\n          currency\n          balance\n        }\n        marketDataAccount {\n          id\n          subscriptions {\n            name\n            status\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query BackOfficeClients($first: Int!, $after: String) {\n  clients(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      cursor\n      node {\n        login\n        domain\n        status\n        broker {\n          code\n          name\n        }\n        accounts {\n          accountCode\n          currency\n          balance\n        }\n        marketDataAccount {\n          id\n          subscriptions {\n            name\n            status\n          }\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DepositFunds($input: TransferInput!) {\n  depositFunds(input: $input) {\n    __typename\n    ... on TransferSuccess {\n      transfer {\n        id\n        kind\n        amount\n        currency\n      }\n      account {\n        accountCode\n        balance\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}"): (typeof documents)["mutation DepositFunds($input: TransferInput!) {\n  depositFunds(input: $input) {\n    __typename\n    ... on TransferSuccess {\n      transfer {\n        id\n        kind\n        amount\n        currency\n      }\n      account {\n        accountCode\n        balance\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on Session {\n      token\n      expiresAt\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}"): (typeof documents)["mutation Login($input: LoginInput!) {\n  login(input: $input) {\n    __typename\n    ... on Session {\n      token\n      expiresAt\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription MarketDataEvents($accountId: ID) {\n  marketDataSubscriptionEvents(accountId: $accountId) {\n    id\n    type\n    accountId\n    subscriptions {\n      name\n      status\n      expiresAt\n    }\n  }\n}"): (typeof documents)["subscription MarketDataEvents($accountId: ID) {\n  marketDataSubscriptionEvents(accountId: $accountId) {\n    id\n    type\n    accountId\n    subscriptions {\n      name\n      status\n      expiresAt\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me {\n  me {\n    login\n    domain\n    fullName\n    accounts {\n      accountCode\n      balance\n      currency\n    }\n  }\n}"): (typeof documents)["query Me {\n  me {\n    login\n    domain\n    fullName\n    accounts {\n      accountCode\n      balance\n      currency\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NotificationDelivery($id: ID!) {\n  notification(id: $id) {\n    id\n    deliveries {\n      recipient\n      readTime\n      acknowledgmentTime\n    }\n  }\n}"): (typeof documents)["query NotificationDelivery($id: ID!) {\n  notification(id: $id) {\n    id\n    deliveries {\n      recipient\n      readTime\n      acknowledgmentTime\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PlatformAccounts($first: Int!) {\n  platformAccounts(first: $first) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        type\n        status\n        accountNumber\n        createdAt\n      }\n    }\n  }\n}"): (typeof documents)["query PlatformAccounts($first: Int!) {\n  platformAccounts(first: $first) {\n    totalCount\n    edges {\n      node {\n        id\n        name\n        type\n        status\n        accountNumber\n        createdAt\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SendNotification($input: SendNotificationInput!) {\n  sendNotification(input: $input) {\n    __typename\n    ... on NotificationSent {\n      notification {\n        id\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}"): (typeof documents)["mutation SendNotification($input: SendNotificationInput!) {\n  sendNotification(input: $input) {\n    __typename\n    ... on NotificationSent {\n      notification {\n        id\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TraderDashboard($domain: String!, $login: String!) {\n  client(domain: $domain, login: $login) {\n    id\n    domain\n    login\n    fullName\n    email\n    status\n    broker {\n      code\n      name\n    }\n    accounts {\n      clearingCode\n      accountCode\n      currency\n      balance\n      status\n      accountType\n      broker {\n        code\n        name\n      }\n    }\n    marketDataAccount {\n      id\n      email\n      subscriptions {\n        name\n        status\n        expiresAt\n      }\n    }\n  }\n}"): (typeof documents)["query TraderDashboard($domain: String!, $login: String!) {\n  client(domain: $domain, login: $login) {\n    id\n    domain\n    login\n    fullName\n    email\n    status\n    broker {\n      code\n      name\n    }\n    accounts {\n      clearingCode\n      accountCode\n      currency\n      balance\n      status\n      accountType\n      broker {\n        code\n        name\n      }\n    }\n    marketDataAccount {\n      id\n      email\n      subscriptions {\n        name\n        status\n        expiresAt\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation WithdrawFunds($input: TransferInput!) {\n  withdrawFunds(input: $input) {\n    __typename\n    ... on TransferSuccess {\n      transfer {\n        id\n        kind\n        amount\n        currency\n      }\n      account {\n        accountCode\n        balance\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}"): (typeof documents)["mutation WithdrawFunds($input: TransferInput!) {\n  withdrawFunds(input: $input) {\n    __typename\n    ... on TransferSuccess {\n      transfer {\n        id\n        kind\n        amount\n        currency\n      }\n      account {\n        accountCode\n        balance\n      }\n    }\n    ... on Error {\n      code\n      message\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;