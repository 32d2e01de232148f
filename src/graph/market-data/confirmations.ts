/**
 * Which Retail API version activated each order that waits for confirmation: `confirmSubscriptions`
 * must confirm under it (document 001). In memory for one instance, or in Redis (when `REDIS_URL` is
 * set) so that an order activated through one instance is confirmed through another in one call. An
 * order the store does not know (another gateway, a restart, Redis away) is confirmed under v1, then v2
 * when v1 does not know it, so the store only saves a call.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { logger } from '../../observability/logger.ts';
import type { RetailApiVersion } from '../../upstreams/retail.ts';

export interface ConfirmationVersions {
  remember(accountId: string, confirmationId: string, version: RetailApiVersion): Promise<void>;
  /** The version that activated the order, when known. */
  versionOf(accountId: string, confirmationId: string): Promise<RetailApiVersion | undefined>;
  /** The order was confirmed: it needs no version any more. */
  forget(accountId: string, confirmationId: string): Promise<void>;
  close?(): Promise<void>;
}

/** One order's key: the SHA-256 of its account and confirmation id, so that no caller text becomes a key. */
const orderKey = (accountId: string, confirmationId: string) => createHash('sha256').update(`${accountId}\n${confirmationId}`).digest('hex');

/** One instance's orders, the `capacity` latest (a forgotten one costs a call, not a failure). */
export class MemoryConfirmationVersions implements ConfirmationVersions {
  private readonly versions = new Map<string, RetailApiVersion>();
  private readonly capacity: number;

  /** @param capacity @default 10_000 */
  constructor(capacity = 10_000) {
    this.capacity = capacity;
  }

  async remember(accountId: string, confirmationId: string, version: RetailApiVersion): Promise<void> {
    const key = orderKey(accountId, confirmationId);
    this.versions.delete(key);
    this.versions.set(key, version);
    // Maps iterate in insertion order: the first key is the oldest.
    while (this.versions.size > this.capacity) this.versions.delete(this.versions.keys().next().value!);
  }

  async versionOf(accountId: string, confirmationId: string): Promise<RetailApiVersion | undefined> {
    return this.versions.get(orderKey(accountId, confirmationId));
  }

  async forget(accountId: string, confirmationId: string): Promise<void> {
    this.versions.delete(orderKey(accountId, confirmationId));
  }
}

/** How long Redis keeps an order's version: orders do not expire by time, but one a week old is rarely confirmed. */
const ttlSeconds = 7 * 24 * 60 * 60;

/**
 * Orders shared by instances, under `gateway:confirmation-version:<digest>`. A Redis failure is logged
 * and read as "not known": the write it belongs to has succeeded, and confirm falls back to trying both versions.
 */
export class RedisConfirmationVersions implements ConfirmationVersions {
  private readonly redis: Redis;

  constructor(redisUrl: string) {
    this.redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2_000 });
    this.redis.on('error', () => {}); // reconnects on its own; each failed command is logged below
  }

  async remember(accountId: string, confirmationId: string, version: RetailApiVersion): Promise<void> {
    await this.redis.set(this.key(accountId, confirmationId), version, 'EX', ttlSeconds).catch(this.failed('remembered'));
  }

  async versionOf(accountId: string, confirmationId: string): Promise<RetailApiVersion | undefined> {
    const stored = await this.redis.get(this.key(accountId, confirmationId)).catch(this.failed('read'));
    return stored === 'v1' || stored === 'v2' ? stored : undefined;
  }

  async forget(accountId: string, confirmationId: string): Promise<void> {
    await this.redis.del(this.key(accountId, confirmationId)).catch(this.failed('forgotten'));
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => {});
    else this.redis.disconnect();
  }

  private key(accountId: string, confirmationId: string): string {
    return `gateway:confirmation-version:${orderKey(accountId, confirmationId)}`;
  }

  private failed(what: string) {
    return (error: unknown) => {
      logger.warn({ err: error }, `a Retail order's API version was not ${what} in Redis; confirm tries v1, then v2`);
      return undefined;
    };
  }
}

/** The store the gateway uses: Redis when `redisUrl` is set, else this process's memory. */
export const confirmationVersions = (redisUrl: string | undefined): ConfirmationVersions =>
  redisUrl ? new RedisConfirmationVersions(redisUrl) : new MemoryConfirmationVersions();
