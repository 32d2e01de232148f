import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { userKey } from '../auth/sessions.ts';
import type { LoginLimits } from './settings.ts';

/** What a password try owes once dxCore has answered. */
export interface LoginAttempt {
  /** The credentials were right: the username's count starts again, and the address gets its try back. */
  succeeded(): Promise<void>;
  /** No verdict on the password (dxCore unavailable, the login refused before dxCore): both get the try back. */
  undecided(): Promise<void>;
}

/** A try refused before it was made: the seconds until the username or address may try again. */
export interface LoginRefused {
  retryAfter: number;
}

/**
 * Failed password tries per username and per client address (rate-limiter-flexible's brute-force
 * pattern): in this process, or with REDIS_URL in Redis so that every instance counts together (each
 * counts in memory while Redis fails). A try is taken before dxCore is asked, so that parallel guesses
 * count too, and given back when it turns out not to be a failure.
 *
 * The trade-off: a username's count is over every address, so a guesser spread over many addresses
 * gets `userFailures` tries per `blockSeconds`; the same makes it possible to keep a user out, but
 * only for `blockSeconds` after the last failure that crossed the limit — a block is never extended
 * by tries made during it, and each address can take part in only `addressFailures` of them.
 */
export class LoginThrottle {
  private readonly byUser: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;
  private readonly redis: Redis | undefined;

  constructor(limits: LoginLimits, redisUrl?: string) {
    this.redis = redisUrl ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2_000 }) : undefined;
    this.redis?.on('error', () => {}); // reconnects on its own; the insurance limiters count meanwhile
    const limiter = (points: number, keyPrefix: string): RateLimiterAbstract => {
      const options = { points, duration: limits.windowSeconds, blockDuration: limits.blockSeconds, keyPrefix };
      const memory = new RateLimiterMemory(options);
      return this.redis ? new RateLimiterRedis({ ...options, storeClient: this.redis, insuranceLimiter: memory }) : memory;
    };
    this.byUser = limiter(limits.userFailures, 'gateway:login-user');
    this.byAddress = limiter(limits.addressFailures, 'gateway:login-address');
  }

  /** Takes one try from the address, then from the username; refused by either, nothing is taken. */
  async attempt(domain: string, username: string, address: string | undefined): Promise<LoginAttempt | LoginRefused> {
    // Case and width variants of a username share one count.
    const user = userKey(domain, username);
    const from = address ?? 'unknown';
    const addressRefused = await take(this.byAddress, from);
    if (addressRefused) return addressRefused;
    const userRefused = await take(this.byUser, user);
    if (userRefused) {
      await this.byAddress.reward(from);
      return userRefused;
    }
    return {
      succeeded: async () => {
        await Promise.all([this.byUser.delete(user), this.byAddress.reward(from)]);
      },
      undecided: async () => {
        await Promise.all([this.byUser.reward(user), this.byAddress.reward(from)]);
      },
    };
  }

  async close(): Promise<void> {
    if (this.redis?.status === 'ready') await this.redis.quit().catch(() => {});
    else this.redis?.disconnect();
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
