/**
 * The typed errors a mutation returns as members of its result union (their GraphQL types are in
 * error-types.ts). Kept apart from the schema builder so that a builder plugin can raise them.
 */

/** What the upstream said when it refused: kept visible next to the gateway's stable code. */
export interface UpstreamDetail {
  name: string;
  status: number;
  code: string | null;
  message: string;
}

/** The base of every typed error a mutation returns: a stable `code` and a message. */
export class GatewayError extends Error {
  readonly code: string;
  readonly upstream: UpstreamDetail | undefined;
  constructor(code: string, message: string, upstream?: UpstreamDetail) {
    super(message);
    this.code = code;
    this.upstream = upstream;
  }
}

/** Input refused before any upstream call (or by the upstream's validation), naming the field. */
export class ValidationError extends GatewayError {
  override readonly name = 'ValidationError';
  readonly field: string;
  constructor(field: string, message: string, upstream?: UpstreamDetail) {
    super('VALIDATION', message, upstream);
    this.field = field;
  }
}

/** Something the mutation names does not exist: CLIENT_NOT_FOUND, ACCOUNT_NOT_FOUND, ... */
export class NotFoundError extends GatewayError {
  override readonly name = 'NotFoundError';
}

/** The write collides with the current state: TRANSFER_ID_CONFLICT, VERSION_CONFLICT, *_ALREADY_*. */
export class ConflictError extends GatewayError {
  override readonly name = 'ConflictError';
}

/** The upstream refused by a business rule: INSUFFICIENT_FUNDS, CURRENCY_MISMATCH, ACCOUNT_NOT_ACTIVE, ... */
export class RejectedError extends GatewayError {
  override readonly name = 'RejectedError';
}

/** The caller may not do this to this object (dxCore 20020), or its session is gone. */
export class AccessDeniedError extends GatewayError {
  override readonly name = 'AccessDeniedError';
}

export class InvalidCredentialsError extends GatewayError {
  override readonly name = 'InvalidCredentialsError';
  constructor(message: string, upstream?: UpstreamDetail) {
    super('INVALID_CREDENTIALS', message, upstream);
  }
}

/** No usable answer: unreachable, timed out, 5xx, or an answer the gateway cannot read. */
export class UpstreamUnavailableError extends GatewayError {
  override readonly name = 'UpstreamUnavailableError';
  constructor(code: 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_BAD_RESPONSE', message: string, upstream?: UpstreamDetail) {
    super(code, message, upstream);
  }
}
