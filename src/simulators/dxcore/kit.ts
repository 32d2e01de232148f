import type { Handler, SimRequest, SimResponse } from '../http.ts';
import type { Access } from './auth.ts';
import type { Principal, SessionStore } from './sessions.ts';
import type { SsoTokens } from './sso.ts';
import type { DxCoreState } from './state.ts';

/** What every route module gets from the simulator. */
export interface RouteContext {
  state: DxCoreState;
  sessions: SessionStore;
  access: Access;
  sso: SsoTokens;
  /** The Retail simulator's link, when there is one (DxCoreSimulatorOptions.dxFeed). */
  dxFeed: DxFeedLink | undefined;
}

/** What dxCore asks of dxFeed: disable-and-terminate with `cancelDxFeedSubscriptions` (document 003). */
export interface DxFeedLink {
  cancelAllSubscriptions(accountId: string): void;
}

export type AuthedHandler = (req: SimRequest, principal: Principal) => SimResponse;

export const ok = (body: unknown): SimResponse => ({ status: 200, body });
export const noContent = (status = 204): SimResponse => ({ status });
export const text = (body: string): SimResponse => ({ status: 200, body, contentType: 'text/plain' });

/** Every path but `/login` and `/ping` needs a live session or Basic credentials. */
export const authed =
  (access: Access, handler: AuthedHandler): Handler =>
  (req) =>
    handler(req, access.authenticate(req));

/** Writes are the service user's (end users are read-only): anyone else gets 403 20020. */
export const serviceOnly = (access: Access, handler: (req: SimRequest) => SimResponse): Handler =>
  authed(access, (req, principal) => {
    access.requireService(principal);
    return handler(req);
  });

/** A query parameter, with an empty value read as absent. */
export function queryValue(req: SimRequest, name: string): string | undefined {
  const value = req.query.get(name)?.trim();
  return value ? value : undefined;
}

/** Copies the defined values of `changes` onto `target`: an absent field of an update changes nothing. */
export function assignDefined<T extends object>(target: T, changes: Partial<T>): void {
  for (const [name, value] of Object.entries(changes)) {
    if (value !== undefined) Object.assign(target, { [name]: value });
  }
}
