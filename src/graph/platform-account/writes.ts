import type { PlatformAccount } from '../../upstreams/platform.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { forget, loaded } from '../loading.ts';
import { requireText } from '../validation.ts';
import { ValidationError } from '../typed-errors.ts';
import { mutation, naming, recordPayload } from '../mutations.ts';
import { refuseLegacyId } from '../legacy-ids.ts';
import { PlatformAccountNode, PlatformAccountType, type PlatformAccountRef } from './platform-account.ts';

/**
 * Writes of the Platform accounts API (document 004): create, rename, and the asynchronous closure.
 * Codes the document does not show are readings (src/readings.ts, `platformWriteCodes`).
 */

const nameMaxLength = 100;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Document 004 gives every id the uuid format: anything else cannot name an account, so no call is made. */
function requireUuid(field: string, value: string | number): string {
  const id = refuseLegacyId(field, 'PlatformAccount', String(value).trim());
  if (!uuidPattern.test(id)) throw new ValidationError(field, `${field} must be a uuid`);
  return id;
}

/** The account as the write answered it: later reads in this request use that answer, not an older one. */
function fresh(ctx: Context, record: PlatformAccount): PlatformAccountRef {
  const ref = loaded(record.id, record);
  PlatformAccountNode.getDataloader(ctx).clear(record.id).prime(record.id, ref);
  // Account lists read earlier in the request (a user's accounts) no longer hold.
  forget(ctx, 'platform:');
  return ref;
}

const CreatePlatformAccountInput = builder.inputType('CreatePlatformAccountInput', {
  fields: (t) => ({
    userId: t.id({ required: true, description: 'The owner: a Platform user uuid.' }),
    accountGroupId: t.id({ required: true, description: 'An account group uuid.' }),
    type: t.field({ type: PlatformAccountType, required: true, description: 'TRADING: orders per instrument; PORTFOLIO: orders on a portfolio basis.' }),
    name: t.string({ description: `At most ${nameMaxLength} characters.` }),
  }),
});

const PlatformAccountCreated = recordPayload('PlatformAccountCreated', 'account', PlatformAccountNode, {
  payload: 'A new Platform account.',
  record: 'The account as the Platform created it.',
});

mutation('createPlatformAccount', {
  description: 'Creates a Platform account for a user. PLATFORM_USER_NOT_FOUND or ACCOUNT_GROUP_NOT_FOUND when they do not exist.',
  args: (arg) => ({ input: arg({ type: CreatePlatformAccountInput, required: true }) }),
  scope: { write: true },
  success: PlatformAccountCreated,
  resolve: async ({ input }, ctx) => {
    const body = {
      user_id: requireUuid('input.userId', input.userId),
      account_group_id: requireUuid('input.accountGroupId', input.accountGroupId),
      type: input.type,
      ...(input.name === null || input.name === undefined ? {} : { name: requireText('input.name', input.name, nameMaxLength) }),
    };
    const record = await naming('input', () => ctx.upstreams.platform.createAccount(body));
    return { account: fresh(ctx, record) };
  },
});

const RenamePlatformAccountInput = builder.inputType('RenamePlatformAccountInput', {
  fields: (t) => ({
    accountId: t.id({ required: true, description: 'The Platform account uuid.' }),
    name: t.string({ required: true, description: `At most ${nameMaxLength} characters.` }),
  }),
});

const PlatformAccountRenamed = recordPayload('PlatformAccountRenamed', 'account', PlatformAccountNode, {
  payload: 'The account has its new name.',
  record: 'The account as the Platform answered the update.',
});

mutation('renamePlatformAccount', {
  description: 'Renames a Platform account. PLATFORM_ACCOUNT_CLOSED for a closing or closed account.',
  args: (arg) => ({ input: arg({ type: RenamePlatformAccountInput, required: true }) }),
  scope: { write: true },
  success: PlatformAccountRenamed,
  resolve: async ({ input }, ctx) => {
    const accountId = requireUuid('input.accountId', input.accountId);
    const name = requireText('input.name', input.name, nameMaxLength);
    const record = await naming('input.name', () => ctx.upstreams.platform.renameAccount(accountId, name));
    return { account: fresh(ctx, record) };
  },
});

const ClosePlatformAccountInput = builder.inputType('ClosePlatformAccountInput', {
  fields: (t) => ({ accountId: t.id({ required: true, description: 'The Platform account uuid.' }) }),
});

const PlatformAccountClosureAccepted = recordPayload('PlatformAccountClosureAccepted', 'account', PlatformAccountNode, {
  payload: 'The Platform accepted the closure and carries it out asynchronously: the account reads CLOSING, then CLOSED (the ACCOUNT.CLOSED event says when).',
  record: 'The account as read after the request was accepted (CLOSING, or CLOSED if the Platform was quick).',
});

mutation('closePlatformAccount', {
  description: 'Starts closing a Platform account. Repeating it while CLOSING is accepted again; a CLOSED account is PLATFORM_ACCOUNT_CLOSED.',
  args: (arg) => ({ input: arg({ type: ClosePlatformAccountInput, required: true }) }),
  scope: { write: true },
  success: PlatformAccountClosureAccepted,
  resolve: async ({ input }, ctx) => {
    const accountId = requireUuid('input.accountId', input.accountId);
    await naming('input.accountId', () => ctx.upstreams.platform.closeAccount(accountId));
    // The answer has no body: the account is read afresh when the caller selects it.
    PlatformAccountNode.getDataloader(ctx).clear(accountId);
    forget(ctx, 'platform:');
    return { account: { key: accountId } };
  },
});
