import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** The raw body (the signature covers its exact bytes), or the refusal when it is too large, too slow, or cut for a newer webhook. */
function rawBody(req: IncomingMessage, timeoutMs: number, cut: AbortSignal): Promise<Buffer | Answer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (outcome: Buffer | Answer) => {
      clearTimeout(timer);
      cut.removeEventListener('abort', onCut);
      req.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(outcome);
    };
    const timer = setTimeout(() => stop(refuse(408, `The webhook body did not arrive within ${timeoutMs} ms`)), timeoutMs);
    const onCut = () => stop(refuse(408, 'The webhook body was still arriving when a newer webhook needed its place: send it again, whole'));
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > webhookBodyLimit) stop(refuse(413, `Webhook body exceeds ${webhookBodyLimit} bytes`));
      else chunks.push(chunk);
    };
    const onEnd = () => stop(Buffer.concat(chunks));
    const onError = () => stop(refuse(400, 'The webhook body could not be read'));
    cut.addEventListener('abort', onCut);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** One webhook in progress: while its body is still arriving it may be cut for a newer one. */
interface Slot {
  address: string;
  reading: boolean;
  cut: AbortController;
}

/**
 * The webhooks in progress, at most `concurrent` in all and `perAddress` from one address. A newcomer
 * over either cap takes the place of the oldest webhook (of its address, or of all) whose body is still
 * arriving, so slow bodies, from any address or from the genuine sender's own, can never keep a
 * complete webhook out: only webhooks already verifying and logging hold their places. Written here:
 * limiters and queues refuse or wait, none cuts the oldest holder to let a newcomer in.
 */
class Slots {
  private readonly limits: WebhookLimits;
  /** In arrival order, oldest first. */
  private readonly held = new Set<Slot>();

  constructor(limits: WebhookLimits) {
    this.limits = limits;
  }

  /** A place for a webhook from `address`, or undefined when every place is held by one past its body. */
  take(address: string): Slot | undefined {
    const fromAddress = [...this.held].filter((slot) => slot.address === address);
    if (fromAddress.length >= this.limits.perAddress) {
      if (!this.cutOldest(fromAddress)) return undefined;
    } else if (this.held.size >= this.limits.concurrent && !this.cutOldest([...this.held])) return undefined;
    const slot: Slot = { address, reading: true, cut: new AbortController() };
    this.held.add(slot);
    return slot;
  }

  release(slot: Slot): void {
    this.held.delete(slot);
  }

  private cutOldest(slots: Slot[]): boolean {
    const oldest = slots.find((slot) => slot.reading);
    if (!oldest) return false;
    this.held.delete(oldest);
    oldest.cut.abort();
    return true;
  }
}

/**
 * The webhook route, the door in front of `WebhookIntake`: only POST (405 otherwise). What a sender without the secret can make it do costs little
 * and never refuses a sender with it: signature headers and timestamp are checked, and `content-length`
 * against 1 MiB, before the body is read (a refusal there reads nothing); a body must arrive within
 * `bodyTimeoutMs`; webhooks in progress are bounded in all and per address, and a slow body gives up
 * its place to a newer webhook. Nothing is counted per address, so refusals earned by others on a
 * shared address (a proxy, a load balancer) do not fall on the genuine sender.
 */
export class WebhookRoute {
  private readonly limits: WebhookLimits;
  private readonly intake: WebhookIntake;
  private readonly secretConfigured: boolean;
  private readonly slots: Slots;

  constructor(limits: WebhookLimits, intake: WebhookIntake, secretConfigured: boolean) {
    this.limits = limits;
    this.intake = intake;
    this.secretConfigured = secretConfigured;
    this.slots = new Slots(limits);
  }

  /** Answers one webhook request, recorded (count and log line) whatever its outcome. */
  async serve(source: WebhookSource, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const unreadable = { status: 400, body: { accepted: false, error: 'The webhook body could not be read' }, headers: { connection: 'close' } };
    const { status, body, headers } = await this.receive(source, req).catch(() => unreadable);
    recordWebhook(source, status, body, req.headers['webhook-id']);
    answer(res, status, body, headers);
  }

  private async receive(source: WebhookSource, req: IncomingMessage): Promise<Answer> {
    if (req.method !== 'POST') return refuse(405, 'Webhooks are POSTed');
    // Without a secret the intake refuses every webhook (503, so that senders retry later); it needs no body for that.
    if (!this.secretConfigured) return this.intake.handle(source, req.headers, Buffer.alloc(0));
    const unsigned = unsignedHeaders(req.headers);
    if (unsigned) return refuse(401, `Webhook signature refused: ${unsigned}`);
    if (Number(req.headers['content-length'] ?? 0) > webhookBodyLimit) return refuse(413, `Webhook body exceeds ${webhookBodyLimit} bytes`);
    const slot = this.slots.take(req.socket.remoteAddress ?? 'unknown');
    if (!slot) return refuse(503, 'Too many webhooks in progress: send it again shortly', { 'retry-after': '1' });
    try {
      const body = await rawBody(req, this.limits.bodyTimeoutMs, slot.cut.signal);
      slot.reading = false;
      return Buffer.isBuffer(body) ? await this.intake.handle(source, req.headers, body) : body;
    } finally {
      this.slots.release(slot);
    }
  }
}
