import type { GraphQLFormattedError } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DxAccount, DxClient } from '../../src/simulators/records.ts';
import { DepositFundsDocument } from '../generated/operations.ts';
import { countByRoute, keys, loginAs, queryCalls, startTestGateway, type TestGateway } from '../support/gateway.ts';
import { subscribeSse, subscribeWs, subscriptionScope, until, type Received } from '../support/events.ts';
import { gql } from '../support/gql.ts';

const partner = `Bearer ${keys.all}`;

let t: TestGateway;
const scope = subscriptionScope(() => t);
const { track, client } = scope;

beforeAll(async () => {
  t = await startTestGateway();
});
afterEach(() => scope.release());
afterAll(() => t.close());

interface ClientEvent {
  id: string;
  type: string;
  domain: string | null;
  login: string | null;
  clearingCode: string | null;
  accountCode: string | null;
  status: string | null;
  transfer: { id: string; kind: string; amount: number; currency: string } | null;
  account: { accountCode: string } | null;
}

const CLIENT_EVENTS = gql`
  subscription ($domain: String, $login: String, $accountCode: String, $types: [ClientEventType!], $after: ID) {
    clientEvents(domain: $domain, login: $login, accountCode: $accountCode, types: $types, after: $after) {
      id
      type
      domain
      login
      clearingCode
      accountCode
      status
      transfer { id kind amount currency }
      account { accountCode }
    }
  }
`;

const BALANCE_EVENTS = gql`
  subscription ($accountCode: String) {
    clientEvents(accountCode: $accountCode) { account { balance } }
  }
`;

type Sub = Received<{ clientEvents: ClientEvent }>;

/** A graphql-ws subscriber to clientEvents that is live: the hub has registered it. */
async function live(variables: Record<string, unknown> = {}, authorization = partner): Promise<Sub> {
  return (await scope.live(CLIENT_EVENTS, variables, authorization)) as unknown as Sub;
}

/** What arrived, without the fields a check does not name. */
const arrived = (sub: Sub) => sub.results.map((r) => r.data?.clientEvents);
/** `type domain/login clearingCode/accountCode status`, one line per event, for exact-list checks. */
const lines = (sub: Sub) =>
  arrived(sub).map((e) => [e?.type, e?.login ? `${e.domain}/${e.login}` : '-', e?.accountCode ? `${e.clearingCode}/${e.accountCode}` : '-', e?.status ?? '-'].join(' '));

// --- seeded data: each test takes clients and accounts no earlier test touched ---------------------

const state = () => t.sims.dxcore.state;
const taken = new Set<string>();
/** An active seeded client with a funded FULL_TRADING account, not used before in this file. */
function clientWithAccount(): { owner: DxClient; account: DxAccount } {
  for (const account of state().accounts.values()) {
    const owner = state().ownerOf(account);
    if (!owner || owner.status === 'DISABLED' || account.status !== 'FULL_TRADING' || account.balance < 1000 || taken.has(account.owner)) continue;
    taken.add(account.owner);
    return { owner, account };
  }
  throw new Error('no seeded client left');
}
const pairOf = (c: { domain: string; login: string }) => `${c.domain}/${c.login}`;
const accountOf = (a: { clearingCode: string; accountCode: string }) => `${a.clearingCode}/${a.accountCode}`;

let n = 0;
const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++n}`;

// --- mutations --------------------------------------------------------------------------------------

const transferInput = (a: DxAccount, extra: Record<string, unknown> = {}) => ({ clearingCode: a.clearingCode, accountCode: a.accountCode, amount: 100, currency: a.currency, ...extra });

/** The same mutation as the contract's DepositFunds, with the variables typed loosely like the others. */
const deposit = gql`
  mutation ($input: TransferInput!) {
    depositFunds(input: $input) { __typename ... on Error { code } }
  }
`;
const replayedDeposit = gql`
  mutation ($input: TransferInput!) {
    depositFunds(input: $input) { ... on TransferSuccess { transfer { replayed } } }
  }
`;
const withdraw = gql`
  mutation ($input: TransferInput!) {
    withdrawFunds(input: $input) { __typename ... on Error { code } }
  }
`;
const adjust = gql`
  mutation ($input: TransferInput!) {
    adjustBalance(input: $input) { __typename ... on Error { code } }
  }
`;
const updateClient = gql`
  mutation ($input: UpdateClientInput!) {
    updateClient(input: $input) { __typename ... on Error { code message } }
  }
`;
const disableClient = gql`
  mutation ($input: DisableClientInput!) {
    disableClient(input: $input) { __typename ... on ClientDisabled { client { status } } ... on Error { code message } }
  }
`;
const createClient = gql`
  mutation ($input: CreateClientInput!) {
    createClient(input: $input) { __typename ... on Error { code message } }
  }
`;
const createAccount = gql`
  mutation ($input: CreateAccountInput!) {
    createAccount(input: $input) { __typename ... on Error { code message } }
  }
`;
const updateAccount = gql`
  mutation ($input: UpdateAccountInput!) {
    updateAccount(input: $input) { __typename ... on Error { code message } }
  }
`;
const deleteClient = gql`
  mutation ($input: ClientIdInput!) {
    deleteClient(input: $input) { __typename ... on Error { code message } }
  }
`;
const onboard = gql`
  mutation ($input: OnboardClientInput!) {
    onboardClient(input: $input) { __typename ... on Error { code message } }
  }
`;
const deactivate = gql`
  mutation ($input: DeactivateClientInput!) {
    deactivateClient(input: $input) { __typename ... on Error { code message } }
  }
`;
const reactivate = gql`
  mutation ($input: ReactivateClientInput!) {
    reactivateClient(input: $input) { __typename ... on WorkflowStepError { failedStep } ... on Error { code message } }
  }
`;

/** Runs a mutation and checks it answered `typename` (the field is the only one in the answer). */
async function expectResult(doc: ReturnType<typeof gql>, input: Record<string, unknown>, typename: string) {
  const res = await t.run(doc, { input });
  const result = Object.values(res.data ?? {})[0] as { __typename?: string } | undefined;
  expect(result?.__typename, JSON.stringify(res)).toBe(typename);
}

/** A change that publishes CLIENT_UPDATED for `c`: the marker a test posts last. */
const touch = (c: { domain: string; login: string }) => expectResult(updateClient, { domain: c.domain, login: c.login, comments: fresh('marker') }, 'ClientUpdated');

describe('transfers', () => {
  it('a DepositFunds arrives as FUNDS_DEPOSITED with the transfer and the account; a replay and a refused transfer publish nothing', async () => {
    const { account } = clientWithAccount();
    const sub = await live({ accountCode: account.accountCode });
    const before = account.balance;
    const transferId = fresh('ce-deposit');
    const res = await t.run(DepositFundsDocument, { input: transferInput(account, { amount: 250.5, transferId }) });
    expect(res.data?.depositFunds).toMatchObject({ __typename: 'TransferSuccess', transfer: { id: transferId } });
    const [first] = await sub.waitFor(1);
    expect(first!.data?.clientEvents).toEqual({
      id: `deposit:${account.clearingCode}/${account.accountCode}/${transferId}`,
      type: 'FUNDS_DEPOSITED',
      domain: null,
      login: null,
      clearingCode: account.clearingCode,
      accountCode: account.accountCode,
      status: null,
      transfer: { id: transferId, kind: 'DEPOSIT', amount: 250.5, currency: account.currency },
      account: { accountCode: account.accountCode },
    });

    const replay = await t.run(replayedDeposit, { input: transferInput(account, { amount: 250.5, transferId }) });
    expect(replay.data?.depositFunds).toEqual({ transfer: { replayed: true } });
    const refused = await t.run(withdraw, { input: transferInput(account, { amount: (before + 250.5) * 10 }) });
    expect(refused.data?.withdrawFunds).toEqual({ __typename: 'RejectedError', code: 'INSUFFICIENT_FUNDS' });
    expect(state().account(account.clearingCode, account.accountCode)!.balance).toBe(before + 250.5);

    await expectResult(adjust, transferInput(account, { amount: -50.5, transferId: fresh('ce-adjust') }), 'TransferSuccess');
    await sub.waitFor(2);
    expect(lines(sub)).toEqual([`FUNDS_DEPOSITED - ${accountOf(account)} -`, `BALANCE_ADJUSTED - ${accountOf(account)} -`]);
    expect(arrived(sub)[1]).toMatchObject({ transfer: { kind: 'ADJUSTMENT', amount: -50.5, currency: account.currency } });
  });

  // Regression: subscriptions once left ctx.operation unset, so their reads asked dxCore for the
  // identifying attributes alone and `balance` came back null.
  it('`account { balance }` on a delivered event is read afresh: the balance after the deposit', async () => {
    const { account } = clientWithAccount();
    const before = account.balance;
    const sub = track(subscribeWs(client(partner), BALANCE_EVENTS, { accountCode: account.accountCode }));
    await until(() => t.gateway.events.size > 0, 'the subscriber to register');
    await expectResult(deposit, transferInput(account, { amount: 12.5 }), 'TransferSuccess');
    const [event] = await sub.waitFor(1);
    expect(event!.data).toEqual({ clientEvents: { account: { balance: before + 12.5 } } });
  });

  it('a withdrawal arrives as FUNDS_WITHDRAWN; the same transferId on another account is another event', async () => {
    const a = clientWithAccount().account;
    const b = clientWithAccount().account;
    const sub = await live({ types: ['FUNDS_WITHDRAWN', 'FUNDS_DEPOSITED'] });
    const transferId = fresh('ce-shared-id');
    await expectResult(withdraw, transferInput(a, { amount: 10, transferId }), 'TransferSuccess');
    await expectResult(withdraw, transferInput(b, { amount: 10, transferId }), 'TransferSuccess');
    await expectResult(deposit, transferInput(a, { amount: 5 }), 'TransferSuccess');
    await sub.waitFor(3);
    expect(lines(sub)).toEqual([`FUNDS_WITHDRAWN - ${accountOf(a)} -`, `FUNDS_WITHDRAWN - ${accountOf(b)} -`, `FUNDS_DEPOSITED - ${accountOf(a)} -`]);
    expect(arrived(sub).map((e) => e?.transfer?.kind)).toEqual(['WITHDRAWAL', 'WITHDRAWAL', 'DEPOSIT']);
  });
});

describe('client and account changes', () => {
  it('disableClient and updateClient with a status arrive as CLIENT_STATUS_CHANGED with the status; other updates as CLIENT_UPDATED', async () => {
    const disabled = clientWithAccount().owner;
    const updated = clientWithAccount().owner;
    const marker = clientWithAccount().owner;
    const sub = await live();
    expect((await t.run(disableClient, { input: { domain: disabled.domain, login: disabled.login } })).data?.disableClient).toEqual({ __typename: 'ClientDisabled', client: { status: 'DISABLED' } });
    const status = updated.status === 'ONLINE' ? 'OFFLINE' : 'ONLINE';
    await expectResult(updateClient, { domain: updated.domain, login: updated.login, status, phone: '+44 20 7946 0000' }, 'ClientUpdated');
    // Refused: nothing is published.
    await expectResult(disableClient, { domain: disabled.domain, login: disabled.login }, 'ConflictError');
    await touch(marker);
    await sub.waitFor(3);
    expect(lines(sub)).toEqual([
      `CLIENT_STATUS_CHANGED ${pairOf(disabled)} - DISABLED`,
      `CLIENT_STATUS_CHANGED ${pairOf(updated)} - ${status}`,
      `CLIENT_UPDATED ${pairOf(marker)} - -`,
    ]);
  });

  it('createClient, createAccount, updateAccount and deleteClient arrive with their types', async () => {
    const login = fresh('ce-new');
    const marker = clientWithAccount().owner;
    const sub = await live();
    await expectResult(createClient, { domain: 'default', login, brokerCode: 'ACME', email: `${login}@example.com`, accounts: [{ clearingCode: 'acme', accountCode: `${login}-1`, currency: 'USD' }] }, 'ClientCreated');
    await expectResult(createAccount, { domain: 'default', login, account: { clearingCode: 'acme', accountCode: `${login}-2`, currency: 'EUR' } }, 'AccountCreated');
    await expectResult(updateAccount, { clearingCode: 'acme', accountCode: `${login}-2`, status: 'NO_TRADING' }, 'AccountUpdated');
    await expectResult(updateAccount, { clearingCode: 'acme', accountCode: `${login}-1`, credit: 500 }, 'AccountUpdated');
    await expectResult(deleteClient, { domain: 'default', login }, 'ClientDeleted');
    // Refused: nothing is published.
    await expectResult(deleteClient, { domain: 'default', login }, 'NotFoundError');
    await touch(marker);
    await sub.waitFor(6);
    expect(lines(sub)).toEqual([
      `CLIENT_CREATED default/${login} - -`,
      `ACCOUNT_CREATED default/${login} acme/${login}-2 -`,
      `ACCOUNT_UPDATED - acme/${login}-2 NO_TRADING`,
      `ACCOUNT_UPDATED - acme/${login}-1 -`,
      `CLIENT_DELETED default/${login} - -`,
      `CLIENT_UPDATED ${pairOf(marker)} - -`,
    ]);
  });

  it('DxTradeXT workflows: onboardClient, deactivateClient and reactivateClient; a failed reactivation publishes nothing', async () => {
    const login = fresh('ce-onboard');
    const user = clientWithAccount().owner;
    const failing = clientWithAccount().owner;
    const marker = clientWithAccount().owner;
    state().client(failing.domain, failing.login)!.status = 'DISABLED';
    const sub = await live();
    await expectResult(onboard, { domain: 'default', login, email: `${login}@example.com` }, 'ClientOnboarded');
    await expectResult(deactivate, { domain: user.domain, login: user.login }, 'ClientDeactivated');
    const reopened = `${user.login}-re`;
    await expectResult(reactivate, { domain: user.domain, login: user.login, status: 'ONLINE', account: { accountCode: reopened, currency: 'USD' } }, 'ClientReactivated');
    const clearingCode = state().accountsOf(state().client(user.domain, user.login)!).find((a) => a.accountCode === reopened)!.clearingCode;
    const existing = [...state().accounts.values()][0]!;
    await expectResult(reactivate, { domain: failing.domain, login: failing.login, account: { clearingCode: existing.clearingCode, accountCode: existing.accountCode, currency: 'USD' } }, 'WorkflowStepError');
    await touch(marker);
    await sub.waitFor(5);
    expect(lines(sub)).toEqual([
      `CLIENT_CREATED default/${login} - -`,
      `CLIENT_STATUS_CHANGED ${pairOf(user)} - DISABLED`,
      `CLIENT_STATUS_CHANGED ${pairOf(user)} - ONLINE`,
      `ACCOUNT_CREATED ${pairOf(user)} ${clearingCode}/${reopened} -`,
      `CLIENT_UPDATED ${pairOf(marker)} - -`,
    ]);
  });
});

describe('filters and replay', () => {
  it('domain+login, accountCode and types each let through only what they name', async () => {
    const x = clientWithAccount();
    const y = clientWithAccount();
    const z = clientWithAccount();
    const byClient = await live({ domain: x.owner.domain, login: x.owner.login });
    const byAccount = await live({ accountCode: y.account.accountCode });
    const byType = await live({ types: ['CLIENT_STATUS_CHANGED', 'FUNDS_WITHDRAWN'] });
    await touch(x.owner);
    await expectResult(deposit, transferInput(y.account), 'TransferSuccess');
    await expectResult(updateClient, { domain: z.owner.domain, login: z.owner.login, status: 'OFFLINE' }, 'ClientUpdated');
    await expectResult(withdraw, transferInput(x.account), 'TransferSuccess');
    await expectResult(updateAccount, { clearingCode: y.account.clearingCode, accountCode: y.account.accountCode, credit: 10 }, 'AccountUpdated');
    await expectResult(updateClient, { domain: x.owner.domain, login: x.owner.login, status: 'OFFLINE' }, 'ClientUpdated');
    await Promise.all([byClient.waitFor(2), byAccount.waitFor(2), byType.waitFor(3)]);
    expect(lines(byClient)).toEqual([`CLIENT_UPDATED ${pairOf(x.owner)} - -`, `CLIENT_STATUS_CHANGED ${pairOf(x.owner)} - OFFLINE`]);
    expect(lines(byAccount)).toEqual([`FUNDS_DEPOSITED - ${accountOf(y.account)} -`, `ACCOUNT_UPDATED - ${accountOf(y.account)} -`]);
    expect(lines(byType)).toEqual([
      `CLIENT_STATUS_CHANGED ${pairOf(z.owner)} - OFFLINE`,
      `FUNDS_WITHDRAWN - ${accountOf(x.account)} -`,
      `CLIENT_STATUS_CHANGED ${pairOf(x.owner)} - OFFLINE`,
    ]);
    // A withdrawal names the account only, so the client filter does not see it.
    await new Promise((r) => setTimeout(r, 100));
    expect([byClient.results.length, byAccount.results.length, byType.results.length]).toEqual([2, 2, 3]);
  });

  it('`after` replays exactly the events missed, then continues live', async () => {
    const x = clientWithAccount().owner;
    const filter = { domain: x.domain, login: x.login };
    const first = await live(filter);
    await touch(x);
    const [seen] = await first.waitFor(1);
    await first.close();
    await until(() => t.gateway.events.size === 0, 'the first subscriber to go');
    await expectResult(updateClient, { domain: x.domain, login: x.login, status: 'OFFLINE' }, 'ClientUpdated');
    await touch(x);
    const resumed = await live({ ...filter, after: seen!.data!.clientEvents.id });
    await resumed.waitFor(2);
    await expectResult(disableClient, filter, 'ClientDisabled');
    await resumed.waitFor(3);
    expect(lines(resumed)).toEqual([`CLIENT_STATUS_CHANGED ${pairOf(x)} - OFFLINE`, `CLIENT_UPDATED ${pairOf(x)} - -`, `CLIENT_STATUS_CHANGED ${pairOf(x)} - DISABLED`]);
    expect(arrived(resumed).map((e) => e?.id)).not.toContain(seen!.data!.clientEvents.id);
  });

  it('over SSE each message carries the event id, and Last-Event-ID resumes after it', async () => {
    const x = clientWithAccount().owner;
    const variables = { domain: x.domain, login: x.login };
    const before = t.gateway.events.size;
    const first = track(await subscribeSse(t.gateway.url, CLIENT_EVENTS, { variables, authorization: partner }));
    expect(first.status).toBe(200);
    await until(() => t.gateway.events.size > before, 'the SSE subscriber to register');
    await touch(x);
    await first.waitFor(1);
    const id = first.messages[0]!.id;
    expect(id).toBe((first.results[0]!.data as { clientEvents: ClientEvent }).clientEvents.id);
    await first.close();
    await expectResult(updateClient, { domain: x.domain, login: x.login, status: 'OFFLINE' }, 'ClientUpdated');
    const resumed = track(await subscribeSse(t.gateway.url, CLIENT_EVENTS, { variables, authorization: partner, lastEventId: id! }));
    await resumed.waitFor(1);
    expect(resumed.messages.map((m) => (m.result.data as { clientEvents: ClientEvent }).clientEvents.type)).toEqual(['CLIENT_STATUS_CHANGED']);
  });
});

describe('who may subscribe', () => {
  it("an end user sees their own client's and accounts' events only, not another client's deposit", async () => {
    const me = clientWithAccount();
    const other = clientWithAccount();
    const sub = await live({}, await loginAs(t, me.owner));
    await expectResult(deposit, transferInput(other.account), 'TransferSuccess');
    await touch(other.owner);
    await expectResult(deposit, transferInput(me.account, { amount: 7 }), 'TransferSuccess');
    await expectResult(updateAccount, { clearingCode: other.account.clearingCode, accountCode: other.account.accountCode, credit: 1 }, 'AccountUpdated');
    await expectResult(updateAccount, { clearingCode: me.account.clearingCode, accountCode: me.account.accountCode, credit: 1 }, 'AccountUpdated');
    await touch(me.owner);
    await sub.waitFor(3);
    expect(lines(sub)).toEqual([`FUNDS_DEPOSITED - ${accountOf(me.account)} -`, `ACCOUNT_UPDATED - ${accountOf(me.account)} -`, `CLIENT_UPDATED ${pairOf(me.owner)} - -`]);
    expect(arrived(sub)[0]).toMatchObject({ transfer: { kind: 'DEPOSIT', amount: 7 }, account: { accountCode: me.account.accountCode } });
  });

  it("an end user's `after` naming another client's event is refused exactly like an unknown id; their own resumes", async () => {
    const me = clientWithAccount();
    const other = clientWithAccount();
    const watcher = await live({ accountCode: other.account.accountCode });
    await expectResult(deposit, transferInput(other.account), 'TransferSuccess');
    const [theirs] = await watcher.waitFor(1);
    const othersId = theirs!.data!.clientEvents.id;
    const auth = await loginAs(t, me.owner);
    // Unknown, and of the same length as the other client's id, so that the answers may be compared whole.
    const unknown = `${othersId.slice(0, -1)}${othersId.endsWith('0') ? '1' : '0'}`;
    const answers = [];
    for (const after of [othersId, unknown]) {
      t.sims.clearCalls();
      const sub = track(subscribeWs(client(auth), CLIENT_EVENTS, { after }));
      await sub.ended();
      // Each one read the user's own client and accounts (with their token), and nothing else.
      expect(countByRoute(queryCalls(t.sims))).toEqual({ 'dxcore GET /api/register/client/:domain/:login': 1 });
      const errors = [...sub.results.flatMap((r) => r.errors ?? []), ...(Array.isArray(sub.error) ? (sub.error as GraphQLFormattedError[]) : [])];
      expect(errors).toHaveLength(1);
      answers.push({ code: errors[0]!.extensions?.code, message: errors[0]!.message.replace(after, '<id>') });
    }
    expect(answers[0]).toMatchObject({ code: 'EVENT_NOT_IN_LOG' });
    expect(answers[1]).toEqual(answers[0]);
    const ownEvents = await live({ domain: me.owner.domain, login: me.owner.login });
    await touch(me.owner);
    const [mine] = await ownEvents.waitFor(1);
    const resumed = await live({ after: mine!.data!.clientEvents.id }, auth);
    await touch(me.owner);
    await resumed.waitFor(1);
    expect(lines(resumed)).toEqual([`CLIENT_UPDATED ${pairOf(me.owner)} - -`]);
  });

  it('a key without the read scope (the writer key) is FORBIDDEN; no credentials is UNAUTHENTICATED', async () => {
    const writer = track(subscribeWs(client(`Bearer ${keys.writer}`), CLIENT_EVENTS, {}));
    const anonymous = track(subscribeWs(client(), CLIENT_EVENTS, {}));
    await Promise.all([writer.ended(), anonymous.ended()]);
    expect(JSON.stringify(writer.error ?? writer.results)).toMatch(/FORBIDDEN/);
    expect(JSON.stringify(anonymous.error ?? anonymous.results)).toMatch(/UNAUTHENTICATED/);
  });
});
