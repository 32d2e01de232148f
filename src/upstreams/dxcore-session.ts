import { forTheGateway } from './allowance.ts';
import { dxLoginResult, type DxLoginResult } from './dxcore-wire.ts';
import { UpstreamError, type UpstreamHttp } from './http.ts';
import { endpoint } from './parameters.ts';

export interface DxCoreCredentials {
  username: string;
  domain: string;
  password: string;
}

interface LiveSession {
  token: string;
  /** The lifetime `/login` granted; `/ping` extends by half of it. */
  durationMs: number;
  expiresAt: number;
}

/** Calls dxCore's `/login`; shared by the service session and the `login` mutation. */
export function dxLogin(http: UpstreamHttp, credentials: DxCoreCredentials): Promise<DxLoginResult> {
  const { username, domain, password } = credentials;
  return http.request({ ...endpoint('POST', '/login'), json: { username, domain, password }, schema: dxLoginResult });
}

/**
 * The gateway's own dxCore session (document 000, "Authentication by session token").
 *
 * The server extends a session by half its original duration when pinged more than halfway through
 * it, and ignores earlier pings. So the gateway pings only when a call finds the session past
 * halfway: while calls keep coming the session never lapses, and an idle gateway does not keep a
 * session alive for nobody. A session found expired (by the clock or by a 401) is replaced by one
 * fresh login, shared by every call waiting for it. Its logins and pings are made for everyone, so no
 * request's allowance of upstream calls pays for them (one over its allowance would fail them for all).
 */
export class DxCoreServiceSession {
  /** Log in again this long before the known expiry (at most a tenth of the session) rather than risk a call on a dying session. */
  static readonly expiryMarginMs = 1_000;
  private readonly http: UpstreamHttp;
  private readonly credentials: DxCoreCredentials;
  private readonly now: () => number;
  private session: LiveSession | undefined;
  private loggingIn: Promise<LiveSession> | undefined;
  private pinging: Promise<void> | undefined;

  constructor(http: UpstreamHttp, credentials: DxCoreCredentials, now: () => number = Date.now) {
    this.http = http;
    this.credentials = credentials;
    this.now = now;
  }

  /** The `Authorization` header value for the next call, logging in or pinging as the rule says. */
  async authorization(): Promise<string> {
    const session = await this.current();
    if (session.expiresAt - this.now() < session.durationMs / 2) this.ping(session);
    return `DXAPI ${session.token}`;
  }

  /** Forgets a session dxCore refused, so that the next `authorization()` logs in again. */
  invalidate(authorization: string): void {
    if (this.session && authorization === `DXAPI ${this.session.token}`) this.session = undefined;
  }

  /** Waits for a ping in flight (tests and shutdown). */
  async settled(): Promise<void> {
    await this.pinging;
  }

  private async current(): Promise<LiveSession> {
    const session = this.session;
    if (session && session.expiresAt - this.now() > Math.min(DxCoreServiceSession.expiryMarginMs, session.durationMs / 10)) return session;
    this.loggingIn ??= this.login().finally(() => {
      this.loggingIn = undefined;
    });
    return this.loggingIn;
  }

  private async login(): Promise<LiveSession> {
    const started = this.now();
    const result = await forTheGateway(() => dxLogin(this.http, this.credentials));
    this.session = { token: result.sessionToken, durationMs: result.timeout, expiresAt: started + result.timeout };
    return this.session;
  }

  private ping(session: LiveSession): void {
    if (this.pinging) return;
    const sent = this.now();
    this.pinging = forTheGateway(() => this.http.request({ ...endpoint('POST', '/ping'), authorization: `DXAPI ${session.token}`, schema: dxLoginResult }))
      .then((result) => {
        if (this.session !== session) return;
        session.token = result.sessionToken;
        session.expiresAt = sent + result.timeout;
      })
      .catch((error: unknown) => {
        // 403 "Session already expired": drop it so the next call logs in; other failures leave the
        // session as it is and the next call past halfway pings again.
        if (error instanceof UpstreamError && error.status === 403) this.invalidate(`DXAPI ${session.token}`);
      })
      .finally(() => {
        this.pinging = undefined;
      });
  }
}
