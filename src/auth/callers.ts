import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { fromThisMachine } from '../security/origins.ts';
import type { Scope } from './scopes.ts';
import type { SessionStore, UserIdentity } from './sessions.ts';

/** Who is calling: a partner key with scopes, an end user's dxCore session, or nobody. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'partner'; scopes: ReadonlySet<Scope>; /** The key's SHA-256 (hex, 32 digits): names it in counters, never the key. */ keyId: string }
  | { kind: 'user'; token: string; identity: UserIdentity };

const digest = (key: string) => createHash('sha256').update(key).digest();

/** Where a request or connection came from: its socket's address and the `Host` it named. */
export interface CallerPlace {
  address: string | undefined;
  host: string | null | undefined;
}

interface KeyEntry {
  digest: Buffer;
  scopes: ReadonlySet<Scope>;
  /** Taken only from this machine by a loopback name: demo mode's fixed, documented key. */
  local: boolean;
}

/** Partner keys, compared as SHA-256 digests in constant time. */
export class ApiKeys {
  private readonly entries: KeyEntry[];

  /** `localKeys` are accepted only from this machine by a loopback name (demo mode's key, which everyone knows). */
  constructor(keys: Map<string, Set<Scope>>, localKeys: Map<string, Set<Scope>> = new Map()) {
    const entries = (map: Map<string, Set<Scope>>, local: boolean) => [...map].map(([key, scopes]) => ({ digest: digest(key), scopes, local }));
    this.entries = [...entries(keys, false), ...entries(localKeys, true)];
  }

  /** The key's scopes and id, when it is one of ours; `local` when it is taken from this machine only. */
  find(key: string): { scopes: ReadonlySet<Scope>; keyId: string; local: boolean } | undefined {
    const given = digest(key);
    let found: KeyEntry | undefined;
    for (const entry of this.entries) if (timingSafeEqual(entry.digest, given)) found = entry;
    return found && { scopes: found.scopes, keyId: given.toString('hex').slice(0, 32), local: found.local };
  }
}

export const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/** Reads the `Authorization` header per the contract; a credential that is present but wrong, or a local key from elsewhere, is refused. */
async function identifyCaller(header: string | null, place: CallerPlace, keys: ApiKeys, sessions: SessionStore): Promise<Caller> {
  if (header === null || header.trim() === '') return { kind: 'anonymous' };
  const [scheme, credential, ...rest] = header.trim().split(/\s+/);
  if (!credential || rest.length > 0) throw unauthenticated('Authorization must be "Bearer <key>" or "DXAPI <token>"');
  switch (scheme?.toLowerCase()) {
    case 'bearer': {
      const key = keys.find(credential);
      if (!key) throw unauthenticated('Unknown API key');
      if (key.local && !fromThisMachine(place.address, place.host)) throw unauthenticated('The demo key is accepted only from this machine, at http://localhost');
      return { kind: 'partner', scopes: key.scopes, keyId: key.keyId };
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

  /** An HTTP request's caller, from its `Authorization` header (`address`: its socket's); the same promise for every asker. */
  ofRequest(request: Request, address: string | undefined): Promise<Caller> {
    let caller = this.requests.get(request);
    if (!caller) {
      caller = identifyCaller(request.headers.get('authorization'), { address, host: request.headers.get('host') }, this.keys, this.sessions);
      this.requests.set(request, caller);
    }
    return caller;
  }

  /** A graphql-ws connection's caller, from `connection_init`'s `connectionParams.authorization`, kept for its operations. */
  ofConnection(connectionParams: Readonly<Record<string, unknown>> | undefined, place: CallerPlace): Promise<Caller> {
    const value = connectionParams?.authorization;
    if (value !== undefined && value !== null && typeof value !== 'string') return Promise.reject(unauthenticated('connectionParams.authorization must be a string'));
    return identifyCaller(value ?? null, place, this.keys, this.sessions);
  }

  /** A connection's caller for one more operation: an end user's session must still be known (a logout or revocation ends it). */
  async stillSignedIn(caller: Caller): Promise<Caller> {
    if (caller.kind === 'user' && !(await this.sessions.identify(caller.token))) throw unauthenticated('Unknown or expired session: log in again');
    return caller;
  }
}
