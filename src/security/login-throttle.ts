import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { userKey } from '../auth/sessions.ts';
import { closeCounter, counterReady, counterRedis } from './counter-redis.ts';
import type { LoginLimits } from './settings.ts';

/** What a password try owes once dxCore has answered. */
export interface LoginAttempt {
  /** The credentials were right: the username's count from this address starts again; the others get their try back. */
  succeeded(): Promise<void>;
  /** No verdict on the password (the upstream unavailable, the login refused before it): every count gets its try back. */
  undecided(): Promise<void>;
}

/** A try refused before it was made: the seconds until the username or address may try again. */
export interface LoginRefused {
  retryAfter: number;
}

/**
 * Failed password tries per username from one address, per username from all addresses, and per client
 * address (rate-limiter-flexible's brute-force pattern): in this process, or with REDIS_URL in Redis so
 * that every instance counts together (each counts in memory while Redis fails). A try is taken before
 * the password is checked, so that parallel guesses count too, and given back when it turns out not to
 * be a failure.
 *
 * The trade-off: a username and an address together get `userFailures` tries, so one address failing
 * on purpose blocks only itself, never the user elsewhere. A guesser spread over many addresses gets
 * `userFailuresTotal` tries per window on one username; that many failures from `userFailuresTotal /
 * userFailures` addresses or more also keep the user out, for `blockSeconds` after the last one that
 * crossed the limit — a block is never extended by tries made during it.
 */
export class LoginThrottle {
  private readonly byPair: RateLimiterAbstract;
  private readonly byUser: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;
  private readonly redis: Redis | undefined;

  constructor(limits: LoginLimits, redisUrl?: string) {
    this.redis = redisUrl ? counterRedis(redisUrl) : undefined;
    const limiter = (points: number, keyPrefix: string): RateLimiterAbstract => {
      const options = { points, duration: limits.windowSeconds, blockDuration: limits.blockSeconds, keyPrefix };
      const memory = new RateLimiterMemory(options);
      return this.redis ? new RateLimiterRedis({ ...options, storeClient: this.redis, insuranceLimiter: memory }) : memory;
    };
    this.byPair = limiter(limits.userFailures, 'gateway:login-user-address');
    this.byUser = limiter(limits.userFailuresTotal, 'gateway:login-user');
    this.byAddress = limiter(limits.addressFailures, 'gateway:login-address');
  }

  /** Takes one try from the address, the username from that address and the username; refused by any, nothing is taken. */
  async attempt(domain: string, username: string, address: string | undefined): Promise<LoginAttempt | LoginRefused> {
    // Case and width variants of a username share one count.
    const user = userKey(domain, username);
    const from = address ?? 'unknown';
    const pair = `${user}:${from}`;
    const counts: [RateLimiterAbstract, string][] = [
      [this.byAddress, from],
      [this.byPair, pair],
      [this.byUser, user],
    ];
    const giveBack = (taken: [RateLimiterAbstract, string][]) => Promise.all(taken.map(([limiter, key]) => limiter.reward(key))).then(() => {});
    for (const [i, [limiter, key]] of counts.entries()) {
      const refused = await take(limiter, key);
      if (refused) {
        await giveBack(counts.slice(0, i));
        return refused;
      }
    }
    return {
      succeeded: async () => {
        await Promise.all([this.byPair.delete(pair), this.byUser.reward(user), this.byAddress.reward(from)]);
      },
      undecided: () => giveBack(counts),
    };
  }

  /** Resolves once the shared counters can be reached, or after a bounded wait (see counterReady). */
  ready(): Promise<void> {
    return counterReady(this.redis);
  }

  close(): Promise<void> {
    return closeCounter(this.redis);
  }
}

async function take(limiter: RateLimiterAbstract, key: string): Promise<LoginRefused | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return { retryAfter: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) };
    throw refusal;
  }
}
