import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { addressOf, type Caller, type Callers } from '../auth/callers.ts';
import { userKey } from '../auth/sessions.ts';
import { closeCounter, counterReady, counterRedis } from './counter-redis.ts';
import type { RateLimit } from './settings.ts';

/**
 * A fixed-window allowance per caller (rate-limiter-flexible): in this process, or with REDIS_URL in
 * Redis, so that every instance draws on one allowance. Should Redis fail, each instance falls back
 * to counting in its own memory rather than refusing or waving everyone through.
 */
export class CallerRateLimiter {
  private readonly limiter: RateLimiterAbstract;
  private readonly redis: Redis | undefined;
  readonly limit: RateLimit;

  constructor(limit: RateLimit, redisUrl?: string) {
    this.limit = limit;
    const memory = new RateLimiterMemory({ points: limit.requests, duration: limit.perSeconds });
    this.redis = redisUrl ? counterRedis(redisUrl) : undefined;
    this.limiter = this.redis
      ? new RateLimiterRedis({ storeClient: this.redis, points: limit.requests, duration: limit.perSeconds, keyPrefix: 'gateway:rate', insuranceLimiter: memory })
      : memory;
  }

  /** Takes one request from `key`'s allowance: undefined when allowed, else the seconds until the window resets. */
  async take(key: string): Promise<number | undefined> {
    try {
      await this.limiter.consume(key);
      return undefined;
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw refusal;
    }
  }

  /** Resolves once the shared counters can be reached, or after a bounded wait (see counterReady). */
  ready(): Promise<void> {
    return counterReady(this.redis);
  }

  close(): Promise<void> {
    return closeCounter(this.redis);
  }
}

/**
 * Whose allowance a request draws on: a known API key's digest (never the key), an end user's digest
 * of domain and login, else the client address — a wrong or unknown credential counts against the
 * address it came from, so guessing keys is limited too.
 */
async function callerKey(identifying: Promise<Caller>, address: string | undefined): Promise<string> {
  try {
    return callerKeyOf(await identifying, address);
  } catch {
    // refused below as UNAUTHENTICATED; counted by address here
    return callerKeyOf({ kind: 'anonymous' }, address);
  }
}

/**
 * The same key for a caller already identified (the upstream call allowance and the subscription cap
 * draw on it too). An end user is keyed as the login throttle and sessions key them, case and width
 * folded: dxCore may match logins so, and each spelling must not get an allowance of its own.
 */
export function callerKeyOf(caller: Caller, address: string | undefined): string {
  if (caller.kind === 'partner') return `key:${caller.keyId}`;
  if (caller.kind === 'user') return `user:${userKey(caller.identity.domain, caller.identity.login)}`;
  return `ip:${address ?? 'unknown'}`;
}

/** The refusal: `RATE_LIMITED`, HTTP 429 with `Retry-After` (seconds), also in `extensions.retryAfter`. */
export function rateLimited(retryAfter: number, http = true): GraphQLError {
  return new GraphQLError(`Too many requests: retry after ${retryAfter} s`, {
    extensions: { code: 'RATE_LIMITED', retryAfter, ...(http ? { http: { status: 429, headers: { 'Retry-After': String(retryAfter) } } } : {}) },
  });
}

/**
 * Counts every GraphQL request over HTTP (SSE subscriptions included) once its parameters are read and
 * before anything is parsed, validated or resolved, so that refused and invalid requests count too.
 */
export function useCallerRateLimit(limiter: CallerRateLimiter, callers: Callers): Plugin {
  return {
    async onParams({ request, context }) {
      const address = addressOf(context);
      const key = await callerKey(callers.ofRequest(request, address), address);
      const retryAfter = await limiter.take(key);
      if (retryAfter !== undefined) throw rateLimited(retryAfter);
    },
  };
}
