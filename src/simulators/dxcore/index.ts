import { SimServer } from '../http.ts';
import type { DxCoreSeed } from '../records.ts';
import { Access, type ServiceCredentials } from './auth.ts';
import { dxFallbacks } from './errors.ts';
import { registerRoutes } from './routes.ts';
import { SessionStore } from './sessions.ts';
import { DxCoreState } from './state.ts';

export { DxCoreState } from './state.ts';
export type { Principal, LoginResult } from './sessions.ts';
export type { ServiceCredentials } from './auth.ts';

export interface DxCoreSimulatorOptions {
  seed: DxCoreSeed;
  /** The gateway's service login (a system user, not a client record; it may read everything). */
  service: ServiceCredentials;
  /** Session lifetime for /login, ms. @default 30 * 60_000 */
  sessionDurationMs?: number;
}

/** dxCore (document 000) as an HTTP server: auth, sessions and the register / notification reads. */
export class DxCoreSimulator {
  readonly server: SimServer;
  readonly state: DxCoreState;
  private readonly sessions: SessionStore;

  constructor(options: DxCoreSimulatorOptions) {
    this.state = new DxCoreState(options.seed);
    this.sessions = new SessionStore(options.sessionDurationMs ?? 30 * 60_000);
    const access = new Access(this.state, this.sessions, options.service);
    this.server = new SimServer('dxcore', dxFallbacks);
    registerRoutes(this.server, { state: this.state, sessions: this.sessions, access });
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
