import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The id of the HTTP request being served, for logs and masked errors; the caller's `x-request-id` when it is sane. */
export const requestIds = new AsyncLocalStorage<string>();

export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
}

export const currentRequestId = (): string | undefined => requestIds.getStore();
