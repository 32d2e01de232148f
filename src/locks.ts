import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** Runs a task while holding a named lock that every gateway instance sees. */
export interface SharedLocks {
  holding<T>(name: string, task: () => Promise<T>): Promise<T>;
}

/** The lock was still held by someone else when the wait for it was over. */
export class LockBusy extends Error {
  override readonly name = 'LockBusy';
}

/** Deletes the lock only while it still holds this holder's token: an expired lock taken by another stays theirs. */
const releaseScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface RedisLocksOptions {
  /** How long a lock lives should its holder die: above what a task may take (two dxCore calls within their deadlines). @default 30_000 */
  ttlMs?: number;
  /** How often a waiter asks again. @default 50 */
  retryMs?: number;
}

/**
 * Locks in Redis (REDIS_URL): a key per lock, `gateway:lock:<sha256 of its name>` (so that no outside text
 * becomes a key), taken with SET NX PX and a random token, and released by a script that deletes it only
 * while it holds that token: Redis's single-instance lock. Written here because no dependency here takes
 * Redis locks. A waiter asks again every `retryMs` until the lock's `ttlMs` has passed, then gets `LockBusy`.
 */
export class RedisLocks implements SharedLocks {
  private readonly redis: Redis;
  private readonly ttlMs: number;
  private readonly retryMs: number;

  constructor(redisUrl: string, options: RedisLocksOptions = {}) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.retryMs = options.retryMs ?? 50;
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 2_000 });
    this.redis.on('error', () => {}); // reconnects on its own; a command meanwhile fails, and so does the task that needed the lock
  }

  async holding<T>(name: string, task: () => Promise<T>): Promise<T> {
    const key = `gateway:lock:${createHash('sha256').update(name).digest('hex')}`;
    const token = randomUUID();
    const givingUp = Date.now() + this.ttlMs;
    while ((await this.redis.set(key, token, 'PX', this.ttlMs, 'NX')) !== 'OK') {
      if (Date.now() >= givingUp) throw new LockBusy(`lock ${name} is held elsewhere`);
      await sleep(this.retryMs);
    }
    try {
      return await task();
    } finally {
      // Should Redis not answer now, the lock expires on its own.
      await this.redis.eval(releaseScript, 1, key, token).catch(() => {});
    }
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => {});
    else this.redis.disconnect();
  }
}
