import { Webhook } from 'standardwebhooks';
import { Agent, request } from 'undici';

export interface WebhookSenderOptions {
  /** Where every message is POSTed. */
  url: string;
  /** `whsec_<base64>`: the receiver verifies with the same secret. */
  secret: string;
  /** Attempts per message, the first included. @default 8 */
  maxAttempts?: number;
  /** Wait before the second attempt; each later wait doubles, up to `maxBackoffMs`. @default 100 */
  initialBackoffMs?: number;
  /** @default 5_000 */
  maxBackoffMs?: number;
  /** One attempt, from connecting to the end of the answer. @default 5_000 */
  attemptTimeoutMs?: number;
  /** Messages waiting behind the one in flight; when full, the oldest is dropped. @default 1_000 */
  maxQueued?: number;
  /** Where a message given up or dropped is reported, one line each. @default console.warn */
  log?: (line: string) => void;
  /** The clock each attempt's `webhook-timestamp` is read from; tests may step it. @default () => new Date() */
  now?: () => Date;
}

interface Message {
  id: string;
  payload: string;
}

/** Why an attempt failed, and whether another could succeed. */
interface Failure {
  reason: string;
  retryable: boolean;
}

/**
 * Delivers JSON bodies to one URL as Standard Webhooks, the way a real upstream does: in order with one
 * message in flight, the same `webhook-id` on every attempt and a fresh timestamp and signature on each,
 * retries with capped exponential backoff, and a bounded queue so a dead receiver costs bounded memory.
 */
export class WebhookSender {
  readonly url: string;
  private readonly webhook: Webhook;
  private readonly maxAttempts: number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly maxQueued: number;
  private readonly log: (line: string) => void;
  private readonly now: () => Date;
  /** The URL as logs show it: no credentials, no query. */
  private readonly label: string;
  private readonly agent: Agent;
  private readonly abort = new AbortController();
  private readonly queue: Message[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  private draining = false;
  private closed = false;
  private backoff: { timer: ReturnType<typeof setTimeout>; resolve: () => void } | undefined;

  constructor(options: WebhookSenderOptions) {
    this.url = options.url;
    this.webhook = new Webhook(options.secret);
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 8);
    this.initialBackoffMs = options.initialBackoffMs ?? 100;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 5_000;
    this.maxQueued = Math.max(1, options.maxQueued ?? 1_000);
    this.log = options.log ?? ((line) => console.warn(line));
    this.now = options.now ?? (() => new Date());
    const shown = new URL(options.url);
    this.label = `[webhooks -> ${shown.origin}${shown.pathname}]`;
    this.agent = new Agent({ connections: 1, connect: { timeout: this.attemptTimeoutMs } });
  }

  /** Queues `body` as message `id`; `id` is the `webhook-id` of every attempt, so the receiver can de-duplicate. */
  send(id: string, body: unknown): void {
    if (this.closed) return;
    if (this.queue.length >= this.maxQueued) {
      const dropped = this.queue.shift() as Message;
      this.log(`${this.label} queue full (${this.maxQueued} waiting): dropped message ${dropped.id}`);
    }
    // Serialized now: the body is what was true when the event happened.
    this.queue.push({ id, payload: JSON.stringify(body) });
    if (!this.draining) void this.drain();
  }

  /** Resolves once nothing waits and nothing is in flight (at once after `close()`). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops for good: the attempt in flight is aborted, waiting messages are dropped, later sends ignored. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.abort.abort();
    if (this.backoff) {
      clearTimeout(this.backoff.timer);
      this.backoff.resolve();
    }
    this.agent.destroy().catch(() => {});
    this.settle();
  }

  private isIdle(): boolean {
    return this.closed || (!this.draining && this.queue.length === 0);
  }

  private settle(): void {
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let message = this.queue.shift(); message && !this.closed; message = this.queue.shift()) await this.deliver(message);
    } finally {
      this.draining = false;
      this.settle();
    }
  }

  private async deliver(message: Message): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const failure = await this.attempt(message);
      if (!failure || this.closed) return;
      if (!failure.retryable) {
        this.log(`${this.label} message ${message.id} refused (${failure.reason}): not retried`);
        return;
      }
      if (attempt >= this.maxAttempts) {
        this.log(`${this.label} gave up on message ${message.id} after ${attempt} attempts (last: ${failure.reason})`);
        return;
      }
      await this.wait(Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** (attempt - 1)));
      if (this.closed) return;
    }
  }

  /** One signed POST; undefined when the receiver took it (2xx). */
  private async attempt(message: Message): Promise<Failure | undefined> {
    const at = this.now();
    try {
      const { statusCode, body } = await request(this.url, {
        method: 'POST',
        dispatcher: this.agent,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.attemptTimeoutMs)]),
        headers: {
          'content-type': 'application/json',
          'webhook-id': message.id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': this.webhook.sign(message.id, at, message.payload),
        },
        body: message.payload,
      });
      await body.dump();
      if (statusCode >= 200 && statusCode < 300) return undefined;
      // A 4xx says the receiver refuses this message for good, except a timeout (408) or rate limit (429).
      const refused = statusCode >= 400 && statusCode < 500 && statusCode !== 408 && statusCode !== 429;
      return { reason: `HTTP ${statusCode}`, retryable: !refused };
    } catch (error) {
      return { reason: describeError(error), retryable: true };
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.backoff = undefined;
        resolve();
      }, ms);
      // A receiver that stays down must not keep the process alive.
      timer.unref();
      this.backoff = { timer, resolve };
    });
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : `${error.name}: ${error.message}`;
}
