import { builder } from './builder.ts';
import {
  AccessDeniedError,
  ConflictError,
  InvalidCredentialsError,
  NotFoundError,
  RejectedError,
  UpstreamUnavailableError,
  ValidationError,
  type GatewayError,
  type UpstreamDetail,
} from './typed-errors.ts';

/** The GraphQL side of the typed errors (typed-errors.ts): the `Error` interface and an object type per class. */

export const UpstreamDetailType = builder.objectRef<UpstreamDetail>('UpstreamDetail').implement({
  description:
    "The upstream's answer behind an error: its name (dxcore, retail, platform), HTTP status, and code or reason. The upstream's own error text stays in the gateway's log (by request id); `message` says what the failure means.",
  fields: (t) => ({
    name: t.exposeString('name'),
    status: t.exposeInt('status', { description: '0 when there was no answer.' }),
    code: t.exposeString('code', { nullable: true, description: 'dxCore errorCode, Retail reason, Platform code.' }),
    message: t.exposeString('message', { description: 'What the failure means (e.g. "insufficient funds"), or why there was no answer; never the upstream\'s own text.' }),
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
