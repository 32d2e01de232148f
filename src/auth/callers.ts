import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Scope } from './scopes.ts';
import type { SessionStore, UserIdentity } from './sessions.ts';

/** Who is calling: a partner key with scopes, an end user's dxCore session, or nobody. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'partner'; scopes: ReadonlySet<Scope>; /** The key's SHA-256 (hex, 32 digits): names it in counters, never the key. */ keyId: string }
  | { kind: 'user'; token: string; identity: UserIdentity };

const digest = (key: string) => createHash('sha256').update(key).digest();

/** Partner keys, compared as SHA-256 digests in constant time. */
export class ApiKeys {
  private readonly entries: { digest: Buffer; scopes: ReadonlySet<Scope> }[];

  constructor(keys: Map<string, Set<Scope>>) {
    this.entries = [...keys].map(([key, scopes]) => ({ digest: digest(key), scopes }));
  }

  /** The key's scopes and id, when it is one of ours. */
  find(key: string): { scopes: ReadonlySet<Scope>; keyId: string } | undefined {
    const given = digest(key);
    let found: ReadonlySet<Scope> | undefined;
    for (const entry of this.entries) if (timingSafeEqual(entry.digest, given)) found = entry.scopes;
    return found && { scopes: found, keyId: given.toString('hex').slice(0, 32) };
  }
}

export const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/** Reads the `Authorization` header per the contract; a credential that is present but wrong is refused. */
async function identifyCaller(header: string | null, keys: ApiKeys, sessions: SessionStore): Promise<Caller> {
  if (header === null || header.trim() === '') return { kind: 'anonymous' };
  const [scheme, credential, ...rest] = header.trim().split(/\s+/);
  if (!credential || rest.length > 0) throw unauthenticated('Authorization must be "Bearer <key>" or "DXAPI <token>"');
  switch (scheme?.toLowerCase()) {
    case 'bearer': {
      const key = keys.find(credential);
      if (!key) throw unauthenticated('Unknown API key');
      return { kind: 'partner', ...key };
    }
    case 'dxapi': {
      const identity = await sessions.identify(credential);
      if (!identity) throw unauthenticated('Unknown or expired session: log in again');
      return { kind: 'user', token: credential, identity };
    }
    default:
      throw unauthenticated('Authorization must be "Bearer <key>" or "DXAPI <token>"');
  }
}

/** The client address of an HTTP request served by Node's `http` server (Yoga puts `req` in the server context). */
export const addressOf = (serverContext: unknown): string | undefined => (serverContext as { req?: IncomingMessage } | undefined)?.req?.socket.remoteAddress;

/**
 * Who is calling, identified once per HTTP request and once per graphql-ws connection: the rate limit
 * (before parsing) and the context both ask, and an end user's lookup may be a Redis round trip.
 */
export class Callers {
  private readonly keys: ApiKeys;
  private readonly sessions: SessionStore;
  private readonly requests = new WeakMap<Request, Promise<Caller>>();

  constructor(keys: ApiKeys, sessions: SessionStore) {
    this.keys = keys;
    this.sessions = sessions;
  }

  /** An HTTP request's caller, from its `Authorization` header; the same promise for every asker. */
  ofRequest(request: Request): Promise<Caller> {
    let caller = this.requests.get(request);
    if (!caller) {
      caller = identifyCaller(request.headers.get('authorization'), this.keys, this.sessions);
      this.requests.set(request, caller);
    }
    return caller;
  }

  /** A graphql-ws connection's caller, from `connection_init`'s `connectionParams.authorization`, kept for its operations. */
  ofConnection(connectionParams: Readonly<Record<string, unknown>> | undefined): Promise<Caller> {
    const value = connectionParams?.authorization;
    if (value !== undefined && value !== null && typeof value !== 'string') return Promise.reject(unauthenticated('connectionParams.authorization must be a string'));
    return identifyCaller(value ?? null, this.keys, this.sessions);
  }

  /** A connection's caller for one more operation: an end user's session must still be known (a logout or revocation ends it). */
  async stillSignedIn(caller: Caller): Promise<Caller> {
    if (caller.kind === 'user' && !(await this.sessions.identify(caller.token))) throw unauthenticated('Unknown or expired session: log in again');
    return caller;
  }
}
