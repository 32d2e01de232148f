import type { ArgBuilder as PothosArgBuilder, InputFieldMap, InputShapeFromFields, ObjectRef, SchemaTypes } from '@pothos/core';
import { builder, type AuthScopes } from './builder.ts';
import type { Context } from './context.ts';
import { asTypedError } from './errors.ts';
import { AccessDeniedError, ConflictError, GatewayError, NotFoundError, RejectedError, UpstreamUnavailableError, ValidationError } from './typed-errors.ts';

/**
 * Every mutation is made one way: `mutation(name, { description, args, scope, success, errors, resolve })`
 * adds the root field `name` answering the result union `<Name>Result` of its success payload (named for
 * the outcome, `ClientCreated { client }`) and the typed errors (`Error { code message upstream }`). An
 * upstream failure in `resolve` comes back as a member of that union, not as a GraphQL error. `args`
 * comes before `scope` and `resolve`, whose arguments' type TypeScript reads from it.
 */

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T extends SchemaTypes> ? T : never;

/** What a mutation's `args` are built with (`arg({ type: TransferInput, required: true })`). */
export type ArgBuilder = PothosArgBuilder<Types>;

/** Who may call a mutation: scopes (`{ write: true }`, `{ $all: { ... } }`), or `'public'` (no credentials: `login`). */
export type MutationScope<Args> = 'public' | AuthScopeMap | ((args: Args) => AuthScopeMap);
type AuthScopeMap = Partial<AuthScopes> | { $all: Partial<AuthScopes> } | { $any: Partial<AuthScopes> };

/** A typed error class a mutation may return besides those every mutation has. */
type ErrorClass = new (...args: never[]) => GatewayError;

export interface MutationOptions<Args extends InputFieldMap, Shape> {
  description?: string;
  scope: MutationScope<InputShapeFromFields<Args>>;
  /** The arguments; most mutations take one `input`. */
  args?: (arg: ArgBuilder) => Args;
  /** The success member: a payload named for the outcome. */
  success: ObjectRef<Types, Shape>;
  /** Typed errors besides those every mutation has (below). */
  errors?: ErrorClass[];
  resolve: (args: InputShapeFromFields<Args>, ctx: Context) => Promise<Shape>;
}

/** The error members every mutation result has. */
const mutationErrorTypes: ErrorClass[] = [ValidationError, NotFoundError, ConflictError, RejectedError, AccessDeniedError, UpstreamUnavailableError];

const resultUnionName = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}Result`;

/** Adds the mutation `name` (see above). */
export function mutation<Args extends InputFieldMap, Shape>(name: string, options: MutationOptions<Args, Shape>): void {
  const { scope } = options;
  builder.mutationField(name, (t) =>
    t.field({
      type: options.success,
      nullable: true,
      description: options.description,
      ...(scope === 'public' ? {} : { authScopes: typeof scope === 'function' ? (_parent: unknown, args: InputShapeFromFields<Args>) => scope(args) : scope }),
      args: options.args?.(t.arg) ?? ({} as Args),
      errors: { types: [...mutationErrorTypes, ...(options.errors ?? [])], directResult: true, union: { name: resultUnionName(name) } },
      // Pothos cannot check a resolver against a shape that is still a type parameter; `options.resolve` is checked against it.
      resolve: (async (_root: unknown, args: InputShapeFromFields<Args>, ctx: Context) => {
        try {
          return await options.resolve(args, ctx);
        } catch (error) {
          // The errors plugin returns only the typed classes as union members: an upstream failure becomes one.
          throw asTypedError(error);
        }
      }) as never,
    }),
  );
}

/** An upstream failure of this call as a typed error naming `field` (where a VALIDATION points), not the whole `input`. */
export async function naming<T>(field: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asTypedError(error, field);
  }
}

/** A success payload holding the one record a write changed: `MarketDataAccountCreated { account }`. */
export function recordPayload<Key extends string, Item>(
  name: string,
  key: Key,
  type: ObjectRef<Types, Item>,
  descriptions: { payload?: string; record?: string } = {},
): ObjectRef<Types, { [K in Key]: Item }> {
  return builder.objectRef<{ [K in Key]: Item }>(name).implement({
    description: descriptions.payload,
    // As in `mutation`, the resolver's shape is still a type parameter here.
    fields: (t) => ({ [key]: t.field({ type, description: descriptions.record, resolve: ((payload: { [K in Key]: Item }) => payload[key]) as never }) }),
  });
}
