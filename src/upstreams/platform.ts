import { z } from 'zod';
import { optional } from './decode.ts';
import { platformPaths } from '../readings.ts';
import { UpstreamHttp, type UpstreamHttpOptions } from './http.ts';
import { endpoint } from './parameters.ts';

/** A Platform account's type, as document 004 lists them. */
export const platformAccountTypes = ['TRADING', 'PORTFOLIO'] as const;

/** A Platform account as document 004 shows it. */
export const platformAccount = z.object({
  id: z.string(),
  created_at: optional(z.string()),
  updated_at: optional(z.string()),
  account_group_id: optional(z.string()),
  type: optional(z.string()),
  users: optional(z.array(z.object({ id: z.string(), type: optional(z.string()) }))),
  account_number: optional(z.number()),
  name: optional(z.string()),
  status: optional(z.string()),
});
export type PlatformAccount = z.infer<typeof platformAccount>;

const accountPage = z.object({
  meta: z.object({ total_count: z.number().int().nonnegative(), offset: optional(z.number()), count: optional(z.number()) }),
  data: z.array(platformAccount),
});

export interface PlatformListQuery {
  sort?: 'created_at' | 'updated_at' | undefined;
  order?: 'ASC' | 'DESC' | undefined;
  offset: number;
  limit: number;
}

const platformErrorBody = z.object({ code: optional(z.string()), message: optional(z.string()) });

export function parsePlatformError(body: unknown): { code?: string; message?: string } {
  const parsed = platformErrorBody.safeParse(body);
  return parsed.success ? parsed.data : {};
}

const listQuery = (q: PlatformListQuery) => ({ sort: q.sort, order: q.order, offset: String(q.offset), limit: String(q.limit) });

/** Platform accounts API reads (document 004; paths per readings.ts), with the gateway's `Bearer` key. */
export class PlatformUpstream {
  readonly http: UpstreamHttp;
  private readonly authorization: string;

  constructor(url: URL, apiKey: string, options: Omit<UpstreamHttpOptions, 'parseError'> = {}) {
    this.http = new UpstreamHttp('platform', url, { ...options, parseError: parsePlatformError });
    this.authorization = `Bearer ${apiKey}`;
  }

  accounts(query: PlatformListQuery) {
    return this.http.request({ ...endpoint('GET', platformPaths.accounts), query: listQuery(query), authorization: this.authorization, schema: accountPage });
  }

  userAccounts(userId: string, query: PlatformListQuery) {
    return this.http.request({ ...endpoint('GET', platformPaths.userAccounts, { userId }), query: listQuery(query), authorization: this.authorization, schema: accountPage });
  }

  account(accountId: string) {
    return this.http.request({ ...endpoint('GET', platformPaths.account, { accountId }), authorization: this.authorization, schema: platformAccount });
  }

  createAccount(body: { user_id: string; account_group_id: string; type: string; name?: string | undefined }) {
    return this.http.request({ ...endpoint('POST', platformPaths.accounts), json: body, authorization: this.authorization, schema: platformAccount });
  }

  renameAccount(accountId: string, name: string) {
    return this.http.request({ ...endpoint('PATCH', platformPaths.account, { accountId }), json: { name }, authorization: this.authorization, schema: platformAccount, idempotent: true });
  }

  /** Starts the asynchronous closure (202); the account reads CLOSING, then CLOSED. */
  closeAccount(accountId: string) {
    return this.http.request({ ...endpoint('DELETE', platformPaths.account, { accountId }), authorization: this.authorization, schema: z.unknown(), idempotent: true });
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
