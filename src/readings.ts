/**
 * Where the upstream documents are silent, the gateway and its simulators share the readings below.
 * They live in this one module (and in the README's "Readings" section) so that a real deployment can
 * correct them in one place. Everything else follows the documents in ../shared/seeds/.
 */

/** Platform accounts API paths: document 004 names the operations but not the URLs. */
export const platformPaths = {
  accounts: '/accounts',
  account: (accountId: string) => `/accounts/${encodeURIComponent(accountId)}`,
  userAccounts: (userId: string) => `/users/${encodeURIComponent(userId)}/accounts`,
} as const;

/** Platform list limits, as document 004 states them (limit defaults to 100, at most 1000). */
export const platformListLimit = { default: 100, max: 1000 } as const;

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
} as const;

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
