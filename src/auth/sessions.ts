/**
 * Where end-user sessions issued by the `login` mutation are kept: dxCore token -> the user it belongs to.
 * In memory for one instance, or in Redis (when `REDIS_URL` is set) so that every instance knows them.
 * dxCore stays the judge of whether a token is alive; this only tells the gateway whose it is.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import type { UserIdentity } from './callers.ts';

export interface SessionStore {
  remember(token: string, identity: UserIdentity): Promise<void>;
  identify(token: string): Promise<UserIdentity | undefined>;
  forget(token: string): Promise<void>;
}

export interface MemorySessionsOptions {
  /** Sessions remembered; the oldest is forgotten first. @default 100_000 */
  capacity?: number;
}

/** One instance's sessions, bounded, lost on restart. */
export class MemorySessions implements SessionStore {
  private readonly capacity: number;
  private readonly sessions = new Map<string, UserIdentity>();

  constructor(options: MemorySessionsOptions = {}) {
    this.capacity = options.capacity ?? 100_000;
  }

  async remember(token: string, identity: UserIdentity): Promise<void> {
    this.sessions.delete(token);
    this.sessions.set(token, identity);
    if (this.sessions.size > this.capacity) this.sessions.delete(this.sessions.keys().next().value as string);
  }

  async identify(token: string): Promise<UserIdentity | undefined> {
    return this.sessions.get(token);
  }

  async forget(token: string): Promise<void> {
    this.sessions.delete(token);
  }
}

export interface RedisSessionsOptions {
  /** Prefix of the keys, `<prefix>session:<sha256 of the token>`. @default 'gateway:' */
  prefix?: string;
  /** A session unused this long is forgotten; every `identify` starts it again. @default 86_400 (24 h) */
  ttlSeconds?: number;
}

/**
 * Sessions shared by instances. Keys hold the token's SHA-256, never the token, so that reading Redis
 * gives no one a usable dxCore session. Given a URL it owns its connection (`close` quits it); given a
 * client it shares it and `close` leaves it open. Redis errors propagate.
 */
export class RedisSessions implements SessionStore {
  private readonly redis: Redis;
  private readonly owned: boolean;
  private readonly prefix: string;
  private readonly ttlSeconds: number;

  constructor(redis: string | Redis, options: RedisSessionsOptions = {}) {
    this.owned = typeof redis === 'string';
    this.redis = typeof redis === 'string' ? new Redis(redis, { maxRetriesPerRequest: 2, commandTimeout: 5_000 }) : redis;
    this.prefix = options.prefix ?? 'gateway:';
    this.ttlSeconds = options.ttlSeconds ?? 24 * 60 * 60;
    // Without a listener ioredis prints each connection error itself; callers see them as rejections.
    if (this.owned) this.redis.on('error', () => {});
  }

  async remember(token: string, identity: UserIdentity): Promise<void> {
    const value: UserIdentity = { login: identity.login, domain: identity.domain };
    await this.redis.set(this.key(token), JSON.stringify(value), 'EX', this.ttlSeconds);
  }

  async identify(token: string): Promise<UserIdentity | undefined> {
    const stored = await this.redis.getex(this.key(token), 'EX', this.ttlSeconds);
    if (stored === null) return undefined;
    try {
      const value = JSON.parse(stored) as Partial<UserIdentity> | null;
      if (typeof value?.login === 'string' && typeof value.domain === 'string') return { login: value.login, domain: value.domain };
    } catch {
      // Not ours to read: treated as no session, so the caller logs in again.
    }
    return undefined;
  }

  async forget(token: string): Promise<void> {
    await this.redis.del(this.key(token));
  }

  async close(): Promise<void> {
    if (!this.owned) return;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  private key(token: string): string {
    return `${this.prefix}session:${createHash('sha256').update(token).digest('hex')}`;
  }
}
