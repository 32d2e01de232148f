/**
 * Where end-user sessions issued by the `login` mutation are kept: dxCore token -> the user it belongs to.
 * In memory for one instance, or in Redis (when `REDIS_URL` is set) so that every instance knows them.
 * dxCore stays the judge of whether a token is alive; this only tells the gateway whose it is.
 *
 * Each user holds at most `perUser` sessions: a new one past it forgets that user's oldest, so that no
 * caller can push out anyone else's. A session unused for `idleSeconds` is forgotten.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';

export interface UserIdentity {
  login: string;
  domain: string;
}

/**
 * One key per dxCore user however a caller spells them: domain and login trimmed, NFKC and lower case
 * (dxCore may match them so), hashed, so that no caller text becomes a key as it is.
 */
export function userKey(domain: string, login: string): string {
  const norm = (text: string) => text.normalize('NFKC').trim().toLowerCase();
  return createHash('sha256').update(`${norm(domain)}\n${norm(login)}`).digest('hex');
}

export interface SessionStore {
  /** Remembers a session; answers the ids (`sessionId`) of the user's older sessions it forgot to stay within `perUser`. */
  remember(token: string, identity: UserIdentity): Promise<string[]>;
  identify(token: string): Promise<UserIdentity | undefined>;
  /** Forgets one session; answers its id when it was known. */
  forget(token: string): Promise<string[]>;
  /** Forgets every session of a user; answers their ids. */
  forgetUser(identity: UserIdentity): Promise<string[]>;
}

/** A session's id: the SHA-256 of its token, which names it in Redis and between instances, never the token. */
export const sessionId = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The memory store is full: a new session is refused rather than pushing out someone else's. */
export class SessionCapacityError extends Error {
  override readonly name = 'SessionCapacityError';
}

export interface SessionBounds {
  /** Sessions one user may hold; remembering one more forgets that user's oldest. @default 10 */
  perUser?: number;
  /** A session unused this long is forgotten; every `identify` starts it again. @default 86_400 (24 h) */
  idleSeconds?: number;
}

export interface MemorySessionsOptions extends SessionBounds {
  /** Sessions remembered in all; past it `remember` throws SessionCapacityError. @default 100_000 */
  capacity?: number;
  /** The clock, in milliseconds. */
  now?: () => number;
}

interface MemorySession {
  identity: UserIdentity;
  usedAt: number;
}

/**
 * One instance's sessions, bounded, lost on restart. Written here rather than with an LRU cache
 * library because at capacity it must refuse, not evict the least recently used (someone else's).
 */
export class MemorySessions implements SessionStore {
  private readonly capacity: number;
  private readonly perUser: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  /** Least recently used first, so that idle sessions are swept from the front. */
  private readonly sessions = new Map<string, MemorySession>();
  /** Each user's tokens, oldest first. */
  private readonly byUser = new Map<string, string[]>();

  constructor(options: MemorySessionsOptions = {}) {
    this.capacity = options.capacity ?? 100_000;
    this.perUser = options.perUser ?? 10;
    this.idleMs = (options.idleSeconds ?? 24 * 60 * 60) * 1000;
    this.now = options.now ?? Date.now;
  }

  async remember(token: string, identity: UserIdentity): Promise<string[]> {
    this.sweep();
    if (this.sessions.has(token)) this.drop(token);
    else if (this.sessions.size >= this.capacity) throw new SessionCapacityError('The gateway holds as many sessions as it may: log in again later');
    this.sessions.set(token, { identity: { login: identity.login, domain: identity.domain }, usedAt: this.now() });
    const key = userKey(identity.domain, identity.login);
    const tokens = this.byUser.get(key) ?? [];
    tokens.push(token);
    this.byUser.set(key, tokens);
    const excess = tokens.slice(0, Math.max(0, tokens.length - this.perUser));
    for (const old of excess) this.drop(old);
    return excess.map(sessionId);
  }

  async identify(token: string): Promise<UserIdentity | undefined> {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (this.idle(session)) {
      this.drop(token);
      return undefined;
    }
    this.sessions.delete(token);
    session.usedAt = this.now();
    this.sessions.set(token, session);
    return session.identity;
  }

  async forget(token: string): Promise<string[]> {
    return this.drop(token) ? [sessionId(token)] : [];
  }

  async forgetUser(identity: UserIdentity): Promise<string[]> {
    const tokens = [...(this.byUser.get(userKey(identity.domain, identity.login)) ?? [])];
    for (const token of tokens) this.drop(token);
    return tokens.map(sessionId);
  }

  private idle(session: MemorySession): boolean {
    return this.now() - session.usedAt >= this.idleMs;
  }

  private sweep(): void {
    for (const [token, session] of this.sessions) {
      if (!this.idle(session)) return;
      this.drop(token);
    }
  }

  private drop(token: string): boolean {
    const session = this.sessions.get(token);
    if (!session) return false;
    this.sessions.delete(token);
    const key = userKey(session.identity.domain, session.identity.login);
    const tokens = (this.byUser.get(key) ?? []).filter((t) => t !== token);
    if (tokens.length === 0) this.byUser.delete(key);
    else this.byUser.set(key, tokens);
    return true;
  }
}

export interface RedisSessionsOptions extends SessionBounds {
  /** Prefix of the keys, `<prefix>session:<session id>` and `<prefix>user-sessions:<user key>`. @default 'gateway:' */
  prefix?: string;
}

/**
 * Sessions shared by instances. Keys hold the token's SHA-256, never the token, so that reading Redis
 * gives no one a usable dxCore session; each user's session ids are a sorted set by creation time. Given
 * a URL it owns its connection (`close` quits it); given a client it shares it and `close` leaves it
 * open. Redis errors propagate.
 */
export class RedisSessions implements SessionStore {
  private readonly redis: Redis;
  private readonly owned: boolean;
  private readonly prefix: string;
  private readonly ttlSeconds: number;
  private readonly perUser: number;

  constructor(redis: string | Redis, options: RedisSessionsOptions = {}) {
    this.owned = typeof redis === 'string';
    this.redis = typeof redis === 'string' ? new Redis(redis, { maxRetriesPerRequest: 2, commandTimeout: 5_000 }) : redis;
    this.prefix = options.prefix ?? 'gateway:';
    this.ttlSeconds = options.idleSeconds ?? 24 * 60 * 60;
    this.perUser = options.perUser ?? 10;
    // Without a listener ioredis prints each connection error itself; callers see them as rejections.
    if (this.owned) this.redis.on('error', () => {});
  }

  async remember(token: string, identity: UserIdentity): Promise<string[]> {
    const value: UserIdentity = { login: identity.login, domain: identity.domain };
    const id = sessionId(token);
    const userSessions = this.userKey(value);
    const [, , , members] = await this.exec(
      this.redis
        .multi()
        .set(this.key(id), JSON.stringify(value), 'EX', this.ttlSeconds)
        .zadd(userSessions, Date.now(), id)
        // No TTL on a user's index: `identify` keeps a session alive without touching it, and an index that
        // expired under a live session would hide it from `forgetUser` and from the perUser bound. Members
        // whose session went idle are pruned below at the user's next login.
        .persist(userSessions)
        .zrange(userSessions, '0', '-1'),
    );
    // Oldest first; members whose session went idle (its key expired) no longer count.
    const ids = members as string[];
    const alive = await this.exec(ids.reduce((pipeline, member) => pipeline.exists(this.key(member)), this.redis.pipeline()));
    const live = ids.filter((_, i) => alive[i] === 1);
    const gone = ids.filter((_, i) => alive[i] !== 1);
    const excess = live.slice(0, Math.max(0, live.length - this.perUser));
    if (gone.length + excess.length > 0) {
      const cleanup = this.redis.multi().zrem(userSessions, ...gone, ...excess);
      await this.exec(excess.length > 0 ? cleanup.del(...excess.map((member) => this.key(member))) : cleanup);
    }
    return excess;
  }

  async identify(token: string): Promise<UserIdentity | undefined> {
    return this.read(await this.redis.getex(this.key(sessionId(token)), 'EX', this.ttlSeconds));
  }

  async forget(token: string): Promise<string[]> {
    const id = sessionId(token);
    const identity = this.read(await this.redis.getdel(this.key(id)));
    if (!identity) return [];
    await this.redis.zrem(this.userKey(identity), id);
    return [id];
  }

  async forgetUser(identity: UserIdentity): Promise<string[]> {
    const userSessions = this.userKey(identity);
    const ids = await this.redis.zrange(userSessions, '0', '-1');
    await this.exec(this.redis.multi().del(userSessions, ...ids.map((id) => this.key(id))));
    return ids;
  }

  async close(): Promise<void> {
    if (!this.owned) return;
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  /** A stored identity, or undefined for none or a value that is not ours to read (the caller logs in again). */
  private read(stored: string | null): UserIdentity | undefined {
    if (stored === null) return undefined;
    try {
      const value = JSON.parse(stored) as Partial<UserIdentity> | null;
      if (typeof value?.login === 'string' && typeof value.domain === 'string') return { login: value.login, domain: value.domain };
    } catch {
      // not JSON: no session
    }
    return undefined;
  }

  /** Runs a MULTI or pipeline; any command's error rejects, as a single command's would. */
  private async exec(commands: { exec(): Promise<[Error | null, unknown][] | null> }): Promise<unknown[]> {
    const results = (await commands.exec()) ?? [];
    for (const [error] of results) if (error) throw error;
    return results.map(([, result]) => result);
  }

  private key(id: string): string {
    return `${this.prefix}session:${id}`;
  }

  private userKey(identity: UserIdentity): string {
    return `${this.prefix}user-sessions:${userKey(identity.domain, identity.login)}`;
  }
}
