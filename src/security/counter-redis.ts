import { once } from 'node:events';
import { Redis } from 'ioredis';

/**
 * The Redis connection of a shared counter (the rate limit, the login throttle). Commands fail fast
 * rather than queue, so that a counter falls back to its in-memory insurance while Redis is away.
 */
export function counterRedis(redisUrl: string): Redis {
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2_000 });
  redis.on('error', () => {}); // reconnects on its own; the insurance limiter counts meanwhile
  return redis;
}

/**
 * Waits, at most `timeoutMs`, for the connection to be ready: without the wait the first requests
 * after start find it still connecting and are counted in this instance's memory only, so instances
 * behind one balancer would each grant the full allowance. Redis down at start is not fatal.
 */
export async function counterReady(redis: Redis | undefined, timeoutMs = 5_000): Promise<void> {
  if (!redis || redis.status === 'ready') return;
  await once(redis, 'ready', { signal: AbortSignal.timeout(timeoutMs) }).catch(() => {});
}

/** Closes the connection: politely when it is up, else at once. */
export async function closeCounter(redis: Redis | undefined): Promise<void> {
  if (redis?.status === 'ready') await redis.quit().catch(() => {});
  else redis?.disconnect();
}
