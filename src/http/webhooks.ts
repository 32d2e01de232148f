import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { webhookSources, type WebhookAnswer, type WebhookIntake, type WebhookSource } from '../events/webhooks.ts';
import { recordWebhook } from '../observability/webhooks.ts';
import type { WebhookLimits } from '../security/webhook-limits.ts';
import { answer } from './answer.ts';

/** The webhook source a path names (`/webhooks/platform`, `/webhooks/dxfeed`), if any. */
export function webhookSourceOf(path: string): WebhookSource | undefined {
  const match = /^\/webhooks\/([a-z]+)$/.exec(path);
  return webhookSources.find((s) => s === match?.[1]);
}

/** Webhook bodies larger than this are refused (413), by their `content-length` before a byte is read. */
export const webhookBodyLimit = 1024 * 1024;

/** Standard Webhooks' timestamp tolerance (the library checks it only with the body in hand, and does not export it). */
const toleranceSeconds = 5 * 60;

type Answer = WebhookAnswer & { headers?: Record<string, string> };

/** A refusal before or while the body is read: the connection is closed rather than the rest of the body drained. */
const refuse = (status: number, error: string, headers: Record<string, string> = {}): Answer => ({ status, body: { accepted: false, error }, headers: { connection: 'close', ...headers } });

/** What `verify` would refuse without the body: a signature header missing, a timestamp unreadable or out of tolerance. */
function unsignedHeaders(headers: IncomingMessage['headers']): string | undefined {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (typeof id !== 'string' || !id || typeof signature !== 'string' || !signature || typeof timestamp !== 'string' || !timestamp) return 'Missing required headers';
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds)) return 'Invalid Signature Headers';
  const now = Math.floor(Date.now() / 1000);
  if (now - seconds > toleranceSeconds) return 'Message timestamp too old';
  if (seconds - now > toleranceSeconds) return 'Message timestamp too new';
  return undefined;
}

/** The raw body (the signature covers its exact bytes), or the refusal when it is too large or too slow. */
function rawBody(req: IncomingMessage, timeoutMs: number): Promise<Buffer | Answer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (outcome: Buffer | Answer) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(outcome);
    };
    const timer = setTimeout(() => stop(refuse(408, `The webhook body did not arrive within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > webhookBodyLimit) stop(refuse(413, `Webhook body exceeds ${webhookBodyLimit} bytes`));
      else chunks.push(chunk);
    };
    const onEnd = () => stop(Buffer.concat(chunks));
    const onError = () => stop(refuse(400, 'The webhook body could not be read'));
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** Answers that show the sender holds the secret (or the gateway failing), which do not count against its address. */
const signed = (status: number) => (status >= 200 && status < 300) || status === 400 || status === 503;

/**
 * The webhook route, the door in front of `WebhookIntake`: only POST (405 otherwise); per address, refused webhooks are counted and, past the limit,
 * answered 429 before anything is read (each webhook takes a point first, given back once its
 * signature holds, so a sender with the secret is never slowed down); signature headers and timestamp
 * are checked, and `content-length` against 1 MiB, before the body is read; the body must arrive
 * within `bodyTimeoutMs`; at most `concurrent` webhooks are in progress at once.
 */
export class WebhookRoute {
  private readonly limits: WebhookLimits;
  private readonly intake: WebhookIntake;
  private readonly secretConfigured: boolean;
  private readonly refusals: RateLimiterMemory;
  private inProgress = 0;

  constructor(limits: WebhookLimits, intake: WebhookIntake, secretConfigured: boolean) {
    this.limits = limits;
    this.intake = intake;
    this.secretConfigured = secretConfigured;
    this.refusals = new RateLimiterMemory({ points: limits.refused, duration: limits.perSeconds, keyPrefix: 'webhook-refused' });
  }

  /** Answers one webhook request, recorded (count and log line) whatever its outcome. */
  async serve(source: WebhookSource, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const unreadable = { status: 400, body: { accepted: false, error: 'The webhook body could not be read' }, headers: { connection: 'close' } };
    const { status, body, headers } = await this.receive(source, req).catch(() => unreadable);
    recordWebhook(source, status, body, req.headers['webhook-id']);
    answer(res, status, body, headers);
  }

  private async receive(source: WebhookSource, req: IncomingMessage): Promise<Answer> {
    const address = req.socket.remoteAddress ?? 'unknown';
    try {
      await this.refusals.consume(address);
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const retryAfter = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      return refuse(429, `Too many refused webhooks from this address: retry after ${retryAfter} s`, { 'retry-after': String(retryAfter) });
    }
    const outcome = await this.screened(source, req);
    if (signed(outcome.status)) await this.refusals.reward(address);
    return outcome;
  }

  private async screened(source: WebhookSource, req: IncomingMessage): Promise<Answer> {
    if (req.method !== 'POST') return refuse(405, 'Webhooks are POSTed');
    // Without a secret the intake refuses every webhook (503, so that senders retry later); it needs no body for that.
    if (!this.secretConfigured) return this.intake.handle(source, req.headers, Buffer.alloc(0));
    const unsigned = unsignedHeaders(req.headers);
    if (unsigned) return refuse(401, `Webhook signature refused: ${unsigned}`);
    if (Number(req.headers['content-length'] ?? 0) > webhookBodyLimit) return refuse(413, `Webhook body exceeds ${webhookBodyLimit} bytes`);
    if (this.inProgress >= this.limits.concurrent) return refuse(503, 'Too many webhooks in progress: send it again shortly', { 'retry-after': '1' });
    this.inProgress++;
    try {
      const body = await rawBody(req, this.limits.bodyTimeoutMs);
      return Buffer.isBuffer(body) ? await this.intake.handle(source, req.headers, body) : body;
    } finally {
      this.inProgress--;
    }
  }
}
