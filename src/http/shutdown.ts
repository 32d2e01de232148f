import { logger } from '../observability/logger.ts';
import type { HttpDrain } from './drain.ts';

/** What a graceful shutdown closes, in its order. */
export interface ShutdownPlan {
  drain: HttpDrain;
  /** graphql-ws: every socket closed with 1001, cut after the grace. */
  sockets: { close(graceMs: number): Promise<void> };
  /** The event hub: live subscriptions end (SSE streams complete). */
  events: { close(): void };
  /** SHUTDOWN_DELAY_MS: how long `/readyz` answers 503 before the listener closes. */
  delayMs: number;
  /** SHUTDOWN_GRACE_MS: how long requests in progress may take before they are cut. */
  graceMs: number;
  /** Closes what the gateway holds besides its listener, once the requests using it are over; `until` is when the grace ends (ms since the epoch). */
  release(until: number): Promise<void>;
}

/**
 * `/readyz` answers 503 (for `delayMs`), then the listener closes, requests in progress finish, SSE
 * streams complete and graphql-ws sockets close with 1001, all within `graceMs` (then cut); then
 * `release` closes the rest.
 */
export async function shutDown(plan: ShutdownPlan): Promise<void> {
  plan.drain.begin();
  if (plan.delayMs) await new Promise((resolve) => setTimeout(resolve, plan.delayMs));
  const graceEnds = Date.now() + plan.graceMs;
  // Sockets get 1001 before their subscriptions end, so a client sees "going away", not a completion.
  const sockets = plan.sockets.close(plan.graceMs);
  const requests = plan.drain.close(plan.graceMs);
  plan.events.close();
  const [, cut] = await Promise.all([sockets, requests]);
  if (cut > 0) logger.warn(`shutdown: ${cut} request(s) still running after ${plan.graceMs} ms were cut`);
  await plan.release(graceEnds);
}

/** Waits for `promise` for at most `ms` (its failure counts as settled). */
export async function settledWithin(promise: Promise<unknown>, ms: number): Promise<'settled' | 'timed out'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), Math.max(0, ms))));
  const outcome = await Promise.race([promise.then(() => 'settled' as const, () => 'settled' as const), timeout]);
  clearTimeout(timer);
  return outcome;
}
