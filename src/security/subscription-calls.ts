import { RateLimiterMemory, RateLimiterQueue } from 'rate-limiter-flexible';

/** One subscription's draw on its caller's paced calls. */
export interface SubscriptionPace {
  /** Resolves true once the caller may make one more upstream call; false once the subscription ended (the call is not sent). */
  take(): Promise<boolean>;
  /** The subscription ended: calls still waiting are not sent. */
  end(): void;
}

/**
 * The upstream calls of each caller's subscriptions on this instance, events replayed and live alike:
 * together at most `burst` at once and `perSecond` on average (rate-limiter-flexible: `burst` calls per
 * window of burst / perSecond seconds, per caller). A call past it waits for the next window
 * (RateLimiterQueue) rather than failing, so an event is delivered late, never with a field missing; a
 * subscriber whose events wait falls behind and is closed like any slow one (SUBSCRIBER_TOO_SLOW).
 */
export class SubscriptionCallPace {
  private readonly limiter: RateLimiterMemory;

  constructor(burst: number, perSecond: number) {
    this.limiter = new RateLimiterMemory({ points: burst, duration: burst / perSecond });
  }

  /** A pace for one subscription of `caller`: a queue of its own (RateLimiterQueue keeps one line per key it ever saw), on the caller's shared count. */
  of(caller: string): SubscriptionPace {
    const queue = new RateLimiterQueue(this.limiter);
    let end!: () => void;
    const ended = new Promise<false>((resolve) => (end = () => resolve(false)));
    return {
      take: () => Promise.race([ended, queue.removeTokens(1, caller).then(() => true)]),
      end,
    };
  }
}
