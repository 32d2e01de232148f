import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Scope } from '../config.ts';

export interface UserIdentity {
  login: string;
  domain: string;
}

/** Who is calling: a partner key with scopes, an end user's dxCore session, or nobody. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'partner'; scopes: ReadonlySet<Scope> }
  | { kind: 'user'; token: string; identity: UserIdentity };

/**
 * End-user sessions issued by the `login` mutation: dxCore token -> the user it belongs to. dxCore
 * stays the judge of whether a token is alive; this only tells the gateway whose it is.
 */
export class SessionRegistry {
  /** Bound on remembered sessions; the oldest is forgotten first. @default 100_000 */
  static readonly capacity = 100_000;
  private readonly sessions = new Map<string, UserIdentity>();

  remember(token: string, identity: UserIdentity): void {
    this.sessions.delete(token);
    this.sessions.set(token, identity);
    if (this.sessions.size > SessionRegistry.capacity) this.sessions.delete(this.sessions.keys().next().value as string);
  }

  identify(token: string): UserIdentity | undefined {
    return this.sessions.get(token);
  }

  forget(token: string): void {
    this.sessions.delete(token);
  }
}

const digest = (key: string) => createHash('sha256').update(key).digest();

/** Partner keys, compared as SHA-256 digests in constant time. */
export class ApiKeys {
  private readonly entries: { digest: Buffer; scopes: ReadonlySet<Scope> }[];

  constructor(keys: Map<string, Set<Scope>>) {
    this.entries = [...keys].map(([key, scopes]) => ({ digest: digest(key), scopes }));
  }

  scopesOf(key: string): ReadonlySet<Scope> | undefined {
    const given = digest(key);
    let found: ReadonlySet<Scope> | undefined;
    for (const entry of this.entries) if (timingSafeEqual(entry.digest, given)) found = entry.scopes;
    return found;
  }
}

export const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/** Reads the `Authorization` header per the contract; a credential that is present but wrong is refused. */
export function identifyCaller(header: string | null, keys: ApiKeys, sessions: SessionRegistry): Caller {
  if (header === null || header.trim() === '') return { kind: 'anonymous' };
  const [scheme, credential, ...rest] = header.trim().split(/\s+/);
  if (!credential || rest.length > 0) throw unauthenticated('Authorization must be "Bearer <key>" or "DXAPI <token>"');
  switch (scheme?.toLowerCase()) {
    case 'bearer': {
      const scopes = keys.scopesOf(credential);
      if (!scopes) throw unauthenticated('Unknown API key');
      return { kind: 'partner', scopes };
    }
    case 'dxapi': {
      const identity = sessions.identify(credential);
      if (!identity) throw unauthenticated('Unknown or expired session: log in again');
      return { kind: 'user', token: credential, identity };
    }
    default:
      throw unauthenticated('Authorization must be "Bearer <key>" or "DXAPI <token>"');
  }
}
