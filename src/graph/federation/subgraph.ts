import { printSubgraphSchema } from '@apollo/subgraph';
import { RequestCache } from '@pothos/plugin-scope-auth';
import { getNamedType, GraphQLError, isUnionType, specifiedScalarTypes, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { quoteCallerText } from '../../caller-text.ts';
import { ParameterError } from '../../upstreams/parameters.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { ownRecord } from '../record-scopes.ts';
import { refusedParameter } from '../refused-parameters.ts';
import { ownRecordEntities } from './entities.ts';

const unauthenticated = () =>
  new GraphQLError('Authentication required: send "Authorization: Bearer <key>" or "DXAPI <token>"', { extensions: { code: 'UNAUTHENTICATED' } });

const tooManyRepresentations = (given: number, max: number) =>
  new GraphQLError(`_entities takes at most ${max} representations, got ${given}`, { extensions: { code: 'MAX_REPRESENTATIONS_EXCEEDED', http: { status: 400 } } });

const invalidRepresentation = (index: number, detail: string) =>
  new GraphQLError(`representations[${index}]: ${detail}`, { extensions: { code: 'VALIDATION', field: `representations.${index}` } });

/** The `__typename` of each representation, each one an entity of this graph; refused whole otherwise, before any call. */
function typenamesOf(representations: readonly unknown[], entities: ReadonlySet<string>): string[] {
  return representations.map((representation, index) => {
    const typename: unknown = typeof representation === 'object' && representation !== null ? (representation as { __typename?: unknown }).__typename : undefined;
    if (typeof typename !== 'string') throw invalidRepresentation(index, 'an object with a __typename is needed');
    if (!entities.has(typename)) throw invalidRepresentation(index, `${quoteCallerText(typename)} is no entity of this graph`);
    return typename;
  });
}

/**
 * An end user's representation of an own-record type (an account) is granted as `account(...)` grants
 * it, at that entity's path: dxCore answers their session for their own records only.
 */
function grantOwnRecords(ctx: Context, typenames: readonly string[], path: GraphQLResolveInfo['path']): void {
  if (ctx.caller.kind !== 'user') return;
  const grants = RequestCache.fromContext(ctx, builder);
  typenames.forEach((typename, index) => {
    if (ownRecordEntities.has(typename)) grants.saveGrantedScopes([ownRecord], { prev: path, key: index, typename: undefined });
  });
}

/** A key the upstream client refuses to put in a path is that representation's VALIDATION, named `representations.<i>.<field>`, as an argument's is. */
const refusedKeysAsValidation = (entities: readonly unknown[], representations: readonly unknown[]) =>
  entities.map((entity, index) =>
    Promise.resolve(entity).catch((error: unknown) => {
      throw error instanceof ParameterError ? refusedParameter(error, { representations: { [index]: representations[index] } }) : error;
    }),
  );

/**
 * `_entities` is built by the federation plugin outside Pothos, so nothing of the graph's own field
 * wrapping reaches it: here it gets what `nodes(ids:)` has. A caller must be identified; the
 * representations are bounded (GRAPHQL_LIMITS `representations`) and each must name an entity, both
 * refused whole before any call; the cost multiplies what it selects by its representations. Each
 * type's scopes and loading are its reference resolver's (entities.ts). Wrapped in place, as
 * graphql-tools' `updateResolversInPlace` does.
 */
function guardEntities(schema: GraphQLSchema): void {
  const field = schema.getQueryType()?.getFields()._entities;
  const entityUnion = field && getNamedType(field.type);
  if (!field?.resolve || !isUnionType(entityUnion)) throw new Error('the subgraph schema has no _entities field');
  const entities = new Set(entityUnion.getTypes().map((t) => t.name));
  const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve;
  field.resolve = (source, args: { representations: readonly unknown[] }, ctx: Context, info) => {
    if (ctx.caller.kind === 'anonymous') throw unauthenticated();
    const { representations } = args;
    if (representations.length > ctx.limits.representations) throw tooManyRepresentations(representations.length, ctx.limits.representations);
    grantOwnRecords(ctx, typenamesOf(representations, entities), info.path);
    return refusedKeysAsValidation(resolve(source, args, ctx, info) as unknown[], representations);
  };
  field.extensions = { ...field.extensions, complexity: (args: { representations: readonly unknown[] }) => ({ field: 1, multiplier: args.representations.length }) };
}

/** The graph as an Apollo Federation v2 subgraph: every type and field, plus `_service { sdl }` and `_entities`. */
export function subgraphSchema(): GraphQLSchema {
  const schema = builder.toSubGraphSchema({});
  guardEntities(schema);
  // The directives plugin gives every type a mock AST node, graphql-js's built-in scalars too, which every
  // schema in the process shares (codegen then reads them as custom scalars): they get their own back.
  for (const scalar of specifiedScalarTypes) scalar.astNode = undefined;
  return schema;
}

/** The subgraph SDL with its federation directives, as `_service { sdl }` answers it and composition reads it. */
export const printedSubgraph = (schema: GraphQLSchema): string => `${printSubgraphSchema(schema)}\n`;
