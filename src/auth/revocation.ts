/**
 * Ending the subscriptions of sessions that ended. A session ends at the gateway (logout, logoutUser,
 * pushed out by the user's newer sessions) or at dxCore (its timeout, an admin or a disable there).
 *
 * - Ended at the gateway: the session store says so (`revokingSessions`), the subscriptions on this
 *   instance end at once, and with REDIS_URL the session ids go out on a Redis channel so that every
 *   instance ends its own.
 * - Ended at dxCore, or a channel message missed while Redis was away: every `recheckSeconds`, each
 *   session with subscriptions on this instance is looked up in the store and, when still there, read
 *   once from dxCore as its user; a session dxCore refuses is forgotten and revoked. The cost is one
 *   store lookup and one dxCore read per session (not per subscription) per round, at most four at a
 *   time; a check that gets no verdict (dxCore unavailable) keeps the session until the next round.
 */
import { bulkhead } from 'cockatiel';
import { Redis } from 'ioredis';
import { logger } from '../observability/logger.ts';
import type { DxCoreUpstream } from '../upstreams/dxcore.ts';
import { UpstreamError } from '../upstreams/http.ts';
import type { Caller } from './callers.ts';
import { sessionId, type SessionStore, type UserIdentity } from './sessions.ts';

/** What a revoked subscription gets last, before it ends. */
export interface Revoked {
  kind: 'revoked';
}

/** dxCore's verdict on a session: alive, ended, or unknown (no answer to go by). */
export type SessionProbe = (token: string, identity: UserIdentity) => Promise<'alive' | 'ended' | 'unknown'>;

/** Asks dxCore as the session's user for their own client's login: the cheapest read a user may make. */
export const dxCoreProbe =
  (dxcore: DxCoreUpstream): SessionProbe =>
  async (token, identity) => {
    try {
      await dxcore.as({ kind: 'user', token }).client(identity.domain, identity.login, 'login');
      return 'alive';
    } catch (error) {
      const ended = error instanceof UpstreamError && error.failure === 'http' && (error.status === 401 || error.code === '20019');
      return ended ? 'ended' : 'unknown';
    }
  };

export interface SessionRevocationsOptions {
  /** Seconds between rechecks of the sessions with subscriptions. */
  recheckSeconds: number;
  /** Shares revocations with every instance through a Redis channel. */
  redisUrl?: string | undefined;
  /** @default 'gateway:sessions:revoked' */
  channel?: string;
}

interface Watched {
  token: string;
  identity: UserIdentity;
  /** Ends one subscription each. */
  ends: Set<() => void>;
}

const done = { done: true, value: undefined } as const;

export class SessionRevocations {
  private readonly sessions: SessionStore;
  private readonly probe: SessionProbe;
  private readonly channel: string;
  /** Sessions with subscriptions on this instance, by session id. */
  private readonly watched = new Map<string, Watched>();
  private readonly checks = bulkhead(4, Number.POSITIVE_INFINITY);
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly publisher: Redis | undefined;
  private readonly subscriber: Redis | undefined;
  private rechecking: Promise<void> | undefined;

  /** `sessions` is the store itself, not `revokingSessions` of it. */
  constructor(sessions: SessionStore, probe: SessionProbe, options: SessionRevocationsOptions) {
    this.sessions = sessions;
    this.probe = probe;
    this.channel = options.channel ?? 'gateway:sessions:revoked';
    this.timer = setInterval(() => void this.recheck(), options.recheckSeconds * 1000).unref();
    if (options.redisUrl) {
      const connection = { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2_000 };
      this.publisher = new Redis(options.redisUrl, connection);
      // The subscriber queues its SUBSCRIBE until connected and subscribes again after a reconnect.
      this.subscriber = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
      for (const redis of [this.publisher, this.subscriber]) redis.on('error', () => {}); // reconnects; the recheck covers the gap
      this.subscriber.on('message', (_channel: string, id: string) => this.end(id));
    }
  }

  /** Resolves once revocations from other instances arrive (at once without Redis). */
  async ready(): Promise<void> {
    await this.subscriber?.subscribe(this.channel);
  }

  /** Ends the subscriptions of these sessions here and, with Redis, on every instance. */
  async revoke(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.end(id);
    if (!this.publisher || ids.length === 0) return;
    try {
      await Promise.all(ids.map((id) => this.publisher!.publish(this.channel, id)));
    } catch (error) {
      logger.warn({ err: error }, 'session revocation not shared with other instances; their recheck ends the subscriptions');
    }
  }

  /**
   * An end user's subscription that ends when their session does: its last delivery is `Revoked`.
   * Any other caller's is returned as it is.
   */
  guard<T>(caller: Caller, source: AsyncIterableIterator<T>): AsyncIterableIterator<T | Revoked> {
    if (caller.kind !== 'user') return source;
    let revoked = false;
    let finished = false;
    const release = this.watch(caller.token, caller.identity, () => {
      revoked = true;
      void source.return?.();
    });
    const finish = () => {
      finished = true;
      release();
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next(): Promise<IteratorResult<T | Revoked>> {
        if (finished) return done;
        const result = await source.next();
        if (revoked) {
          finish();
          return { done: false, value: { kind: 'revoked' } };
        }
        if (result.done) finish();
        return result;
      },
      async return(): Promise<IteratorResult<T | Revoked>> {
        finish();
        await source.return?.();
        return done;
      },
    };
  }

  /** One round: each session with subscriptions here checked against the store, then dxCore. */
  recheck(): Promise<void> {
    this.rechecking ??= this.round().finally(() => {
      this.rechecking = undefined;
    });
    return this.rechecking;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(
      [this.publisher, this.subscriber].map(async (redis) => {
        if (redis?.status === 'ready') await redis.quit().catch(() => {});
        else redis?.disconnect();
      }),
    );
  }

  private watch(token: string, identity: UserIdentity, end: () => void): () => void {
    const id = sessionId(token);
    const entry = this.watched.get(id) ?? { token, identity, ends: new Set() };
    entry.ends.add(end);
    this.watched.set(id, entry);
    return () => {
      entry.ends.delete(end);
      if (entry.ends.size === 0 && this.watched.get(id) === entry) this.watched.delete(id);
    };
  }

  private end(id: string): void {
    const entry = this.watched.get(id);
    if (!entry) return;
    this.watched.delete(id);
    for (const end of entry.ends) end();
  }

  private async round(): Promise<void> {
    await Promise.all(
      [...this.watched].map(([id, entry]) =>
        this.checks.execute(() => this.check(id, entry)).catch((error: unknown) => {
          logger.warn({ err: error }, 'session recheck failed; tried again next round');
        }),
      ),
    );
  }

  private async check(id: string, { token, identity }: Watched): Promise<void> {
    if (!this.watched.has(id)) return;
    const known = await this.sessions.identify(token);
    if (known && (await this.probe(token, identity)) !== 'ended') return;
    await this.sessions.forget(token);
    await this.revoke([id]);
  }
}

/** The session store, with every session it forgets revoked: logouts, a user's oldest pushed out, logoutUser. */
export function revokingSessions(store: SessionStore, revocations: SessionRevocations): SessionStore {
  return {
    identify: (token) => store.identify(token),
    remember: async (token, identity) => revoked(revocations, await store.remember(token, identity)),
    forget: async (token) => revoked(revocations, await store.forget(token)),
    forgetUser: async (identity) => revoked(revocations, await store.forgetUser(identity)),
  };
}

async function revoked(revocations: SessionRevocations, ids: string[]): Promise<string[]> {
  await revocations.revoke(ids);
  return ids;
}
