import { GraphQLError } from 'graphql';
import type { UpstreamRequest } from '../upstreams/http.ts';
import { userKey, type UserIdentity } from './sessions.ts';

/** The dxCore system user's numeric id (document 000: logouts are "not supported for system user"). */
export const systemUserId = 0;

/** A caller named the system user: refused before anything reaches dxCore. */
export class SystemUserError extends GraphQLError {
  constructor() {
    super("dxCore's system user cannot be named by callers", { extensions: { code: 'SYSTEM_USER_NOT_SUPPORTED' } });
  }
}

const segments = (path: string) => path.split('?')[0]!.split('/');

/** The users a dxCore request names: `:domain/:login` path segments, form fields, or a JSON body's fields. */
function namedUsers(req: UpstreamRequest<unknown>, defaultDomain: string): UserIdentity[] {
  const named: UserIdentity[] = [];
  const pattern = segments(req.route.slice(req.route.indexOf(' ') + 1));
  const actual = segments(req.path);
  pattern.forEach((part, i) => {
    // `:domain/:login`; document 000's trade-permission route names its user `trade/:domain/:name` (a client group is `group/:domain/:name`).
    const user = pattern[i + 1] === ':login' || (pattern[i + 1] === ':name' && pattern[i - 1] === 'trade');
    if (part !== ':domain' || !user) return;
    try {
      named.push({ domain: decodeURIComponent(actual[i] ?? ''), login: decodeURIComponent(actual[i + 1] ?? '') });
    } catch {
      // not a segment this gateway encoded: dxCore answers for it
    }
  });
  if (req.form?.login !== undefined) named.push({ login: req.form.login, domain: req.form.domain ?? defaultDomain });
  const body = req.json as { login?: unknown; username?: unknown; domain?: unknown; recipients?: unknown } | undefined;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const login = body.login ?? body.username;
    // A client created without a domain goes to the service user's domain (readings.ts).
    if (typeof login === 'string') named.push({ login, domain: typeof body.domain === 'string' ? body.domain : defaultDomain });
    if (Array.isArray(body.recipients)) {
      for (const recipient of body.recipients) {
        const at = typeof recipient === 'string' ? recipient.lastIndexOf('@') : -1;
        if (at > 0) named.push({ login: (recipient as string).slice(0, at), domain: (recipient as string).slice(at + 1) });
      }
    }
  }
  return named;
}

/**
 * The gateway's own service login is dxCore's system user: it may do everything, so no caller may
 * name it — not to log in as it, make an SSO token for it, check its password, log it out, read,
 * create or change it. Checked on every request to dxCore made for a caller (src/upstreams/dxcore.ts),
 * which is where every caller-named user ends up, however the caller named it: spelled in any case,
 * width or with blanks around it, it is the same user.
 */
export class SystemUser {
  private readonly key: string;
  private readonly domain: string;

  constructor(service: { username: string; domain: string }) {
    this.key = userKey(service.domain, service.username);
    this.domain = service.domain;
  }

  is(user: UserIdentity): boolean {
    return userKey(user.domain, user.login) === this.key;
  }

  /** Throws SystemUserError when `req` names the system user (by login, or by `userId` 0). */
  refuse<T>(req: UpstreamRequest<T>): UpstreamRequest<T> {
    const byId = req.form?.userId !== undefined && Number(req.form.userId) === systemUserId;
    if (byId || namedUsers(req, this.domain).some((user) => this.is(user))) throw new SystemUserError();
    return req;
  }
}
