import { builder } from '../builder.ts';

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
  constructor(code: 'UPSTREAM_UNAVAILABLE' | 'UPSTREAM_BAD_RESPONSE', message: string, upstream: UpstreamDetail) {
    super(code, message, upstream);
  }
}

export const UpstreamDetailType = builder.objectRef<UpstreamDetail>('UpstreamDetail').implement({
  description: "The upstream's own answer behind an error: its name (dxcore, retail, platform), HTTP status, code or reason, and message.",
  fields: (t) => ({
    name: t.exposeString('name'),
    status: t.exposeInt('status', { description: '0 when there was no answer.' }),
    code: t.exposeString('code', { nullable: true, description: 'dxCore errorCode, Retail reason, Platform code.' }),
    message: t.exposeString('message'),
  }),
});

export const ErrorInterface = builder.interfaceRef<GatewayError>('Error').implement({
  description: 'Every error member of a mutation result: switch on `code`.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable and machine-readable, e.g. VALIDATION, INSUFFICIENT_FUNDS.' }),
    message: t.exposeString('message'),
    upstream: t.field({ type: UpstreamDetailType, nullable: true, description: 'Null when the gateway refused on its own.', resolve: (e) => e.upstream }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ field: t.exposeString('field', { description: 'The input field at fault, e.g. input.amount.' }) }),
});

for (const [cls, description] of [
  [NotFoundError, 'Something the input names does not exist.'],
  [ConflictError, 'The write collides with the current state (a reused transfer id, a stale version, an existing login).'],
  [RejectedError, 'The upstream refused by a business rule (insufficient funds, a blocked account, ...).'],
  [AccessDeniedError, 'These credentials may not do this to this object.'],
  [InvalidCredentialsError, 'The credentials were refused.'],
  [UpstreamUnavailableError, 'An upstream could not be reached or answered something unreadable; nothing is known to have changed.'],
] as const) {
  builder.objectType(cls, { name: cls.name, description, interfaces: [ErrorInterface] });
}
