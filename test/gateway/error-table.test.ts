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

/** One row per upstream code, or per status where the status decides (dxCore's catch-all 10001); other rows are tried at 400. */
const rows = (Object.entries(upstreamCodeTable) as [UpstreamName, Record<string, string | Record<number, string>>][]).flatMap(([upstream, table]) =>
  Object.entries(table).flatMap(([upstreamCode, row]) =>
    typeof row === 'string' ? [[upstream, upstreamCode, 400, row] as const] : Object.entries(row).map(([status, code]) => [upstream, upstreamCode, Number(status), code] as const),
  ),
);

describe('the upstream code table', () => {
  it.each(rows)('%s %s (HTTP %i) → %s, as its typed member, with the upstream code kept', (upstream, upstreamCode, status, code) => {
    const error = new UpstreamError({ upstream, route: 'TEST', failure: 'http', status, code: upstreamCode, message: 'said so' });
    const typed = typedUpstreamError(error);
    expect(typed.code).toBe(code);
    expect(typed.constructor.name).toBe(expectedClass(code));
    expect(typed.upstream).toMatchObject({ name: upstream, status, code: upstreamCode });
    expect(typed.message).toContain(upstreamCode);
    // The upstream's own words stay in the gateway's log.
    expect(JSON.stringify([typed.message, typed.upstream])).not.toContain('said so');
  });

  it("reads dxCore's catch-all 10001 by its status: a 404 names no resource, a 5xx is the upstream failing", () => {
    const of = (status: number) => typedUpstreamError(new UpstreamError({ upstream: 'dxcore', route: 'TEST', failure: 'http', status, code: '10001', message: 'Resource not found' })).code;
    expect([of(404), of(500), of(400)]).toEqual(['RESOURCE_NOT_FOUND', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR']);
  });

  it("reads the older Retail API's 404 FEED_NOT_FOUND as the current one's unknown feed (400 BAD_REQUEST): VALIDATION", () => {
    const of = (status: number, code: string) => typedUpstreamError(new UpstreamError({ upstream: 'retail', route: 'TEST', failure: 'http', status, code, message: 'Unknown feed' }), 'input.subscriptions');
    expect(of(404, 'FEED_NOT_FOUND')).toMatchObject({ code: 'VALIDATION', field: 'input.subscriptions' });
    expect(of(400, 'BAD_REQUEST')).toMatchObject({ code: 'VALIDATION', field: 'input.subscriptions' });
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
