import { timingSafeEqual } from 'node:crypto';
import { credentialOf, type SimRequest } from '../http.ts';
import type { DxAccount } from '../records.ts';
import { dxCoreSessionExpiredStatus } from '../../readings.ts';
import { dxErrors } from './errors.ts';
import type { Principal, SessionStore } from './sessions.ts';
import type { SsoUser } from './sso.ts';
import { clientKey, type DxCoreState } from './state.ts';

/** The service (system) user's numeric user id: clients count from 1 (readings.ts). */
export const serviceUserId = 0;

/** The gateway's service login: a system user, not a client record. */
export interface ServiceCredentials {
  username: string;
  domain: string;
  password: string;
}

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * Who may call: checks credentials (for `/login` and Basic auth), resolves a request's
 * `Authorization` header to a principal, and answers the end-user permission questions.
 */
export class Access {
  private readonly state: DxCoreState;
  private readonly sessions: SessionStore;
  private readonly service: ServiceCredentials;

  constructor(state: DxCoreState, sessions: SessionStore, service: ServiceCredentials) {
    this.state = state;
    this.sessions = sessions;
    this.service = service;
  }

  /** The principal these credentials log in as; undefined when wrong or when the client is DISABLED. */
  verify(username: string, domain: string, password: string): Principal | undefined {
    const service = this.service;
    if (username === service.username && domain === service.domain) {
      return sameText(password, service.password) ? { kind: 'service' } : undefined;
    }
    const client = this.state.client(domain, username);
    if (!client || client.status === 'DISABLED' || !sameText(password, client.password)) return undefined;
    return { kind: 'client', clientKey: clientKey(domain, username) };
  }

  /** The caller of a request (`DXAPI <token>` or `Basic ...`), or a thrown 401 20019. */
  authenticate(req: SimRequest): Principal {
    const principal = this.fromSession(req) ?? this.fromBasic(req);
    if (!principal || !this.stillAllowed(principal)) throw dxErrors.invalidSession(dxCoreSessionExpiredStatus);
    return principal;
  }

  /** The service user's login domain: the broker's domain, where clients created without one go (readings.ts). */
  get serviceDomain(): string {
    return this.service.domain;
  }

  /** Whether login and domain name the service (system) user. */
  isServiceUser(login: string, domain: string): boolean {
    return login === this.service.username && domain === this.service.domain;
  }

  /** The user that login and domain name, as SSO tokens identify users; undefined for nobody. */
  userNamed(login: string, domain: string): SsoUser | undefined {
    if (this.isServiceUser(login, domain)) return { userName: login, userDomain: domain, userId: serviceUserId };
    const client = this.state.client(domain, login);
    return client && { userName: client.login, userDomain: client.domain, userId: client.userId ?? -1 };
  }

  /** The user a principal acts as. */
  userOf(principal: Principal): SsoUser | undefined {
    if (principal.kind === 'service') return this.userNamed(this.service.username, this.service.domain);
    const client = this.state.clients.get(principal.clientKey);
    return client && this.userNamed(client.login, client.domain);
  }

  /** Whether the user may still log in: the service user always, a client unless removed or DISABLED. */
  mayLogIn(user: SsoUser): boolean {
    if (this.isServiceUser(user.userName, user.userDomain)) return true;
    const client = this.state.client(user.userDomain, user.userName);
    return client !== undefined && client.status !== 'DISABLED';
  }

  requireService(principal: Principal): void {
    if (principal.kind !== 'service') throw dxErrors.accessDenied();
  }

  /** The service user, or the client itself. */
  requireSelf(principal: Principal, domain: string, login: string): void {
    if (principal.kind === 'client' && principal.clientKey === clientKey(domain, login)) return;
    this.requireService(principal);
  }

  /** The service user, or the client that owns the account (an unknown account is nobody's). */
  requireOwner(principal: Principal, account: DxAccount | undefined): void {
    if (principal.kind === 'client' && account?.owner === principal.clientKey) return;
    this.requireService(principal);
  }

  private fromSession(req: SimRequest): Principal | undefined {
    const token = credentialOf(req, 'DXAPI');
    return token === undefined ? undefined : this.sessions.principalOf(token);
  }

  /** Basic base64("username@domain:password"); the domain follows the last '@' of the user part. */
  private fromBasic(req: SimRequest): Principal | undefined {
    const encoded = credentialOf(req, 'Basic');
    if (encoded === undefined) return undefined;
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? '' : decoded.slice(0, colon);
    const at = user.lastIndexOf('@');
    if (at <= 0) return undefined;
    return this.verify(user.slice(0, at), user.slice(at + 1), decoded.slice(colon + 1));
  }

  /** A client's session ends with the client: removed or DISABLED since the login. */
  private stillAllowed(principal: Principal): boolean {
    if (principal.kind === 'service') return true;
    const client = this.state.clients.get(principal.clientKey);
    return client !== undefined && client.status !== 'DISABLED';
  }
}
