import { credentialOf, parseJsonBody, type SimRequest, type SimServer } from '../http.ts';
import { registerAccountWriteRoutes } from './accounts.ts';
import { registerCategoryRoutes } from './categories.ts';
import { registerClientWriteRoutes } from './clients.ts';
import { dxErrors } from './errors.ts';
import { authed, ok, queryValue, type RouteContext } from './kit.ts';
import { registerMarketDataRoutes } from './market-data.ts';
import { registerNotificationWriteRoutes } from './notifications.ts';
import { registerTokenRoutes } from './tokens.ts';
import { registerTransactionRoutes } from './transactions.ts';
import { registerTransferRoutes } from './transfers.ts';
import {
  accountCategoryWire,
  accountWire,
  brokerWire,
  categoryWire,
  clientEtag,
  clientGroupWire,
  clientWire,
  deliveryWire,
  requestedAttributes,
  selectAttributes,
} from './wire.ts';

/** The reads live in this module; each group of writes in its own. */
export function registerRoutes(server: SimServer, ctx: RouteContext): void {
  registerSessionRoutes(server, ctx);
  registerClientRoutes(server, ctx);
  registerClientGroupRoutes(server, ctx);
  registerAccountRoutes(server, ctx);
  registerBrokerRoutes(server, ctx);
  registerNotificationRoutes(server, ctx);
  registerTokenRoutes(server, ctx);
  registerTransferRoutes(server, ctx);
  registerAccountWriteRoutes(server, ctx);
  registerCategoryRoutes(server, ctx);
  registerClientWriteRoutes(server, ctx);
  registerMarketDataRoutes(server, ctx);
  registerNotificationWriteRoutes(server, ctx);
  registerTransactionRoutes(server, ctx);
}

// --- /login, /ping ----------------------------------------------------------------------------

interface LoginRequest {
  username: string;
  domain: string;
  password: string;
}

/** The Login request model: every field optional in the schema, username and password needed in fact. */
function parseLogin(req: SimRequest): LoginRequest {
  let body: unknown;
  try {
    body = parseJsonBody(req) ?? {};
  } catch {
    throw dxErrors.invalidJson();
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw dxErrors.invalidJson('body must be an object');
  const fields = body as Record<string, unknown>;
  for (const name of ['username', 'domain', 'password', 'appKey']) {
    const value = fields[name];
    if (value !== undefined && value !== null && typeof value !== 'string') throw dxErrors.invalidJson(`${name} must be a string`);
  }
  const text = (name: string): string => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
  if (!text('username')) throw dxErrors.requiredFieldEmpty('username');
  if (!text('password')) throw dxErrors.requiredFieldEmpty('password');
  return { username: text('username'), domain: text('domain'), password: text('password') };
}

function registerSessionRoutes(server: SimServer, { sessions, access }: RouteContext): void {
  server.route('POST', '/login', (req) => {
    const { username, domain, password } = parseLogin(req);
    const principal = access.verify(username, domain, password);
    if (!principal) throw dxErrors.authenticationFailed();
    return ok(sessions.issue(principal));
  });

  // Document 000: "403 Session already expired"; only a session token can be prolonged.
  server.route('POST', '/ping', (req) => {
    const token = credentialOf(req, 'DXAPI');
    const result = token === undefined ? undefined : sessions.ping(token);
    if (!result) throw dxErrors.invalidSession(403);
    return ok(result);
  });
}

// --- clients ----------------------------------------------------------------------------------

const clientTypes = new Set(['CLIENT', 'OTHER']);

function registerClientRoutes(server: SimServer, { state, access }: RouteContext): void {
  server.route(
    'GET',
    '/api/register/client',
    authed(access, (req, principal) => {
      access.requireService(principal);
      const type = queryValue(req, 'type');
      if (type !== undefined && !clientTypes.has(type)) throw dxErrors.invalidParameter('type', type);
      const attributes = requestedAttributes(req.query);
      const clients = [...state.clients.values()].filter((client) => type === undefined || client.type === type);
      return ok(clients.map((client) => selectAttributes('client', clientWire(state, client), attributes)));
    }),
  );

  server.route(
    'GET',
    '/api/register/client/:domain/:login',
    authed(access, (req, principal) => {
      const { domain = '', login = '' } = req.params;
      access.requireSelf(principal, domain, login);
      const client = state.client(domain, login);
      if (!client) throw dxErrors.clientNotFound();
      const wire = selectAttributes('client', clientWire(state, client), requestedAttributes(req.query));
      return { ...ok(wire), headers: clientEtag(client) };
    }),
  );
}

// --- client groups (static `group` segment: SimServer prefers it over the client's `:domain`) ---

function registerClientGroupRoutes(server: SimServer, { state, access }: RouteContext): void {
  server.route(
    'GET',
    '/api/register/client/group',
    authed(access, (req, principal) => {
      access.requireService(principal);
      const attributes = requestedAttributes(req.query);
      return ok([...state.clientGroups.values()].map((group) => selectAttributes('clientGroup', clientGroupWire(group), attributes)));
    }),
  );

  server.route(
    'GET',
    '/api/register/client/group/:domain/:name',
    authed(access, (req, principal) => {
      access.requireService(principal);
      const group = state.clientGroup(req.params.domain ?? '', req.params.name ?? '');
      if (!group) throw dxErrors.clientGroupNotFound();
      return ok(selectAttributes('clientGroup', clientGroupWire(group), requestedAttributes(req.query)));
    }),
  );
}

// --- accounts ---------------------------------------------------------------------------------

function registerAccountRoutes(server: SimServer, { state, access }: RouteContext): void {
  // `type` and `status` are plain strings in document 000: an unknown value matches nothing.
  server.route(
    'GET',
    '/api/register/account',
    authed(access, (req, principal) => {
      access.requireService(principal);
      const type = queryValue(req, 'type');
      const status = queryValue(req, 'status');
      const attributes = requestedAttributes(req.query);
      const accounts = [...state.accounts.values()].filter(
        (account) => (type === undefined || account.type === type) && (status === undefined || account.status === status),
      );
      return ok(accounts.map((account) => selectAttributes('account', accountWire(account), attributes)));
    }),
  );

  server.route(
    'GET',
    '/api/register/account/:clearingCode/:accountCode',
    authed(access, (req, principal) => {
      const account = state.account(req.params.clearingCode ?? '', req.params.accountCode ?? '');
      // Ownership is checked first, so that an end user cannot probe which accounts exist.
      access.requireOwner(principal, account);
      if (!account) throw dxErrors.accountNotFound();
      return ok(selectAttributes('account', accountWire(account), requestedAttributes(req.query)));
    }),
  );

  server.route(
    'GET',
    '/api/register/account/:clearingCode/:accountCode/category/:categoryCode',
    authed(access, (req, principal) => {
      const account = state.account(req.params.clearingCode ?? '', req.params.accountCode ?? '');
      access.requireOwner(principal, account);
      if (!account) throw dxErrors.accountNotFound();
      const group = account.categories.find((c) => c.category === req.params.categoryCode);
      if (!group) throw dxErrors.categoryNotFound();
      return ok(accountCategoryWire(group));
    }),
  );
}

// --- brokers and categories (reference data: any authenticated caller) --------------------------

function registerBrokerRoutes(server: SimServer, { state, access }: RouteContext): void {
  server.route(
    'GET',
    '/api/register/broker',
    authed(access, (req) => {
      const type = queryValue(req, 'type');
      const attributes = requestedAttributes(req.query);
      const brokers = [...state.brokers.values()].filter((broker) => type === undefined || broker.type === type);
      return ok(brokers.map((broker) => selectAttributes('broker', brokerWire(broker), attributes)));
    }),
  );

  server.route(
    'GET',
    '/api/register/broker/:brokerCode',
    authed(access, (req) => {
      const broker = state.broker(req.params.brokerCode ?? '');
      if (!broker) throw dxErrors.brokerNotFound();
      return ok(selectAttributes('broker', brokerWire(broker), requestedAttributes(req.query)));
    }),
  );

  server.route(
    'GET',
    '/api/register/broker/:brokerCode/category',
    authed(access, (req) => {
      const categories = state.categoriesOf(req.params.brokerCode ?? '');
      if (!categories) throw dxErrors.brokerNotFound();
      return ok(categories.map(categoryWire));
    }),
  );

  server.route(
    'GET',
    '/api/register/broker/:brokerCode/category/:categoryCode',
    authed(access, (req) => {
      const categories = state.categoriesOf(req.params.brokerCode ?? '');
      if (!categories) throw dxErrors.brokerNotFound();
      const category = categories.find((c) => c.category === req.params.categoryCode);
      if (!category) throw dxErrors.categoryNotFound();
      return ok(categoryWire(category));
    }),
  );

  server.route(
    'GET',
    '/api/register/category',
    authed(access, () => ok(state.allCategories().map(categoryWire))),
  );
}

// --- client notifications -----------------------------------------------------------------------

/** `<login>@<domain>`: exactly one '@' with something on either side. */
const recipientFormat = /^[^@\s]+@[^@\s]+$/;

/** The `recipients` filter (repeated parameters; commas also split); undefined when none is given. */
function parseRecipients(query: URLSearchParams): ReadonlySet<string> | undefined {
  const recipients = query
    .getAll('recipients')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value.length > 0);
  const bad = recipients.find((recipient) => !recipientFormat.test(recipient));
  if (bad !== undefined) throw dxErrors.badRecipientsFormat(bad);
  return recipients.length > 0 ? new Set(recipients) : undefined;
}

function registerNotificationRoutes(server: SimServer, { state, access }: RouteContext): void {
  server.route(
    'GET',
    '/api/clientnotifications/notification/:notificationId',
    authed(access, (req, principal) => {
      access.requireService(principal);
      const recipients = parseRecipients(req.query);
      const notification = state.notification(req.params.notificationId ?? '');
      if (!notification) throw dxErrors.notificationNotFound();
      return ok(deliveryWire(notification, recipients));
    }),
  );
}
