import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import type { Context } from './context.ts';
import RefusedParametersPlugin from './refused-parameters.ts';

export interface AuthScopes {
  read: boolean;
  write: boolean;
  transfers: boolean;
  admin: boolean;
  /** An end user calling with their own dxCore session. */
  endUser: boolean;
}

/** The builder: plugins (scope-auth first, errors before refused-parameters before dataloader), context, scalars. No domain types. */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: AuthScopes;
  Connection: { totalCount: number };
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string | number };
  };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, RefusedParametersPlugin, DataloaderPlugin, RelayPlugin],
  // Fields are non-null unless they say otherwise; root fields and every field behind its own upstream
  // call are nullable, so one failing call nulls one field, not the whole answer.
  defaultFieldNullability: false,
  scopeAuth: {
    // Subscriptions are authorized when they start, not at each event: a refused caller never subscribes.
    authorizeOnSubscribe: true,
    authScopes: (ctx) => {
      const scopes = ctx.caller.kind === 'partner' ? ctx.caller.scopes : new Set();
      return {
        read: scopes.has('read'),
        write: scopes.has('write'),
        transfers: scopes.has('transfers'),
        admin: scopes.has('admin'),
        endUser: ctx.caller.kind === 'user',
      };
    },
    unauthorizedError: (_parent, ctx, info) =>
      ctx.caller.kind === 'anonymous'
        ? new GraphQLError('Authentication required: send "Authorization: Bearer <key>" or "DXAPI <token>"', { extensions: { code: 'UNAUTHENTICATED' } })
        : new GraphQLError(`Not allowed to use ${info.parentType.name}.${info.fieldName} with these credentials`, { extensions: { code: 'FORBIDDEN' } }),
  },
  relay: {
    cursorType: 'String',
    clientMutationId: 'omit',
    // A node's id names it: readable by whoever got the object, whatever its type's scopes (record-scopes.ts).
    idFieldOptions: { skipTypeScopes: true },
    nodeQueryOptions: { authScopes: { read: true } },
    nodesQueryOptions: { authScopes: { read: true } },
  },
  errors: { defaultTypes: [] },
});

builder.scalarType('DateTime', {
  description: 'A point in time, ISO 8601 in UTC (e.g. 2026-11-21T10:00:00.000Z).',
  serialize: (value) => new Date(value).toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be an ISO 8601 string', { extensions: { code: 'VALIDATION' } });
    return date;
  },
});

builder.queryType({ description: 'Reads across dxCore, the Retail Services Platform and the Platform accounts API.' });
builder.mutationType({});
builder.subscriptionType({
  description: 'Event streams over graphql-ws and SSE: each event once and in order; `after` resumes from the event log without loss.',
});
