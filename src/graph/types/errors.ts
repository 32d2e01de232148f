import { builder } from '../builder.ts';

/** The base of every typed error a mutation returns: a stable `code` and a message. */
export class GatewayError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Input the gateway refuses before any upstream call, naming the field. */
export class ValidationError extends GatewayError {
  override readonly name = 'ValidationError';
  readonly field: string;
  constructor(field: string, message: string) {
    super('VALIDATION', message);
    this.field = field;
  }
}

export class InvalidCredentialsError extends GatewayError {
  override readonly name = 'InvalidCredentialsError';
  constructor(message: string) {
    super('INVALID_CREDENTIALS', message);
  }
}

export class UpstreamUnavailableError extends GatewayError {
  override readonly name = 'UpstreamUnavailableError';
  readonly upstream: string;
  constructor(upstream: string, message: string) {
    super('UPSTREAM_UNAVAILABLE', message);
    this.upstream = upstream;
  }
}

export const ErrorInterface = builder.interfaceRef<GatewayError>('Error').implement({
  description: 'Every error member of a mutation result: switch on `code`.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Stable and machine-readable, e.g. VALIDATION.' }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ field: t.exposeString('field', { description: 'The input field at fault, e.g. input.username.' }) }),
});

builder.objectType(InvalidCredentialsError, { name: 'InvalidCredentialsError', interfaces: [ErrorInterface] });

builder.objectType(UpstreamUnavailableError, {
  name: 'UpstreamUnavailableError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ upstream: t.exposeString('upstream', { description: 'dxcore, retail or platform.' }) }),
});
