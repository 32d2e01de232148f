import type { SimServer } from '../http.ts';
import {
  authenticated,
  fail,
  isJsonObject,
  jsonObjectBody,
  requireAccount,
  requireUnblocked,
  retailApiVersions,
  retailMessages,
  type RetailContext,
} from './routes.ts';
import { isValidEmail, normalizeEmail } from './state.ts';

/** Create account's `allowedStatuses` (document 001 lost the list but for ALL; readings.ts). */
export const retailAllowedStatuses = ['ALL', 'PROFESSIONAL', 'NON_PROFESSIONAL'] as const;

const messages = {
  emailRequired: 'Email should be specified',
  metadataRequired: 'Metadata should be specified',
  invalidValue: (field: string) => `Invalid value for ${field} provided`,
  accountExists: (email: string) => `Account with email ${email} already exists`,
  credentialsDisabled: 'Credentials generation disabled',
} as const;

function badRequest(message: string): never {
  return fail(400, 'BAD_REQUEST', message);
}

/** `email` is optional on create; when sent it must be "local-part@domain". */
function optionalEmail(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !isValidEmail(value)) badRequest(retailMessages.validEmail);
  return normalizeEmail(value);
}

/** `metadata` is required (`{}` will do); each given field is a string or null. */
function requiredMetadata(value: unknown): Record<string, string | null> {
  if (value === undefined || value === null) badRequest(messages.metadataRequired);
  if (!isJsonObject(value)) badRequest(messages.invalidValue('metadata'));
  for (const [field, fieldValue] of Object.entries(value)) {
    if (fieldValue !== null && typeof fieldValue !== 'string') badRequest(messages.invalidValue(`metadata.${field}`));
  }
  return value as Record<string, string | null>;
}

function optionalAllowedStatuses(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!(retailAllowedStatuses as readonly unknown[]).includes(value)) badRequest(messages.invalidValue('allowedStatuses'));
  return value as string;
}

/** Change email's `email`: absent or blank is "should be specified", malformed is "Valid email ...". */
function requiredEmail(value: unknown): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) badRequest(messages.emailRequired);
  if (typeof value !== 'string' || !isValidEmail(value)) badRequest(retailMessages.validEmail);
  return normalizeEmail(value);
}

function profileLinks(ctx: RetailContext, token: string) {
  const page = (theme: string) => `${ctx.baseUrl()}/profile/${token}?theme=${theme}`;
  return { LIGHT: page('LIGHT'), DARK: page('DARK') };
}

/**
 * Account, profile and tracking writes of document 001, under /api/v1 and /api/v2 alike. Checks run
 * body first, then the account (404), then its state (422), as a framework validating the body would.
 */
export function registerRetailAccountRoutes(server: SimServer, ctx: RetailContext): void {
  for (const version of retailApiVersions) {
    const base = `/api/${version}/accounts`;

    server.route(
      'POST',
      base,
      authenticated(ctx, 'accounts', (req) => {
        const body = jsonObjectBody(req) ?? badRequest(retailMessages.bodyNotObject);
        const email = optionalEmail(body.email);
        const metadata = requiredMetadata(body.metadata);
        const allowedStatuses = optionalAllowedStatuses(body.allowedStatuses);
        if (email !== undefined && ctx.state.findByEmail(email)) fail(422, 'ACCOUNT_ALREADY_EXISTS', messages.accountExists(email));
        const account = ctx.state.createAccount({
          ...(email === undefined ? {} : { email }),
          metadata,
          ...(allowedStatuses === undefined ? {} : { allowedStatuses }),
        });
        return { status: 200, body: { accountId: account.id } };
      }),
    );

    server.route(
      'POST',
      `${base}/:accountId/reset-password`,
      authenticated(ctx, 'accounts', (req) => {
        const account = requireAccount(ctx, req.params.accountId ?? '');
        if (!ctx.state.credentialsGeneration) fail(422, 'CREDENTIALS_GENERATION_DISABLED', messages.credentialsDisabled);
        ctx.state.resetPassword(requireUnblocked(account));
        return { status: 200 };
      }),
    );

    server.route(
      'POST',
      `${base}/:accountId/change-email`,
      authenticated(ctx, 'accounts', (req) => {
        const email = requiredEmail(jsonObjectBody(req)?.email);
        const account = requireAccount(ctx, req.params.accountId ?? '');
        // readings.ts: the document's follow-up for this reason is "make sure the new email differs".
        if (account.email === email) fail(422, 'CREDENTIALS_GENERATION_DISABLED', messages.credentialsDisabled);
        const holder = ctx.state.findByEmail(email);
        if (holder && holder.id !== account.id) fail(422, 'ACCOUNT_ALREADY_EXISTS', messages.accountExists(email));
        ctx.state.changeEmail(account, email);
        return { status: 200 };
      }),
    );

    server.route(
      'POST',
      `${base}/:accountId/profile-link`,
      authenticated(ctx, 'tokens', (req) => {
        const account = requireAccount(ctx, req.params.accountId ?? '');
        const link = ctx.state.issueProfileLink(account);
        return { status: 200, body: { profilePageByTheme: profileLinks(ctx, link.token), expiresAt: link.expiresAt } };
      }),
    );

    server.route(
      'POST',
      `/api/${version}/track`,
      authenticated(ctx, 'accounts', (req) => {
        // "All the parameters are optional, but the object itself is required."
        const body = jsonObjectBody(req) ?? badRequest(retailMessages.bodyNotObject);
        ctx.state.trials.push(body);
        return { status: 200 };
      }),
    );
  }
}
