import { SimEvents } from '../events.ts';
import { SimServer } from '../http.ts';
import type { DxCoreSeed } from '../records.ts';
import { Access, type ServiceCredentials } from './auth.ts';
import { dxFallbacks } from './errors.ts';
import type { DxCoreEvent } from './events.ts';
import type { DxFeedLink } from './kit.ts';
import { registerRoutes } from './routes.ts';
import { SessionStore } from './sessions.ts';
import { SsoTokens } from './sso.ts';
import { DxCoreState } from './state.ts';

export { DxCoreState } from './state.ts';
export type { Principal, LoginResult } from './sessions.ts';
export type { ServiceCredentials } from './auth.ts';
export type { DxCoreEvent } from './events.ts';
export type { DxFeedLink } from './kit.ts';

export interface DxCoreSimulatorOptions {
  seed: DxCoreSeed;
  /** The gateway's service login (a system user, not a client record; it may read everything). */
  service: ServiceCredentials;
  /** Session lifetime for /login, ms. @default 30 * 60_000 */
  sessionDurationMs?: number;
  /** dxFeed (the Retail simulator): told to cancel a user's subscriptions when dxCore disables the user. */
  dxFeed?: DxFeedLink;
}

/** dxCore (document 000) as an HTTP server: auth, sessions, the register / notification reads and writes. */
export class DxCoreSimulator {
  readonly server: SimServer;
  readonly state: DxCoreState;
  /** State changes (transfers, client and account lifecycle), for listeners such as webhooks. */
  readonly events = new SimEvents<DxCoreEvent>();
  private readonly sessions: SessionStore;

  constructor(options: DxCoreSimulatorOptions) {
    this.state = new DxCoreState(options.seed, this.events);
    this.sessions = new SessionStore(options.sessionDurationMs ?? 30 * 60_000);
    const access = new Access(this.state, this.sessions, options.service);
    this.server = new SimServer('dxcore', dxFallbacks);
    registerRoutes(this.server, { state: this.state, sessions: this.sessions, access, sso: new SsoTokens(), dxFeed: options.dxFeed });
  }

  listen(port = 0): Promise<string> {
    return this.server.listen(port);
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** Test hook: every session issued so far is expired now (the next call with it gets 401 20019). */
  expireSessions(): void {
    this.sessions.expireAll();
  }
}
