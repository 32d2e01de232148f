import { describe, expect, it } from 'vitest';
import { typedUpstreamError, upstreamCodeTable } from '../../src/graph/errors.ts';
import { dxCoreErrorCodes } from '../../src/readings.ts';
import { UpstreamError, type UpstreamName } from '../../src/upstreams/http.ts';

/** Which typed error member a stable code comes back as. */
function expectedClass(code: string): string {
  if (code === 'VALIDATION') return 'ValidationError';
  if (code === 'INVALID_CREDENTIALS') return 'InvalidCredentialsError';
  if (code.startsWith('UPSTREAM_')) return 'UpstreamUnavailableError';
  if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') return 'AccessDeniedError';
  if (code.endsWith('_NOT_FOUND')) return 'NotFoundError';
  if (code.endsWith('_CONFLICT') || code.includes('_ALREADY_')) return 'ConflictError';
  return 'RejectedError';
}

const rows = (Object.entries(upstreamCodeTable) as [UpstreamName, Record<string, string>][]).flatMap(([upstream, table]) =>
  Object.entries(table).map(([upstreamCode, code]) => [upstream, upstreamCode, code] as const),
);

describe('the upstream code table', () => {
  it.each(rows)('%s %s → %s, as its typed member, with the upstream code kept', (upstream, upstreamCode, code) => {
    const error = new UpstreamError({ upstream, route: 'TEST', failure: 'http', status: 400, code: upstreamCode, message: 'said so' });
    const typed = typedUpstreamError(error);
    expect(typed.code).toBe(code);
    expect(typed.constructor.name).toBe(expectedClass(code));
    expect(typed.upstream).toEqual({ name: upstream, status: 400, code: upstreamCode, message: 'said so' });
    expect(typed.message).toContain(upstreamCode);
  });

  it('has a row for every dxCore code the documents and readings name', () => {
    const missing = Object.entries(dxCoreErrorCodes).filter(([, n]) => !(String(n) in upstreamCodeTable.dxcore));
    expect(missing).toEqual([]);
  });

  it('no answer, an unreadable answer and an unknown 5xx are UPSTREAM_UNAVAILABLE / UPSTREAM_BAD_RESPONSE', () => {
    const of = (failure: 'unreachable' | 'timeout' | 'bad-response' | 'http', status: number) =>
      typedUpstreamError(new UpstreamError({ upstream: 'dxcore', route: 'TEST', failure, status, message: 'x' })).code;
    expect([of('unreachable', 0), of('timeout', 0), of('http', 503), of('bad-response', 200), of('http', 418)]).toEqual([
      'UPSTREAM_UNAVAILABLE',
      'UPSTREAM_UNAVAILABLE',
      'UPSTREAM_UNAVAILABLE',
      'UPSTREAM_BAD_RESPONSE',
      'UPSTREAM_ERROR',
    ]);
  });
});
