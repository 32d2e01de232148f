import type { PlatformAccount } from '../../upstreams/platform.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { asTypedError, guarded, resultUnion } from '../errors.ts';
import { forget, loaded } from '../loading.ts';
import { requireText } from '../validation.ts';
import { ValidationError } from '../error-types.ts';
import { PlatformAccountNode, PlatformAccountType, type PlatformAccountRef } from './platform-account.ts';

/**
 * Writes of the Platform accounts API (document 004): create, rename, and the asynchronous closure.
 * Codes the document does not show are readings (src/readings.ts, `platformWriteCodes`).
 */

const nameMaxLength = 100;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Document 004 gives every id the uuid format: anything else cannot name an account, so no call is made. */
function requireUuid(field: string, value: string | number): string {
  const id = String(value).trim();
  if (!uuidPattern.test(id)) throw new ValidationError(field, `${field} must be a uuid`);
  return id;
}

async function naming<T>(field: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asTypedError(error, field);
  }
}

/** The account as the write answered it: later reads in this request use that answer, not an older one. */
function fresh(ctx: Context, record: PlatformAccount): PlatformAccountRef {
  const ref = loaded(record.id, record);
  PlatformAccountNode.getDataloader(ctx).clear(record.id).prime(record.id, ref);
  // Account lists read earlier in the request (a user's accounts) no longer hold.
  forget(ctx, 'platform:');
  return ref;
}

const writeScope = { write: true } as const;

interface AccountResult {
  account: PlatformAccountRef;
}

const accountResult = (name: string, description: string, accountDescription: string) =>
  builder.objectRef<AccountResult>(name).implement({
    description,
    fields: (t) => ({ account: t.field({ type: PlatformAccountNode, description: accountDescription, resolve: (s) => s.account }) }),
  });

const CreatePlatformAccountInput = builder.inputType('CreatePlatformAccountInput', {
  fields: (t) => ({
    userId: t.id({ required: true, description: 'The owner: a Platform user uuid.' }),
    accountGroupId: t.id({ required: true, description: 'An account group uuid.' }),
    type: t.field({ type: PlatformAccountType, required: true, description: 'TRADING: orders per instrument; PORTFOLIO: orders on a portfolio basis.' }),
    name: t.string({ description: `At most ${nameMaxLength} characters.` }),
  }),
});

const PlatformAccountCreated = accountResult('PlatformAccountCreated', 'A new Platform account.', 'The account as the Platform created it.');

builder.mutationField('createPlatformAccount', (t) =>
  t.field({
    type: PlatformAccountCreated,
    nullable: true,
    description: 'Creates a Platform account for a user. PLATFORM_USER_NOT_FOUND or ACCOUNT_GROUP_NOT_FOUND when they do not exist.',
    authScopes: writeScope,
    args: { input: t.arg({ type: CreatePlatformAccountInput, required: true }) },
    errors: resultUnion('CreatePlatformAccountResult'),
    resolve: guarded(async (_, { input }, ctx) => {
      const body = {
        user_id: requireUuid('input.userId', input.userId),
        account_group_id: requireUuid('input.accountGroupId', input.accountGroupId),
        type: input.type,
        ...(input.name === null || input.name === undefined ? {} : { name: requireText('input.name', input.name, nameMaxLength) }),
      };
      const record = await naming('input', () => ctx.upstreams.platform.createAccount(body));
      return { account: fresh(ctx, record) };
    }),
  }),
);

const RenamePlatformAccountInput = builder.inputType('RenamePlatformAccountInput', {
  fields: (t) => ({
    accountId: t.id({ required: true, description: 'The Platform account uuid.' }),
    name: t.string({ required: true, description: `At most ${nameMaxLength} characters.` }),
  }),
});

const PlatformAccountRenamed = accountResult('PlatformAccountRenamed', 'The account has its new name.', 'The account as the Platform answered the update.');

builder.mutationField('renamePlatformAccount', (t) =>
  t.field({
    type: PlatformAccountRenamed,
    nullable: true,
    description: 'Renames a Platform account. PLATFORM_ACCOUNT_CLOSED for a closing or closed account.',
    authScopes: writeScope,
    args: { input: t.arg({ type: RenamePlatformAccountInput, required: true }) },
    errors: resultUnion('RenamePlatformAccountResult'),
    resolve: guarded(async (_, { input }, ctx) => {
      const accountId = requireUuid('input.accountId', input.accountId);
      const name = requireText('input.name', input.name, nameMaxLength);
      const record = await naming('input.name', () => ctx.upstreams.platform.renameAccount(accountId, name));
      return { account: fresh(ctx, record) };
    }),
  }),
);

const ClosePlatformAccountInput = builder.inputType('ClosePlatformAccountInput', {
  fields: (t) => ({ accountId: t.id({ required: true, description: 'The Platform account uuid.' }) }),
});

const PlatformAccountClosureAccepted = accountResult(
  'PlatformAccountClosureAccepted',
  'The Platform accepted the closure and carries it out asynchronously: the account reads CLOSING, then CLOSED (the ACCOUNT.CLOSED event says when).',
  'The account as read after the request was accepted (CLOSING, or CLOSED if the Platform was quick).',
);

builder.mutationField('closePlatformAccount', (t) =>
  t.field({
    type: PlatformAccountClosureAccepted,
    nullable: true,
    description: 'Starts closing a Platform account. Repeating it while CLOSING is accepted again; a CLOSED account is PLATFORM_ACCOUNT_CLOSED.',
    authScopes: writeScope,
    args: { input: t.arg({ type: ClosePlatformAccountInput, required: true }) },
    errors: resultUnion('ClosePlatformAccountResult'),
    resolve: guarded(async (_, { input }, ctx) => {
      const accountId = requireUuid('input.accountId', input.accountId);
      await naming('input.accountId', () => ctx.upstreams.platform.closeAccount(accountId));
      // The answer has no body: the account is read afresh when the caller selects it.
      PlatformAccountNode.getDataloader(ctx).clear(accountId);
      forget(ctx, 'platform:');
      return { account: { key: accountId } };
    }),
  }),
);
