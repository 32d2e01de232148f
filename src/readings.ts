/**
 * Where the upstream documents are silent, the gateway and its simulators share the readings below.
 * They live in this one module (docs/upstreams.md is their overview) so that a real deployment can
 * correct them in one place. Everything else follows the upstreams' reference documents.
 */

/** Platform accounts API path patterns: document 004 names the operations but not the URLs. */
export const platformPaths = {
  accounts: '/accounts',
  account: '/accounts/:accountId',
  userAccounts: '/users/:userId/accounts',
} as const;

/** Platform list limits, as document 004 states them (limit defaults to 100, at most 1000). */
export const platformListLimit = { default: 100, max: 1000 } as const;

/**
 * Platform writes (document 004 shows only successes): create answers 201 with the account, ACTIVE,
 * `account_number` the next one of its owner; an unknown `user_id` or `account_group_id` is 404
 * USER_NOT_FOUND / ACCOUNT_GROUP_NOT_FOUND; a malformed body is 400 BAD_REQUEST. Rename (PATCH) of a
 * CLOSING or CLOSED account is 409 ACCOUNT_CLOSED. Close (DELETE) answers 202 with no body and sets
 * CLOSING, then CLOSED a little later; closing a CLOSING account answers 202 again, a CLOSED one 409.
 * Added with the simulator's write paths:
 * - 400 messages name the field: "<field> is required", "<field> must be a uuid", "type must be one of
 *   TRADING, PORTFOLIO", "name must be a string of at most 100 characters", "Request body must be a
 *   JSON object"; PATCH without `name` is 400 "name is required". Checks run: the request (400), the
 *   records it names (404: user, then account group, or the account), their state (409).
 * - Create without `name`: the name is "". A LOCKED account may be renamed and closed.
 * - Events: every change is one webhook event, `object` the account right after it; create reports
 *   ACCOUNT.CREATED (object still PENDING) then ACCOUNT.ACTIVATED, both before the 201; a repeated
 *   close reports nothing. All events of one simulator carry one `webhook_id`.
 */
export const platformWriteCodes = {
  userNotFound: 'USER_NOT_FOUND',
  accountGroupNotFound: 'ACCOUNT_GROUP_NOT_FOUND',
  accountClosed: 'ACCOUNT_CLOSED',
} as const;

/**
 * Platform error body: document 004 shows no failure response. The simulator answers
 * `{ "code": "<CODE>", "message": "<text>" }` with these codes.
 */
export const platformErrorCodes = {
  unauthorized: 'UNAUTHORIZED',
  notFound: 'ACCOUNT_NOT_FOUND',
  badRequest: 'BAD_REQUEST',
} as const;

/**
 * dxCore error codes that document 000 leaves blank for the read paths. Documented codes keep their
 * documented numbers (30007 account not found, 20020 access denied, ...); these fill the gaps.
 */
export const dxCoreErrorCodes = {
  unknown: 10001,
  requiredFieldEmpty: 20001,
  invalidSession: 20019,
  accessDenied: 20020,
  invalidJson: 20022,
  clientNotFound: 30001,
  brokerNotFound: 30002,
  clientGroupNotFound: 30003,
  categoryNotFound: 30004,
  accountNotFound: 30007,
  notificationNotFound: 30019,
  badRecipientsFormat: 30020,
  // Documented on the write paths (document 000):
  wrongAccountType: 20008,
  ownerNotFound: 20014,
  recipientNotFound: 20027,
  subjectTooLong: 20028,
  messageTooLong: 20029,
  expirationInPast: 20030,
  fieldCannotBeUpdated: 30014,
  // Readings: the write paths list HTTP statuses (400/404/409/422) with the codes lost.
  transferCurrencyMismatch: 30010,
  withdrawableAmountExceeded: 30011,
  transferIdConflict: 30012,
  invalidTransferAmount: 30013,
  accountNotActive: 30015,
  clientAlreadyExists: 30021,
  accountAlreadyExists: 30022,
  versionConflict: 30023,
  clientAlreadyDisabled: 30024,
  tradePermissionNotFound: 30025,
  categoryAlreadyExists: 30026,
} as const;

/**
 * dxCore write paths, where document 000 lists statuses but not codes or bodies:
 * - Transfers (`deposit`, `withdrawal`, `adjustment`): the answer is `dxTransferAnswer`; 201 when the
 *   transfer is applied, 200 when `PUT .../{id}` repeats an applied transfer with the same body (applied
 *   once); the same id with another body (or on another kind) is 409 `transferIdConflict`. Transfer ids
 *   are unique per account. 400 `transferCurrencyMismatch` when the currency is not the account's,
 *   400 `invalidTransferAmount` for a non-finite amount, or one not positive (deposits, withdrawals) or
 *   zero (adjustments); 422 `withdrawableAmountExceeded` when a withdrawal or a negative adjustment is
 *   more than the balance (the withdrawable amount; credit is not withdrawable); 422 `accountNotActive`
 *   on a TERMINATED or EXPIRED account.
 * - Client versions: a client read and every write that answers a client carry `ETag: "<version>"`;
 *   `if-match` names that version (quotes optional). A stale one is 409 `versionConflict`; a missing
 *   one where document 000 requires it (group membership) is 400 `requiredFieldEmpty` ["if-match"].
 * - Create client: 400 `clientAlreadyExists` / `accountAlreadyExists` for a taken login or account pair,
 *   404 `brokerNotFound`. Disable-and-terminate on a DISABLED client: 409 `clientAlreadyDisabled`; its
 *   body is `{ "cancelDxFeedSubscriptions": boolean }` (document 003).
 * - Set account category: the body is the group name as a JSON string (document 000: "group name").
 *   Broker category rename: `{category, oldValue, newValue}` renames one value; delete: a Category
 *   model, removing the listed values, or the whole category when it lists none.
 * - Trade permission removal of a permission the account does not have: 404 `tradePermissionNotFound`.
 * - Market-data activation / cancellation / suspension answer `200 text/plain "OK"`; an `accountId` no
 *   client is linked to (as `dxFeedAccountId`) is 404 `clientNotFound`.
 * - `POST /api/clientnotifications` answers the new notification id as text/plain. Subject at most 256
 *   characters, message at most 4096.
 * - `/checkLogin` with wrong credentials: 403 `accessDenied` ("Authentication failed"), as `/login`.
 * - `/generateToken` and `/getSSOToken` answer the SSO token as text/plain; `/getSSOTokenInfo` answers
 *   the SSOTokenInfo model. Every client has a numeric `userId` (SSOTokenInfo's), used by `/logoutUserById`.
 * - Logouts answer 200 with an empty body.
 * Added with the simulator's write paths:
 * - Callers: writes are the service user's; an end user gets 403 `accessDenied` (on `POST
 *   /api/clientnotifications` 400, where document 000 lists 20020). End users may call `/checkLogin`,
 *   `/getSSOToken` for their own sessions and `/logoutUserByToken` for themselves.
 * - Bodies: malformed JSON, a wrong JSON type or an unknown enum value is 400 `invalidJson`; a missing
 *   required field 400 `requiredFieldEmpty`; `errorDetails` names the field (`accounts[0].currency`);
 *   `null` reads as absent. A well-formed but unacceptable value (an account `brokerCode` other than the
 *   owner's, `accountAccess`, `tokenDuration`) is 400 `requiredFieldEmpty` "Invalid value", as for query
 *   values. Checks run: the path's records (404), the body (400), then state (409, 422).
 * - `fieldCannotBeUpdated` is HTTP 500 wherever it occurs (document 000 lists it so on account update):
 *   account update with a field outside the Account update model; client update with a field outside
 *   the Client update model, except Client-model fields sent with their current value (`domain`, `login`,
 *   `brokerCode`, `type`, `createdDateTime`, `lastLogin`), since document 000 gives the body as "Client
 *   model"; `accounts` and `groups` are always refused (they have paths of their own).
 * - Transfers: POST with a body `transferId` is idempotent like PUT with that id; on PUT a body
 *   `transferId` other than the path's is 400 `invalidJson`. A replay is recognised before the
 *   currency, amount and account checks (it succeeds on an account terminated since). The answer's
 *   `amount` is as requested (positive for a withdrawal).
 * - Create client: without `domain`, the domain of the broker's API user (the service login's domain);
 *   type CLIENT, status OFFLINE; without `password` the client cannot log in with one. Account defaults
 *   are the Account model's; `clearingCode` defaults to the owner's broker code in lower case (as the
 *   seeded world clears), "default" without a broker. Account `categories` must name a value of the
 *   broker's category (404 `categoryNotFound`); `groups` ("domain@name") must exist (404
 *   `clientGroupNotFound`). `POST .../{login}/account` answers the Account and leaves the client version.
 * - Client versions go up on every update, on disable-and-terminate and on a membership change; adding a
 *   member again or removing a non-member is 204 with no change. Status DISABLED, by update or by
 *   disable-and-terminate, ends the client's sessions; disable-and-terminate answers 200 with no body.
 * - Delete client: its accounts go too (with their transfers, transactions and permissions), and its
 *   group memberships, trade permissions and sessions.
 * - Account category: a category or value the account's broker lacks is 404 `categoryNotFound`. Trade
 *   permission: granting again is 200 and changes nothing; the user must be a client.
 * - Broker categories: creating an existing one, or renaming onto an existing value, is 400
 *   `categoryAlreadyExists`; an unknown category or value 404 `categoryNotFound`. Renames and deletions
 *   follow on the broker's accounts.
 * - Market data: body failures are 400 "Request body is not valid" (`requiredFieldEmpty` or
 *   `invalidJson`); activation and cancellation are keyed by `feedName`. Each of the three paths ends
 *   the linked client's sessions (document 003 2.5: "subscriptions updated, user logged out").
 * - Notifications: `recipients` items are "<login>@<domain>" or document 000's Broker notification
 *   recipient `{domain, login}`; neither recipients nor `sendToAll` is 400 `requiredFieldEmpty`.
 *   `sendToAll` picks enabled clients of type CLIENT: all, or those with a LIVE / DEMO account. A
 *   recipient of type OTHER is 404 `ownerNotFound`. Ids are numeric strings counting up. `PUT .../date/
 *   {expirationDate}` answers `200 text/plain "OK"`; a date that is not ISO 8601 is 400 `requiredFieldEmpty`.
 * - Transaction import: a non-array body is 400 `invalidJson`. DELETE needs only `transactionId` and
 *   `action`; an omitted `clearingCode` takes the first account with that code; cash transactions
 *   (activityType DEPOSIT, WITHDRAWAL) have the currency as `symbol`; `calculateCashEffect` makes
 *   `cashEffect` the `costBasis`; a `costBasis` of the quantity's sign is COST_BASIS_SIGN_MISMATCH_
 *   QUANTITY_SIGN; a bad `timestamp` UNEXPECTED_ERROR; an UPDATE may not change account or activity
 *   type. Positions are not modelled.
 * - dxWeb: failures that document 000 lists as "No Content" answer the bare status (`/generateToken` 403
 *   for a caller without LOGIN_ON_BEHALF, i.e. not the service user; `/getSSOTokenInfo` 400; logouts'
 *   400 / 403 / 404). Missing `/checkLogin` or `/generateToken` parameters are 400 `requiredFieldEmpty`;
 *   `/generateToken` for nobody is 404 `clientNotFound`. `/checkLogin` takes the password when both are
 *   given. `/getSSOToken` without `dxCoreSessionToken` uses the caller's own session; an unknown one is
 *   400 `invalidSession`. `/getSSOTokenInfo` is the service user's. The system (service) user's userId
 *   is 0 (logouts naming it: 403). `/logoutUserByToken` with a token that is not a live session of that
 *   user ends nothing and answers 200. SSO token serial numbers count from 1.
 */
export const dxCoreWriteReadings = {
  subjectMaxLength: 256,
  messageMaxLength: 4096,
  /** Lifetime of an SSO token from `/generateToken`, or from `/getSSOToken` without `tokenDuration`. */
  ssoTokenDurationMs: 5 * 60_000,
} as const;

/** The answer of a dxCore transfer (deposit, withdrawal, adjustment); document 000 leaves its schema blank. */
export interface DxTransferAnswer {
  transferId: string;
  kind: 'DEPOSIT' | 'WITHDRAWAL' | 'ADJUSTMENT';
  clearingCode: string;
  accountCode: string;
  currency: string;
  amount: number;
  description?: string;
  /** ISO 8601 UTC. */
  createdDateTime: string;
}

/**
 * A dxCore call with a missing, unknown or expired session token answers HTTP 401 with
 * `errorCode` 20019 (document 000 documents only `/ping`'s 403 "Session already expired").
 * The gateway treats any 401 on its service session as "log in again and retry once".
 */
export const dxCoreSessionExpiredStatus = 401;

/**
 * The `attributes` query parameter of dxCore reads: a comma-separated list of top-level attribute
 * names. The answer holds the listed attributes plus the identifying ones below; unknown names are
 * ignored; without the parameter every attribute is returned.
 */
export const dxCoreIdentifyingAttributes = {
  client: ['domain', 'login'],
  account: ['clearingCode', 'accountCode'],
  broker: ['brokerCode'],
  clientGroup: ['domain', 'name'],
} as const;

/**
 * Retail account enums whose values the extracted document 001 lost ("can take two possible
 * values: |"). These are the values the simulator uses; the gateway passes any value through as a
 * string, so a real upstream's spelling cannot break a query.
 */
export const retailAccountValues = {
  status: ['ACTIVE', 'BLOCKED'],
  subscriberStatus: ['NON_PROFESSIONAL', 'PROFESSIONAL'],
  dataAccessStatus: ['ENABLED', 'SUSPENDED'],
} as const;

/**
 * Retail write readings (document 001 describes behaviour by application settings it does not show):
 * - Feed settings: each feed may need order confirmation, be single-use, or have no end ("Infinite").
 * - Without `endDate` (v1 always) a subscription ends `retailDefaultPeriodDays` after activation; extend
 *   adds one such period once per period (SUBSCRIPTION_ALREADY_EXTENDED otherwise).
 * - Personal data: an account has provided it once its signup page form was submitted (the simulator
 *   serves the page at the link it returns); until then activation answers the signup links.
 * - Cancel ends a subscription at once: EXPIRED with `expiresAt` now.
 * - Credentials (login = the account id, a generated password) are made at the first activation when
 *   credentials generation is enabled; reset-password makes a new password.
 * - Change email to the email the account already has: 422 CREDENTIALS_GENERATION_DISABLED (the
 *   document's follow-up for that reason says to make sure the new email differs).
 * Added with the simulator's write paths (the document is silent on these):
 * - Successes without a documented body (reset-password, change-email, confirm, cancel, extend, track)
 *   answer 200 with an empty body; create account answers 200 `{accountId}` (a uuid).
 * - 400 BAD_REQUEST messages the tables lost or lack: "Request body should be a JSON object",
 *   "Metadata should be specified", "Invalid value for <field> provided" (metadata, its fields,
 *   allowedStatuses, successRedirectUrl: an absolute http(s) URL), and for unknown feeds
 *   "Requested feeds [A, B] are not found". `allowedStatuses` is one of ALL, PROFESSIONAL, NON_PROFESSIONAL.
 * - Change email to another account's email: 422 ACCOUNT_ALREADY_EXISTS (as create); an unknown
 *   account: 404 ACCOUNT_NOT_FOUND (as every account path).
 * - Cancel and extend of a feed the account never had: 404 SUBSCRIPTION_NOT_FOUND; of an EXPIRED one:
 *   409 SUBSCRIPTION_IS_EXPIRED; cancel, extend and activate change nothing unless every named feed passes.
 *   Extend of a subscription with no end (`expiresAt` null) is 422 SUBSCRIPTION_SETTINGS_ARE_INVALID.
 * - Activate: SUBSCRIPTION_ALREADY_ACTIVE for a feed ACTIVE now; SINGLE_USE_FEED_ACTIVATED_BEFORE for a
 *   single-use feed the account has any subscription to. A feed appears once in an account's list:
 *   reactivating an EXPIRED one updates it. A BLOCKED account's activate and confirm are 422.
 * - Confirm with the id of a replaced or completed order, another account's, or under the other API
 *   version: 404 ORDER_NOT_FOUND. Orders do not expire by time.
 * - Token: a body with `accountId` asks by account id, any other by `login` and `password`. 401 and 400
 *   answer the token shape `{status: "ERROR", reason, token: null}`; `details: []` is added to the 200
 *   failures when details were asked. DATA_ACCESS_SUSPENDED is checked before NO_ACTIVE_SUBSCRIPTIONS.
 * - Profile links stay valid for an hour. Trial tracking has no failure table: its 401 is spelled as on
 *   the account paths.
 * - The order of checks: authentication, the request body (400), the account (404), its state (422),
 *   feeds (400), then conflicts (409).
 */
export const retailDefaultPeriodDays = 30;

/**
 * Retail failure bodies carry an integer `errorCode` that document 001 never lists; the simulator
 * sends the HTTP status there. The `reason` is spelled as each table of the document spells it
 * ("AUTHENTICATION FAILED" on account and subscription paths, "AUTHENTICATION_FAILED" on token and
 * profile paths); the gateway reads both as one reason.
 */
export const normalizeRetailReason = (reason: string): string => reason.trim().replace(/\s+/g, '_');

/**
 * Platform account statuses: document 004 shows only ACTIVE; its event names (ACCOUNT.CREATED,
 * ACTIVATED, CLOSING_INITIATED, CLOSED, LOCKED) imply the others.
 */
export const platformAccountStatuses = ['PENDING', 'ACTIVE', 'LOCKED', 'CLOSING', 'CLOSED'] as const;
