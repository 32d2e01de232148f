import {
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { createContextCache } from '@pothos/core';
import type { Context } from './context.ts';

/** Every `Type.field` the operation selects anywhere (through fragments and abstract types). */
export function selectedFieldsByType(ctx: Context): Map<string, Set<string>> {
  const selected = new Map<string, Set<string>>();
  const { schema, query, operationName } = ctx.operation;
  // Parsed again here (it is valid: it was parsed and validated before execution), once per request that reads dxCore.
  const document = parse(query);
  const typeInfo = new TypeInfo(schema);
  // Only the executed operation counts: GraphiQL documents hold several.
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const executed = operations.length === 1 ? operations : operations.filter((d) => d.name?.value === operationName);
  const definitions = [...executed, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)];
  visit(
    { kind: Kind.DOCUMENT, definitions },
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        const fields = selected.get(parent.name) ?? new Set<string>();
        fields.add(field.name);
        selected.set(parent.name, fields);
      },
    }),
  );
  return selected;
}

const selectionCache = createContextCache((ctx: Context) => selectedFieldsByType(ctx));

/** The selected fields of one type in this request's operation (computed once per request). */
export function selectedFieldsOf(ctx: Context, typeName: string): ReadonlySet<string> {
  return selectionCache(ctx).get(typeName) ?? new Set();
}

/**
 * The field names selected under a path below the current field, e.g. `['edges', 'node', 'broker']`
 * from a connection field: the look-ahead a list resolver uses to start a call it will need.
 */
export function selectedBelow(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  for (const name of path) {
    sets = fieldsOf(info, sets)
      .filter((f) => f.name.value === name)
      .flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  }
  return new Set(fieldsOf(info, sets).map((f) => f.name.value));
}

function fieldsOf(info: GraphQLResolveInfo, sets: SelectionSetNode[]): FieldNode[] {
  return sets.flatMap((set) =>
    set.selections.flatMap((selection): FieldNode[] => {
      if (selection.kind === Kind.FIELD) return [selection];
      if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(info, [selection.selectionSet]);
      const fragment = info.fragments[selection.name.value];
      return fragment ? fieldsOf(info, [fragment.selectionSet]) : [];
    }),
  );
}

/** The dxCore `attributes` a request needs for one entity kind, from the fields it selects. */
export function dxAttributes(
  ctx: Context,
  typeName: string,
  fieldAttributes: Readonly<Record<string, readonly string[]>>,
  identifying: readonly string[],
): string {
  const attributes = new Set(identifying);
  for (const field of selectedFieldsOf(ctx, typeName)) fieldAttributes[field]?.forEach((a) => attributes.add(a));
  return [...attributes].sort().join(',');
}

