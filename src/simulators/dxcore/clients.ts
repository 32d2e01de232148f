import { randomBytes } from 'node:crypto';
import type { SimRequest, SimServer } from '../http.ts';
import type { DxAccount, DxClient, DxClientGroup } from '../records.ts';
import { checkNewAccounts, readAccount, readAccountAccess } from './account-model.ts';
import { objectBody, type FieldReader } from './bodies.ts';
import { dxErrors, dxWriteErrors } from './errors.ts';
import { assignDefined, noContent, ok, serviceOnly, type RouteContext } from './kit.ts';
import { clientKey, groupKey, type DxCoreState } from './state.ts';
import { accountSnapshot, accountWire, clientEtag, clientSnapshot, clientWire } from './wire.ts';

/**
 * The client lifecycle (document 000, scenarios of document 003): create with accounts, update under
 * `if-match`, delete, add an account, disable and terminate, group membership.
 */

const clientPath = '/api/register/client/:domain/:login';
const clientStatuses = ['ONLINE', 'OFFLINE', 'DISABLED'] as const;

export function registerClientWriteRoutes(server: SimServer, ctx: RouteContext): void {
  const { state, access } = ctx;

  server.route(
    'POST',
    '/api/register/client',
    serviceOnly(access, (req) => {
      const client = createClient(state, req, access.serviceDomain);
      return { ...ok(clientWire(state, client)), headers: clientEtag(client) };
    }),
  );

  server.route(
    'PUT',
    clientPath,
    serviceOnly(access, (req) => {
      const client = clientOf(state, req);
      checkVersion(client, req, false);
      updateClient(ctx, client, objectBody(req));
      return { ...ok(clientWire(state, client)), headers: clientEtag(client) };
    }),
  );

  server.route(
    'DELETE',
    clientPath,
    serviceOnly(access, (req) => {
      const client = clientOf(state, req);
      state.removeClient(client);
      endSessions(ctx, client);
      state.events.emit({ type: 'client.deleted', domain: client.domain, login: client.login });
      return noContent();
    }),
  );

  server.route(
    'POST',
    `${clientPath}/account`,
    serviceOnly(access, (req) => {
      const client = clientOf(state, req);
      const accountAccess = readAccountAccess(req.query);
      const account = readAccount(state, objectBody(req), client);
      checkNewAccounts(state, [account]);
      state.addAccount(account, accountAccess);
      emitAccountCreated(state, client, account);
      return ok(accountWire(account));
    }),
  );

  server.route(
    'POST',
    `${clientPath}/disable-user-and-terminate-accounts`,
    serviceOnly(access, (req) => {
      const client = clientOf(state, req);
      const cancelDxFeedSubscriptions = objectBody(req).requiredBoolean('cancelDxFeedSubscriptions');
      if (client.status === 'DISABLED') throw dxWriteErrors.clientAlreadyDisabled();
      disableAndTerminate(ctx, client, cancelDxFeedSubscriptions);
      return noContent(200);
    }),
  );

  for (const method of ['POST', 'DELETE'] as const) {
    server.route(
      method,
      `${clientPath}/group/:groupDomain/:groupName`,
      serviceOnly(access, (req) => {
        const client = clientOf(state, req);
        const group = state.clientGroup(req.params.groupDomain ?? '', req.params.groupName ?? '');
        if (!group) throw dxErrors.clientGroupNotFound();
        checkVersion(client, req, true);
        const changed = method === 'POST' ? addMember(group, client) : removeMember(group, client);
        if (changed) touch(state, client);
        return noContent();
      }),
    );
  }
}

function clientOf(state: DxCoreState, req: SimRequest): DxClient {
  const client = state.client(req.params.domain ?? '', req.params.login ?? '');
  if (!client) throw dxErrors.clientNotFound();
  return client;
}

// --- versions ---------------------------------------------------------------------------------

/** The version an `if-match` header names: quotes and a weak `W/` prefix are optional (readings.ts). */
function ifMatchVersion(req: SimRequest): string | undefined {
  const header = req.headers['if-match'];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  return value.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** A stale `if-match` is 409; a missing one only where document 000 requires it (400 20001). `*` matches any. */
function checkVersion(client: DxClient, req: SimRequest, required: boolean): void {
  const named = ifMatchVersion(req);
  if (named === undefined) {
    if (required) throw dxErrors.requiredFieldEmpty('if-match');
    return;
  }
  if (named !== '*' && named !== String(client.version)) throw dxWriteErrors.versionConflict(client.version);
}

/** A change to the client: a new version, and an event with the client as it is now. */
function touch(state: DxCoreState, client: DxClient): void {
  client.version += 1;
  state.events.emit({ type: 'client.updated', client: clientSnapshot(state, client) });
}

// --- create -----------------------------------------------------------------------------------

/**
 * Reads the whole Client model before adding anything, so that a refused request adds nothing.
 * `brokerDomain`: where a client without `domain` goes (document 000: "domain of broker"), the login
 * domain of the broker's API user, i.e. the service user's (readings.ts).
 */
function createClient(state: DxCoreState, req: SimRequest, brokerDomain: string): DxClient {
  const accountAccess = readAccountAccess(req.query);
  const body = objectBody(req);
  const login = body.requiredString('login');
  const brokerCode = body.string('brokerCode') || undefined;
  const broker = brokerCode === undefined ? undefined : state.broker(brokerCode);
  if (brokerCode !== undefined && !broker) throw dxErrors.brokerNotFound();
  const domain = body.string('domain') || brokerDomain;
  if (state.client(domain, login)) throw dxWriteErrors.clientAlreadyExists(clientKey(domain, login));
  const client: DxClient = {
    domain,
    login,
    brokerCode,
    type: body.oneOf('type', ['CLIENT', 'OTHER'] as const) ?? 'CLIENT',
    status: 'OFFLINE',
    createdDateTime: new Date().toISOString(),
    // Without a password the client exists but cannot log in with one (SSO tokens still work).
    password: randomBytes(18).toString('base64url'),
    version: 1,
  };
  assignDefined(client, readProfile(body));
  if (client.dxFeedAccountId === '') delete client.dxFeedAccountId;
  const accounts = (body.objects('accounts') ?? []).map((item) => readAccount(state, item, client));
  checkNewAccounts(state, accounts);
  const groups = (body.stringArray('groups') ?? []).map((ref) => groupByRef(state, ref));
  state.addClient(client);
  for (const group of groups) addMember(group, client);
  for (const account of accounts) state.addAccount(account, accountAccess);
  state.events.emit({ type: 'client.created', client: clientSnapshot(state, client) });
  for (const account of accounts) emitAccountCreated(state, client, account);
  return client;
}


function emitAccountCreated(state: DxCoreState, client: DxClient, account: DxAccount): void {
  state.events.emit({ type: 'account.created', account: accountSnapshot(account), owner: { domain: client.domain, login: client.login } });
}

/** A group named "domain@name", as the Client model's `groups` name them. */
function groupByRef(state: DxCoreState, ref: string): DxClientGroup {
  const group = state.clientGroups.get(ref);
  if (!group) throw dxErrors.clientGroupNotFound(ref);
  return group;
}

// --- profile fields (create and update) -----------------------------------------------------------

const profileFields = [
  'fullName',
  'email',
  'password',
  'passwordExpiry',
  'passwordReset',
  'status',
  'birthPlace',
  'birthDate',
  'citizenship',
  'phone',
  'insuranceNumber',
  'company',
  'contractDate',
  'location',
  'document',
  'comments',
  'dxFeedAccountId',
] as const;

/** The fields the Client model and the Client update model share. */
function readProfile(body: FieldReader): Partial<DxClient> {
  const location = body.object('location');
  const document = body.object('document');
  return {
    fullName: body.string('fullName'),
    email: body.string('email'),
    password: body.string('password') || undefined,
    passwordExpiry: body.integer('passwordExpiry'),
    passwordReset: body.boolean('passwordReset'),
    status: body.oneOf('status', clientStatuses),
    birthPlace: body.string('birthPlace'),
    birthDate: body.date('birthDate'),
    citizenship: body.string('citizenship'),
    phone: body.string('phone'),
    insuranceNumber: body.string('insuranceNumber'),
    company: body.string('company'),
    contractDate: body.date('contractDate'),
    location: location && { countryCode: location.string('countryCode'), zipCode: location.string('zipCode'), address: location.string('address') },
    document: document && {
      type: document.string('type'),
      series: document.string('series'),
      number: document.string('number'),
      issuedBy: document.string('issuedBy'),
      issuedDate: document.date('issuedDate'),
    },
    comments: body.string('comments'),
    dxFeedAccountId: body.string('dxFeedAccountId'),
  };
}

// --- update -----------------------------------------------------------------------------------

const updateFields = new Set<string>([...profileFields, 'groupsAdded', 'groupsRemoved']);
/**
 * Client-model fields the update model lacks. Document 000 gives the PUT body as "Client model", so
 * these are accepted as long as they keep their values; changing one is 30014. `accounts` and `groups`
 * are always refused: they change through paths of their own.
 */
const fixedFields = new Set(['domain', 'login', 'brokerCode', 'type', 'createdDateTime', 'lastLogin']);

function updateClient(ctx: RouteContext, client: DxClient, body: FieldReader): void {
  const current = client as unknown as Record<string, unknown>;
  const refused = body.unknownFields(updateFields).filter((name) => !(fixedFields.has(name) && body.fields[name] === current[name]));
  if (refused.length > 0) throw dxWriteErrors.fieldCannotBeUpdated(refused);
  const profile = readProfile(body);
  const added = readGroupModels(ctx.state, body, 'groupsAdded');
  const removed = readGroupModels(ctx.state, body, 'groupsRemoved');
  const { status, ...rest } = profile;
  assignDefined(client, rest);
  if (client.dxFeedAccountId === '') delete client.dxFeedAccountId;
  for (const group of added) addMember(group, client);
  for (const group of removed) removeMember(group, client);
  if (status !== undefined) setStatus(ctx, client, status);
  touch(ctx.state, client);
}

/** `groupsAdded` / `groupsRemoved`: Client group models naming existing groups. */
function readGroupModels(state: DxCoreState, body: FieldReader, name: string): DxClientGroup[] {
  return (body.objects(name) ?? []).map((item) => {
    const ref = groupKey(item.requiredString('domain'), item.requiredString('name'));
    return groupByRef(state, ref);
  });
}

function addMember(group: DxClientGroup, client: DxClient): boolean {
  const member = clientKey(client.domain, client.login);
  if (group.clients.includes(member)) return false;
  group.clients.push(member);
  return true;
}

function removeMember(group: DxClientGroup, client: DxClient): boolean {
  const member = clientKey(client.domain, client.login);
  if (!group.clients.includes(member)) return false;
  group.clients = group.clients.filter((m) => m !== member);
  return true;
}

/** A status change; a DISABLED client's sessions end, so that enabling it again revives none. */
function setStatus(ctx: RouteContext, client: DxClient, status: DxClient['status']): void {
  const from = client.status;
  if (from === status) return;
  client.status = status;
  if (status === 'DISABLED') endSessions(ctx, client);
  ctx.state.events.emit({ type: 'client.statusChanged', domain: client.domain, login: client.login, from, to: status });
}

function endSessions({ sessions }: RouteContext, client: DxClient): void {
  sessions.endClientSessions(clientKey(client.domain, client.login));
}

// --- disable and terminate ------------------------------------------------------------------------

/**
 * Document 003's user deactivation: the client is DISABLED, every account TERMINATED, and with
 * `cancelDxFeedSubscriptions` "all user's subscriptions will be cancelled" at dxFeed (the Retail
 * simulator, through the injected link) and in dxCore's own copy of them.
 */
function disableAndTerminate(ctx: RouteContext, client: DxClient, cancelDxFeedSubscriptions: boolean): void {
  const { state } = ctx;
  setStatus(ctx, client, 'DISABLED');
  for (const account of state.accountsOf(client)) {
    if (account.status === 'TERMINATED') continue;
    account.status = 'TERMINATED';
    state.events.emit({ type: 'account.updated', account: accountSnapshot(account) });
    state.events.emit({ type: 'account.terminated', account: accountSnapshot(account) });
  }
  touch(state, client);
  const dxFeedAccountId = client.dxFeedAccountId;
  if (!cancelDxFeedSubscriptions || dxFeedAccountId === undefined) return;
  state.marketData.get(dxFeedAccountId)?.subscriptions.clear();
  ctx.dxFeed?.cancelAllSubscriptions(dxFeedAccountId);
}
