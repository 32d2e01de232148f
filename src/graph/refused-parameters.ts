import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { getArgumentValues, type GraphQLFieldResolver, type GraphQLResolveInfo } from 'graphql';
import { ParameterError } from '../upstreams/parameters.ts';
import { parsePairKey } from './loading.ts';
import { type GatewayError, UpstreamUnavailableError, ValidationError } from './typed-errors.ts';

/**
 * The upstream clients refuse a value they would put into a request (upstreams/parameters.ts), naming
 * the upstream's parameter. The caller must hear which of *their* fields it was: the field whose
 * argument holds the refused value, found by looking for the value in the arguments, so no table maps
 * parameters to fields.
 */

/** The caller's text as the gateway may have used it: as given, trimmed, or as the key inside a global id. */
function readings(text: string): string[] {
  try {
    const { id } = decodeGlobalID(text);
    return [text, text.trim(), id, ...pairParts(id)];
  } catch {
    return [text, text.trim()];
  }
}

function pairParts(key: string): string[] {
  try {
    return parsePairKey(key);
  } catch {
    return [];
  }
}

const sameList = (a: readonly unknown[], b: readonly string[]) => a.length === b.length && a.every((item, i) => item === b[i]);

/** Every argument path (`input.groupName`, `recipients`) whose value is, or could have become, `value`. */
function pathsHolding(args: unknown, value: string | readonly string[], path: string): string[] {
  if (typeof args === 'string') return typeof value === 'string' && readings(args).includes(value) ? [path] : [];
  if (Array.isArray(args)) {
    if (typeof value !== 'string' && sameList(args, value)) return [path];
    return args.flatMap((item: unknown, i) => pathsHolding(item, value, `${path}.${i}`));
  }
  if (args && typeof args === 'object') return Object.entries(args).flatMap(([key, item]) => pathsHolding(item, value, path ? `${path}.${key}` : key));
  return [];
}

/**
 * The typed error for a refused request parameter: a `ValidationError` naming the caller's field that
 * holds the value (the one named like the parameter when several do); when none does, the value came
 * from an upstream's answer, which the gateway cannot use (`UPSTREAM_BAD_RESPONSE`).
 */
export function refusedParameter(error: ParameterError, args: unknown): GatewayError {
  const paths = pathsHolding(args, error.value, '');
  const field = paths.find((p) => p.split('.').at(-1) === error.parameter) ?? paths[0];
  if (field) return new ValidationError(field, `${field} ${error.problem}`);
  return new UpstreamUnavailableError('UPSTREAM_BAD_RESPONSE', `An upstream answered a value the gateway cannot send as ${error.parameter}: it ${error.problem}`);
}

/** The field's arguments before Pothos maps them (a global id is still the caller's string). */
function argumentsAsSent(info: GraphQLResolveInfo): Record<string, unknown> {
  const field = info.parentType.getFields()[info.fieldName];
  const node = info.fieldNodes[0];
  return field && node ? getArgumentValues(field, node, info.variableValues) : {};
}

/**
 * Pothos plugin: a field with arguments whose resolver (loaders included) hits a refused request
 * parameter throws `refusedParameter`'s typed error instead, which the errors plugin (outside this one)
 * returns as a mutation's union member and `maskError` turns into a query's coded error. Relay's `node`
 * and `nodes` answer a load's error as a value, so errors in the result are mapped too. Written here
 * because the errors plugin has no hook to map one error to another.
 */
class RefusedParametersPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: GraphQLFieldResolver<unknown, Types['Context'], object>, fieldConfig: PothosOutputFieldConfig<Types>): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (Object.keys(fieldConfig.args).length === 0) return resolver;
    return (parent, args, context, info) => {
      const mapped = (value: unknown) => (value instanceof ParameterError ? refusedParameter(value, argumentsAsSent(info)) : value);
      const mappedResult = (result: unknown) => (Array.isArray(result) ? result.map(mapped) : mapped(result));
      const rethrown = (error: unknown) => {
        throw mapped(error);
      };
      // A resolver that answers at once is mapped at once: no promise per field where none was.
      let result: unknown;
      try {
        result = resolver(parent, args, context, info);
      } catch (error) {
        return rethrown(error);
      }
      return result instanceof Promise ? result.then(mappedResult, rethrown) : mappedResult(result);
    };
  }
}

const pluginName = 'refusedParameters';

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      refusedParameters: RefusedParametersPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin(pluginName, RefusedParametersPlugin);

export default pluginName;
