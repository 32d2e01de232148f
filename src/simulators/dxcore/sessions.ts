import { randomBytes } from 'node:crypto';

/** Who a request acts as: the gateway's service (system) user, or one client (an end user). */
export type Principal = { kind: 'service' } | { kind: 'client'; clientKey: string };

interface Session {
  principal: Principal;
  /** The duration the session was issued with; every extension is half of it. */
  durationMs: number;
  expiresAt: number;
}

/** What `/login` and `/ping` answer (document 000's LoginResult). */
export interface LoginResult {
  sessionToken: string;
  /** Milliseconds until the session expires. */
  timeout: number;
}

/**
 * dxCore session tokens: issued by `/login`, prolonged by `/ping` with the half-duration rule.
 * A monotonic clock, so that a wall-clock step cannot expire or revive sessions.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly durationMs: number;
  private readonly now: () => number;

  constructor(durationMs: number, now: () => number = () => performance.now()) {
    this.durationMs = durationMs;
    this.now = now;
  }

  issue(principal: Principal): LoginResult {
    const sessionToken = randomBytes(24).toString('base64url');
    this.sessions.set(sessionToken, { principal, durationMs: this.durationMs, expiresAt: this.now() + this.durationMs });
    return { sessionToken, timeout: this.durationMs };
  }

  /** The principal of a live session; undefined for an unknown or expired token. */
  principalOf(token: string): Principal | undefined {
    return this.live(token)?.principal;
  }

  /**
   * Document 000: a session more than halfway through its duration is extended by half of the
   * original duration; otherwise nothing happens. Undefined for an unknown or expired token.
   */
  ping(token: string): LoginResult | undefined {
    const session = this.live(token);
    if (!session) return undefined;
    const half = session.durationMs / 2;
    if (session.expiresAt - this.now() < half) session.expiresAt += half;
    return { sessionToken: token, timeout: Math.max(0, Math.round(session.expiresAt - this.now())) };
  }

  /** Expires every session issued so far; sessions issued later are unaffected. */
  expireAll(): void {
    this.sessions.clear();
  }

  /** Ends one session (a logout by token); an unknown or expired token is already ended. */
  end(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every session of one client ("domain@login"): logged out, disabled or removed. */
  endClientSessions(clientKey: string): void {
    this.revoke((principal) => principal.kind === 'client' && principal.clientKey === clientKey);
  }

  /** Ends every session whose principal matches, e.g. the sessions of a client that was disabled. */
  revoke(matches: (principal: Principal) => boolean): void {
    for (const [token, session] of this.sessions) {
      if (matches(session.principal)) this.sessions.delete(token);
    }
  }

  private live(token: string): Session | undefined {
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (this.now() >= session.expiresAt) {
      // An expired token answers exactly like an unknown one, so it need not be kept.
      this.sessions.delete(token);
      return undefined;
    }
    return session;
  }
}
