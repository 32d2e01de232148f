import { currentRequestId } from '../request-id.ts';
import { logger } from './logger.ts';
import { eventsReceived } from './metrics.ts';

/**
 * One webhook answered: counted by source and outcome (`accepted`, `duplicate`, `refused` for any
 * non-2xx), and one log line with the request id, the `webhook-id` and why it was refused.
 */
export function recordWebhook(source: string, status: number, body: { accepted: boolean; duplicate?: boolean | undefined; error?: string | undefined }, webhookId: string | string[] | undefined): void {
  const outcome = !body.accepted ? 'refused' : body.duplicate ? 'duplicate' : 'accepted';
  eventsReceived.inc({ source, outcome });
  const id = typeof webhookId === 'string' ? webhookId.slice(0, 100) : undefined;
  const record = { requestId: currentRequestId(), source, status, outcome, webhookId: id, error: body.error };
  if (status >= 500) logger.warn(record, 'webhook');
  else logger.info(record, 'webhook');
}
