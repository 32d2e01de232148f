import type { DxClient } from '../../upstreams/dxcore-wire.ts';
import { versionOf } from '../../upstreams/dxcore-writes.ts';
import { logger } from '../../observability/logger.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { credentialScopes, setsClientCredentials } from '../credential-scopes.ts';
import { publishClientEvent } from '../events.ts';
import { forget, loaded, pairKey } from '../loading.ts';
import { linkingOnce } from '../market-data/links.ts';
import { optionalText, requireEmail, requireNonEmptyList, requireText } from '../validation.ts';
import { AccountNode } from '../account/account.ts';
import { AccountAccess, accountBody, accountWriteScopes, moneyScopeNote, NewAccountInput, present } from '../account/writes.ts';
import { ClientNode, ClientStatus, ClientType, clientKey, forgetClientVersion, rememberClientVersion, type ClientRef } from './client.ts';
import { ValidationError } from '../typed-errors.ts';
import { mutation, recordPayload } from '../mutations.ts';

const ClientIdInput = builder.inputType('ClientIdInput', {
  fields: (t) => ({ domain: t.string({ required: true }), login: t.string({ required: true }) }),
});

/** Client fields a caller may set on create and on update (dxCore's Client and Client update models). */
const profileFields = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) => ({
  fullName: t.string(),
  email: t.string(),
  password: t.string({ description: 'Write-only.' }),
  passwordExpiry: t.int({ description: 'Days.' }),
  passwordReset: t.boolean({ description: 'Ask for a new password at the next login.' }),
  status: t.field({ type: ClientStatus }),
  phone: t.string(),
  company: t.string(),
  citizenship: t.string(),
  birthPlace: t.string(),
  birthDate: t.string({ description: 'YYYY-MM-DD.' }),
  contractDate: t.string({ description: 'YYYY-MM-DD.' }),
  insuranceNumber: t.string(),
  comments: t.string(),
  dxFeedAccountId: t.string({ description: 'Links the Retail Services (dxFeed) market-data account; one linked to another client is MARKET_DATA_ACCOUNT_ALREADY_LINKED.' }),
});

const CreateClientInput = builder.inputType('CreateClientInput', {
  fields: (t) => ({
    domain: t.string({ description: "The broker's domain when omitted." }),
    login: t.string({ required: true }),
    brokerCode: t.string(),
    type: t.field({ type: ClientType }),
    ...profileFields(t),
    accounts: t.field({ type: [NewAccountInput], description: 'Accounts opened with the client, in one dxCore call.' }),
    accountAccess: t.field({ type: AccountAccess, description: "The client's permission on those accounts." }),
  }),
});

const UpdateClientInput = builder.inputType('UpdateClientInput', {
  description: 'Only the fields given change.',
  fields: (t) => ({
    domain: t.string({ required: true }),
    login: t.string({ required: true }),
    expectedVersion: t.string({ description: '`Client.version` as last read: the update is refused (VERSION_CONFLICT) if the client changed since. Omit to update regardless.' }),
    ...profileFields(t),
  }),
});

const DisableClientInput = builder.inputType('DisableClientInput', {
  fields: (t) => ({
    domain: t.string({ required: true }),
    login: t.string({ required: true }),
    cancelMarketDataSubscriptions: t.boolean({ description: 'Also cancel the linked dxFeed subscriptions (document 003). Default false.' }),
  }),
});

const GroupMembershipInput = builder.inputType('GroupMembershipInput', {
  fields: (t) => ({
    domain: t.string({ required: true }),
    login: t.string({ required: true }),
    groupDomain: t.string({ required: true }),
    groupName: t.string({ required: true }),
    expectedVersion: t.string({ description: 'dxCore requires the client version (`if-match`); the current one is read when omitted.' }),
  }),
});

interface ClientDeletedShape {
  domain: string;
  login: string;
}

const ClientDeleted = builder.objectRef<ClientDeletedShape>('ClientDeleted').implement({
  fields: (t) => ({ domain: t.exposeString('domain'), login: t.exposeString('login') }),
});

type Profile = Record<string, unknown> & { fullName?: string | null; email?: string | null; password?: string | null; dxFeedAccountId?: string | null };

function profileBody(input: Profile): Record<string, unknown> {
  return present({
    ...input,
    fullName: optionalText('input.fullName', input.fullName),
    email: input.email === null || input.email === undefined ? undefined : requireEmail('input.email', input.email),
    password: input.password === null || input.password === undefined ? undefined : requireText('input.password', input.password, 128),
    dxFeedAccountId: optionalText('input.dxFeedAccountId', input.dxFeedAccountId),
  });
}

/** The client dxCore answered, as the result; the loaders forget what they held of it. */
export function writtenClient(ctx: Context, record: DxClient, version?: string): ClientRef {
  const key = clientKey(record);
  ClientNode.getDataloader(ctx).clear(key);
  for (const account of record.accounts ?? []) AccountNode.getDataloader(ctx).clear(pairKey(account.clearingCode, account.accountCode));
  forget(ctx, 'dxcore:client');
  if (version !== undefined) rememberClientVersion(ctx, key, version);
  return loaded(key, record);
}

/** The dxFeed account a client body links, when it sets one. */
const linkIn = (body: Record<string, unknown>): string | undefined => (typeof body.dxFeedAccountId === 'string' ? body.dxFeedAccountId : undefined);

const clientArgs = (input: { domain: string; login: string }) => [requireText('input.domain', input.domain), requireText('input.login', input.login)] as const;

export function createClientBody(input: typeof CreateClientInput.$inferInput): Record<string, unknown> {
  const { accounts, accountAccess: _, ...client } = input;
  if (accounts) requireNonEmptyList('input.accounts', accounts, 50);
  return {
    ...profileBody(client),
    login: requireText('input.login', input.login),
    domain: optionalText('input.domain', input.domain),
    brokerCode: optionalText('input.brokerCode', input.brokerCode),
    ...(accounts ? { accounts: accounts.map((account, i) => accountBody(`input.accounts.${i}`, account)) } : {}),
  };
}

async function currentVersion(ctx: Context, domain: string, login: string, given: string | null | undefined): Promise<string> {
  if (given !== null && given !== undefined) return requireText('input.expectedVersion', given);
  const { version } = await ctx.dxcore.clientVersion(domain, login);
  if (version === undefined) throw new ValidationError('input.expectedVersion', 'dxCore gave no client version: pass input.expectedVersion');
  return version;
}

async function changeMembership(ctx: Context, input: typeof GroupMembershipInput.$inferInput, method: 'POST' | 'DELETE'): Promise<ClientRef> {
  const [domain, login] = clientArgs(input);
  const group = [requireText('input.groupDomain', input.groupDomain), requireText('input.groupName', input.groupName)] as const;
  const version = await currentVersion(ctx, domain, login, input.expectedVersion);
  await ctx.dxcore.writes.groupMembership(method, domain, login, ...group, version);
  forget(ctx, 'dxcore:client-groups');
  forgetClientVersion(ctx, pairKey(domain, login));
  ClientNode.getDataloader(ctx).clear(pairKey(domain, login));
  return { key: pairKey(domain, login) };
}

const ClientCreated = recordPayload('ClientCreated', 'client', ClientNode, {
  payload: 'The new client, with the accounts opened with it.',
  record: 'The client as dxCore answered the create.',
});

mutation('createClient', {
  description: `Creates a client, with its accounts, in one dxCore call. ${moneyScopeNote}`,
  args: (arg) => ({ input: arg({ type: CreateClientInput, required: true }) }),
  scope: ({ input }) => accountWriteScopes(input.accounts ?? []),
  success: ClientCreated,
  resolve: async ({ input }, ctx) => {
    const body = createClientBody(input);
    const answer = await linkingOnce(ctx, linkIn(body), undefined, () => ctx.dxcore.writes.createClient(body, input.accountAccess ?? undefined));
    await publishClientEvent(ctx, 'CLIENT.CREATED', { client: { domain: answer.data.domain, login: answer.data.login } });
    return { client: writtenClient(ctx, answer.data, versionOf(answer)) };
  },
});

const ClientUpdated = recordPayload('ClientUpdated', 'client', ClientNode, {
  payload: 'The client was updated.',
  record: 'The client as dxCore answered the update (its `version` is the new one).',
});

mutation('updateClient', {
  description:
    "Setting `password`, `passwordExpiry` or `passwordReset` (credentials) needs the `admin` scope besides `write` (FORBIDDEN otherwise). A new credential or a DISABLED status ends the client's gateway sessions.",
  args: (arg) => ({ input: arg({ type: UpdateClientInput, required: true }) }),
  scope: ({ input }) => (setsClientCredentials(input) ? credentialScopes : { write: true }),
  success: ClientUpdated,
  resolve: async ({ input }, ctx) => {
    const [domain, login] = clientArgs(input);
    const { domain: _d, login: _l, expectedVersion, ...fields } = input;
    const update = profileBody(fields);
    if (Object.keys(update).length === 0) throw new ValidationError('input', 'Nothing to update: give at least one field besides the client');
    const version = optionalText('input.expectedVersion', expectedVersion);
    const answer = await linkingOnce(ctx, linkIn(update), { domain, login }, () => ctx.dxcore.writes.updateClient(domain, login, update, version));
    const status = input.status ?? undefined;
    // Sessions made with the old credential, or of a client now disabled, end here as disableClient ends them.
    if (setsClientCredentials(input) || status === 'DISABLED') await endSessionsOf(ctx, domain, login);
    await publishClientEvent(ctx, status ? 'CLIENT.STATUS_CHANGED' : 'CLIENT.UPDATED', { client: { domain, login }, status });
    return { client: writtenClient(ctx, answer.data, versionOf(answer)) };
  },
});

mutation('deleteClient', {
  args: (arg) => ({ input: arg({ type: ClientIdInput, required: true }) }),
  scope: { admin: true },
  success: ClientDeleted,
  resolve: async ({ input }, ctx) => {
    const [domain, login] = clientArgs(input);
    await ctx.dxcore.writes.deleteClient(domain, login);
    await endSessionsOf(ctx, domain, login);
    await publishClientEvent(ctx, 'CLIENT.DELETED', { client: { domain, login } });
    ClientNode.getDataloader(ctx).clear(pairKey(domain, login));
    return { domain, login };
  },
});

const ClientDisabled = recordPayload('ClientDisabled', 'client', ClientNode, {
  payload: 'The client is disabled and every account of theirs terminated; their sessions at the gateway ended.',
  record: 'The client as dxCore has it now (read afresh when selected).',
});

mutation('disableClient', {
  description: 'Disables the client and terminates every account of theirs (dxCore disable-user-and-terminate-accounts).',
  args: (arg) => ({ input: arg({ type: DisableClientInput, required: true }) }),
  scope: { write: true },
  success: ClientDisabled,
  resolve: async ({ input }, ctx) => {
    const [domain, login] = clientArgs(input);
    await ctx.dxcore.writes.disableAndTerminate(domain, login, input.cancelMarketDataSubscriptions ?? false);
    await endSessionsOf(ctx, domain, login);
    await publishClientEvent(ctx, 'CLIENT.STATUS_CHANGED', { client: { domain, login }, status: 'DISABLED' });
    return { client: forgetClient(ctx, domain, login) };
  },
});

const ClientAddedToGroup = recordPayload('ClientAddedToGroup', 'client', ClientNode, {
  payload: 'The client is a direct member of the group.',
  record: 'The client as dxCore has it now (read afresh when selected).',
});

mutation('addClientToGroup', {
  args: (arg) => ({ input: arg({ type: GroupMembershipInput, required: true }) }),
  scope: { write: true },
  success: ClientAddedToGroup,
  resolve: async ({ input }, ctx) => ({ client: await changeMembership(ctx, input, 'POST') }),
});

const ClientRemovedFromGroup = recordPayload('ClientRemovedFromGroup', 'client', ClientNode, {
  payload: 'The client is no longer a direct member of the group.',
  record: 'The client as dxCore has it now (read afresh when selected).',
});

mutation('removeClientFromGroup', {
  args: (arg) => ({ input: arg({ type: GroupMembershipInput, required: true }) }),
  scope: { write: true },
  success: ClientRemovedFromGroup,
  resolve: async ({ input }, ctx) => ({ client: await changeMembership(ctx, input, 'DELETE') }),
});

/**
 * A client dxCore disabled or deleted keeps no session: the gateway forgets theirs at once, which ends
 * their subscriptions on every instance. The write has happened, so a store failure is only logged;
 * the subscriptions' recheck ends them later.
 */
export async function endSessionsOf(ctx: Context, domain: string, login: string): Promise<void> {
  await ctx.sessions.forgetUser({ domain, login }).catch((error: unknown) => logger.warn({ err: error }, 'sessions of a disabled or deleted client were not forgotten'));
}

/** A client changed without dxCore answering it: the next read of it and its accounts goes upstream. */
export function forgetClient(ctx: Context, domain: string, login: string): ClientRef {
  const key = pairKey(domain, login);
  ClientNode.getDataloader(ctx).clear(key);
  AccountNode.getDataloader(ctx).clearAll();
  forget(ctx, 'dxcore:');
  forgetClientVersion(ctx, key);
  return { key };
}

export { CreateClientInput };
