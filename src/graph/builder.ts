import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLError, isObjectType, type GraphQLResolveInfo } from 'graphql';
import { quoteCallerText } from '../caller-text.ts';
import { fieldComplexity } from './complexity.ts';
import type { Context } from './context.ts';
import RefusedParametersPlugin from './refused-parameters.ts';
import TurnsPlugin from './turns.ts';

export interface AuthScopes {
  read: boolean;
  write: boolean;
  transfers: boolean;
  admin: boolean;
  /** An end user calling with their own dxCore session. */
  endUser: boolean;
}

const tooManyIds = (given: number, max: number) =>
  new GraphQLError(`nodes(ids:) takes at most ${max} ids, got ${given}`, { extensions: { code: 'MAX_NODE_IDS_EXCEEDED', http: { status: 400 } } });

/** Each global id names a Node type of the schema: for another name Pothos throws an untyped error quoting it. */
function requireNodeTypes(ids: readonly { typename: string }[], info: GraphQLResolveInfo): void {
  for (const { typename } of ids) {
    const type = info.schema.getType(typename);
    if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === 'Node')) {
      throw new GraphQLError(`Invalid global ID: it names no type with ids (${quoteCallerText(typename)})`, { extensions: { code: 'VALIDATION' } });
    }
  }
}

/**
 * The builder: plugins (turns outermost, so that a field waiting for its turn runs nothing yet; then
 * scope-auth, errors before refused-parameters before dataloader; directives and federation last, after
 * the plugins that wrap resolvers), context, scalars. No domain types.
 */
export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: AuthScopes;
  Connection: { totalCount: number };
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string | number };
  };
}>({
  plugins: [TurnsPlugin, ScopeAuthPlugin, ErrorsPlugin, RefusedParametersPlugin, DataloaderPlugin, RelayPlugin, ComplexityPlugin, DirectivesPlugin, FederationPlugin],
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
    nodeQueryOptions: {
      authScopes: { read: true },
      resolve: (_root, { id }, _ctx, info, resolveNode) => {
        requireNodeTypes([id], info);
        return resolveNode(id);
      },
    },
    nodesQueryOptions: {
      authScopes: { read: true },
      // Each id may be an upstream call: refused whole, before any, past the limit.
      resolve: (_root, { ids }, ctx, info, resolveNodes) => {
        if (ids.length > ctx.limits.nodeIds) throw tooManyIds(ids.length, ctx.limits.nodeIds);
        requireNodeTypes(ids, info);
        return resolveNodes(ids);
      },
    },
  },
  errors: { defaultTypes: [] },
  // Each field's cost; no `limit` here: src/security/cost.ts refuses an operation before it runs, with its variables.
  complexity: { fieldComplexity },
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
